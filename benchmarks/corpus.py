"""Synthetic benchmark corpus in the project's real content formats.

Text is drawn from a Zipf-distributed vocabulary of synthetic words, one vocabulary per language
and script (Latin with each language's letters, Arabic, Cyrillic, Chinese characters), so that
search-index sizes and tokenisation behave like real text. Everything comes from a seeded RNG:
the same scale and seed always give byte-identical files.

The corpus is written into a copy of the project (config, theme overrides, locales, plain pages),
so the project's full build runs its real loaders, validators and page generators on it.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from build_tools.model.profile_fields import text_field_keys

LANGS = ("en", "fr", "de", "es", "ar", "ru", "zh")
VOCABULARY_SIZE = 24_000
ZIPF_EXPONENT = 1.07
BRANCHES = ("old_age", "sickness", "work_injury", "unemployment", "family")
BRANCH_FIELDS = text_field_keys()  # declared once, in build_tools.model.profile_fields
REGIONS = ("africa", "americas", "asia-pacific", "europe")
COUNTRY_REGIONS: dict[str, str] = json.loads(
    (Path(__file__).resolve().parents[1] / "build_tools" / "data" / "regions.json").read_text("utf-8"))
PROGRAM_TYPES = ("social-insurance", "universal", "social-assistance", "provident-fund",
                 "mandatory-individual-account", "employer-liability")
AWARD_LEVELS = ("winner", "special-mention", "certificate-of-merit")
REPORT_TYPES = ("research-report", "policy-brief", "technical-report", "survey")
# Project files copied into a corpus (sources and content are then replaced by synthetic ones).
PROJECT_ITEMS = ("mkdocs.yml", "overrides", "locales", "content")


@dataclass(frozen=True)
class Scale:
    """Corpus size: item counts and the share of items translated into each language."""

    name: str
    guidelines: int
    parts: int
    sections: int
    principles: tuple[int, int]
    good_practices: int
    profiles: int
    reports: int
    translated: dict[str, float]


# Share of items with a translation, per language (the rest fall back to English).
_SHARES = {"fr": 0.45, "es": 0.35, "de": 0.25, "ar": 0.2, "ru": 0.15, "zh": 0.2}

SCALES = {
    "small": Scale("small", guidelines=3, parts=2, sections=2, principles=(2, 3), good_practices=24,
                   profiles=10, reports=5, translated=_SHARES),
    "portal": Scale("portal", guidelines=15, parts=3, sections=3, principles=(3, 5), good_practices=1300,
                    profiles=180, reports=100, translated=_SHARES),
    # A quarter of the portal: does a page grow with the corpus? (see bench.page_growth)
    "quarter": Scale("quarter", guidelines=4, parts=3, sections=3, principles=(3, 5), good_practices=325,
                     profiles=45, reports=25, translated=_SHARES),
}


# --- vocabulary -------------------------------------------------------------------------------

_LATIN = {
    "en": ("b c d f g h k l m n p r s t v w th sh st pr tr ch", "a e i o u ea ou ai y"),
    "fr": ("b c d f g j l m n p r s t v ch qu gr tr pl br", "a e i o u é è ê ou eau ai an on in à"),
    "de": ("b d f g h k l m n p r s t w z sch st pf ch kr", "a e i o u ä ö ü ei au ie"),
    "es": ("b c d f g j l m n p r s t v ll ch rr ñ qu", "a e i o u á é í ó ú ia ue"),
    "ru": ("б в г д ж з к л м н п р с т ф х ц ч ш щ", "а е и о у ы э ю я ё"),
}
_ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_CJK_FIRST, _CJK_COUNT = 0x4E00, 3500


@dataclass
class Vocabulary:
    """Words of one language by rank, and cumulative Zipf weights for fast sampling."""

    lang: str
    words: list[str]
    cumulative: list[float]

    def sample(self, rng: random.Random, k: int) -> list[str]:
        """``k`` words drawn with Zipf frequencies."""
        total = self.cumulative[-1]
        return [self.words[bisect.bisect_left(self.cumulative, rng.random() * total)] for _ in range(k)]


def _latin_words(lang: str, rng: random.Random, n: int) -> list[str]:
    onsets, nuclei = (part.split() for part in _LATIN[lang])
    codas = ["", "", "", "n", "r", "s", "l", "t"] if lang != "ru" else ["", "", "", "н", "р", "с", "л", "т", "й"]
    seen: set[str] = set()
    out: list[str] = []
    syllables = 1
    while len(out) < n:
        for _ in range(n * 2):
            word = "".join(rng.choice(onsets) + rng.choice(nuclei) + rng.choice(codas) for _ in range(syllables))
            if word not in seen:
                seen.add(word)
                out.append(word)
                if len(out) >= n:
                    break
        syllables += 1
        if syllables > 5:
            syllables = 2
    return out


def _arabic_words(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        length = 2 + min(len(out) // 3000, 4) + rng.randint(0, 1)
        word = "".join(rng.choice(_ARABIC_LETTERS) for _ in range(length))
        if rng.random() < 0.25:
            word = "ال" + word
        if word not in seen:
            seen.add(word)
            out.append(word)
    return out


def _chinese_words(rng: random.Random, n: int) -> list[str]:
    chars = [chr(_CJK_FIRST + i) for i in range(_CJK_COUNT)]
    out = list(chars[:1500])
    seen = set(out)
    while len(out) < n:
        word = "".join(rng.choice(chars) for _ in range(2 if rng.random() < 0.8 else 3))
        if word not in seen:
            seen.add(word)
            out.append(word)
    rng.shuffle(out)
    out.sort(key=len)  # short words are the frequent ones
    return out


@cache
def vocabulary(lang: str, seed: int = 0, size: int = VOCABULARY_SIZE) -> Vocabulary:
    """The synthetic vocabulary of ``lang`` (≥ 20,000 words), ranked by Zipf frequency."""
    rng = random.Random(f"vocabulary:{seed}:{lang}")
    if lang == "ar":
        words = _arabic_words(rng, size)
    elif lang == "zh":
        words = _chinese_words(rng, size)
    else:
        words = _latin_words(lang, rng, size)
        words.sort(key=len)
    cumulative = list(itertools.accumulate(1.0 / (rank ** ZIPF_EXPONENT) for rank in range(1, len(words) + 1)))
    return Vocabulary(lang, words, cumulative)


class Writer:
    """Sentences, titles and paragraphs in one language from a seeded RNG."""

    def __init__(self, lang: str, seed: int, key: str) -> None:
        self.lang = lang
        self.vocab = vocabulary(lang, seed)
        self.rng = random.Random(f"{seed}:{lang}:{key}")

    def _join(self, words: list[str]) -> str:
        return "".join(words) if self.lang == "zh" else " ".join(words)

    def sentence(self, low: int = 8, high: int = 20) -> str:
        """One sentence with a capital letter, an optional comma and a full stop."""
        words = self.vocab.sample(self.rng, self.rng.randint(low, high))
        if len(words) > 8 and self.rng.random() < 0.5:
            comma = {"zh": "，", "ar": "،"}.get(self.lang, ",")
            cut = self.rng.randint(3, len(words) - 3)
            words[cut] += comma
        if self.lang not in ("zh", "ar"):
            words[0] = words[0][:1].upper() + words[0][1:]
        return self._join(words) + ("。" if self.lang == "zh" else ".")

    def title(self, low: int = 3, high: int = 7) -> str:
        """A short title."""
        words = self.vocab.sample(self.rng, self.rng.randint(low, high))
        if self.lang not in ("zh", "ar"):
            words[0] = words[0][:1].upper() + words[0][1:]
        return self._join(words)[:200]

    def paragraph(self, sentences: tuple[int, int] = (3, 6)) -> str:
        """Several sentences."""
        n = self.rng.randint(*sentences)
        sep = "" if self.lang == "zh" else " "
        return sep.join(self.sentence() for _ in range(n))

    def words(self, low: int, high: int) -> str:
        """Running text of roughly ``low``..``high`` words."""
        out: list[str] = []
        target = self.rng.randint(low, high)
        count = 0
        while count < target:
            s = self.sentence()
            out.append(s)
            count += len(s) // 2 if self.lang == "zh" else s.count(" ") + 1
        return ("" if self.lang == "zh" else " ").join(out)


# --- corpus ----------------------------------------------------------------------------------


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _front_matter(meta: dict[str, object], body: str) -> str:
    return f"---\n{_dump(meta)}---\n\n{body.strip()}\n"


def _translated(rng: random.Random, scale: Scale) -> list[str]:
    return [lang for lang in LANGS[1:] if rng.random() < scale.translated[lang]]


def _countries() -> list[str]:
    from build_tools.model.project import ISO_COUNTRIES

    return sorted(ISO_COUNTRIES)


def copy_project(repo: Path, dest: Path) -> None:
    """Copy the project's config, theme, locales and plain pages into ``dest`` (no content items)."""
    from build_tools.model import layout

    ignore = shutil.ignore_patterns("__pycache__", ".*")
    for name in PROJECT_ITEMS:
        src = repo / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        else:
            shutil.copy2(src, dest / name)
    content = dest / "content"
    for folder in layout.GENERATED_DIRS:
        shutil.rmtree(content / folder, ignore_errors=True)
    for folder in ("good-practices", "reports"):
        shutil.rmtree(content / folder, ignore_errors=True)
        (content / folder).mkdir()
    for folder in ("guidelines", "country_profiles"):
        (dest / folder).mkdir(exist_ok=True)


@dataclass
class _Guideline:
    id: str
    principles: list[str]


def _guidelines(root: Path, scale: Scale, seed: int) -> list[_Guideline]:
    out: list[_Guideline] = []
    for gi in range(scale.guidelines):
        gid = f"g{gi + 1:02d}-standard"
        w = Writer("en", seed, gid)
        code = "G" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[gi % 26] + (str(gi // 26) if gi >= 26 else "")
        principles: list[str] = []
        parts = []
        number = 0
        for pi in range(scale.parts):
            letter = "ABCDEFGH"[pi]
            sections = []
            for si in range(scale.sections):
                prs = []
                for _ in range(w.rng.randint(*scale.principles)):
                    number += 1
                    pid = f"{gid[:3]}-p{number:03d}"
                    principles.append(pid)
                    prs.append({"id": pid, "title": w.title(), "statement": w.words(25, 50),
                                "structure": w.words(90, 160) + "\n\n" + w.words(40, 90),
                                "mechanism": w.words(90, 160) + "\n\n" + w.words(40, 90)})
                sections.append({"id": f"{gid[:3]}-{letter.lower()}{si + 1}", "label": f"{letter}.{si + 1}",
                                 "title": w.title(), "intro": w.words(30, 60), "principles": prs})
            parts.append({"id": f"{gid[:3]}-{letter.lower()}", "label": letter, "title": w.title(),
                          "intro": w.words(40, 80), "sections": sections})
        data = {"id": gid, "code": code, "title": w.title(3, 5), "edition": str(2010 + gi % 15),
                "edition_date": f"{2010 + gi % 15}-06-01", "illustrative": True, "summary": w.words(40, 70),
                "parts": parts}
        (root / "guidelines" / f"{gid}.yml").write_text(_dump(data), "utf-8")
        out.append(_Guideline(gid, principles))
    return out


def _profiles(root: Path, scale: Scale, seed: int, countries: list[str]) -> None:
    rng = random.Random(f"{seed}:profiles")
    chosen = sorted(rng.sample(countries, scale.profiles))
    agreements: dict[str, list[dict[str, object]]] = {c: [] for c in chosen}
    for a, b in itertools.combinations(chosen, 2):
        if rng.random() < 6 / len(chosen):
            agr = {"kind": "bilateral", "in_force": f"{rng.randint(1975, 2024)}-{rng.randint(1, 12):02d}-01",
                   "branches": sorted(rng.sample(BRANCHES, rng.randint(1, 3))),
                   "posted_worker_months": rng.choice([12, 24, 36, 60])}
            agreements[a].append({"partner": b, **agr})
            agreements[b].append({"partner": a, **agr})
    for iso in chosen:
        w = Writer("en", seed, f"profile:{iso}")
        r = w.rng
        branches: dict[str, object] = {}
        for branch in BRANCHES:
            if branch == "unemployment" and r.random() < 0.3:
                branches[branch] = {"note": w.words(10, 25)}
                continue
            first = r.randint(1890, 1990)
            programs: list[dict[str, object]] = []
            for k, ptype in enumerate(sorted(r.sample(PROGRAM_TYPES, r.randint(1, 2)))):
                program: dict[str, object] = {
                    "type": ptype,
                    "laws": [{"year": first + k, "title": w.title(3, 6), "kind": "first"},
                             {"year": r.randint(first + k + 1, 2024), "title": w.title(3, 6), "kind": "current"}],
                    **{f: w.words(35, 80) for f in BRANCH_FIELDS},
                    "contributions": {
                        "insured": [{"percent": round(r.uniform(0.5, 12), 1), "base": "earnings",
                                     "ceiling": {"amount": r.randint(1, 90) * 100, "currency": "EUR", "period": "month"}}],
                        "self_employed": [r.choice([{"status": "not_applicable"},
                                                    {"amount": r.randint(10, 900), "currency": "USD", "period": "month"}])],
                        "employer": [r.choice([{"percent": round(r.uniform(0.5, 20), 1), "base": "payroll"},
                                               {"range": {"min": 0.5, "max": 6.5}, "base": "payroll",
                                                "varies_by": "risk_class"}])],
                        "government": [{"status": r.choice(["described", "none", "unknown"]), "note": w.words(5, 12)}],
                    },
                }
                programs.append(program)
            branches[branch] = {"programs": programs}
        branches["old_age"]["pension_ages"] = [  # type: ignore[index]
            {"tier": "earnings_related", "men": {"years": r.choice([60, 62, 65, 67]), "months": r.randint(0, 11)},
             "women": r.choice([55, 60, 62, 65]), "schedule": [{"year": 2030, "men": 67, "women": 67}]}]
        data = {
            "country": iso, "region": COUNTRY_REGIONS.get(iso, r.choice(REGIONS)),
            "laws_as_of": "2025-01", "updated": "2025-07-01",
            "illustrative": True,
            "indicators": {"population": {"value": r.randint(100_000, 300_000_000), "year": 2024},
                           "life_expectancy": {"value": round(r.uniform(55, 85), 1), "year": 2024}},
            "branches": branches,
            "agreements": agreements[iso],
            "institutions": [{"id": f"{iso.lower()}-inst-{k + 1}", "name": w.title(3, 5),
                              "branches": sorted(r.sample(BRANCHES, r.randint(1, 3))),
                              "staff": r.randint(100, 50_000), "offices": r.randint(1, 900), "year": 2024}
                             for k in range(r.randint(1, 3))],
        }
        if not data["agreements"]:
            del data["agreements"]
        (root / "country_profiles" / f"{iso.lower()}.yml").write_text(_dump(data), "utf-8")


def _good_practices(root: Path, scale: Scale, seed: int, guidelines: list[_Guideline], countries: list[str],
                    topics: list[str]) -> None:
    for i in range(scale.good_practices):
        gp_id = f"gp-{i + 1:04d}-case"
        w = Writer("en", seed, gp_id)
        r = w.rng
        gls = r.sample(guidelines, min(len(guidelines), r.randint(1, 2)))
        principles = sorted({p for g in gls for p in r.sample(g.principles, min(2, len(g.principles)))})
        meta: dict[str, object] = {
            "id": gp_id, "title": w.title(4, 8), "countries": sorted(r.sample(countries, r.randint(1, 2))),
            "institution": w.title(3, 5), "year": r.randint(2005, 2025),
            "guidelines": sorted(g.id for g in gls), "principles": principles,
            "topics": sorted(r.sample(topics, min(len(topics), r.randint(1, 3)))) if topics else [],
        }
        if r.random() < 0.3:
            meta["award"] = {"competition": w.title(4, 6), "year": r.randint(2006, 2025),
                             "level": r.choice(AWARD_LEVELS)}
        meta["summary"] = w.words(40, 70)
        meta["illustrative"] = True
        (root / "content" / "good-practices" / f"{gp_id}.md").write_text(
            _front_matter(meta, _document_body(w, ("Challenge", "Solution", "Results"))), "utf-8")


def _document_body(w: Writer, headings: tuple[str, ...], paragraphs: tuple[int, int] = (2, 3)) -> str:
    out = []
    for heading in headings:
        out.append(f"## {heading if w.lang == 'en' else w.title(1, 3)}")
        out += [w.paragraph() for _ in range(w.rng.randint(*paragraphs))]
    return "\n\n".join(out)


def _reports(root: Path, scale: Scale, seed: int, guidelines: list[_Guideline], topics: list[str]) -> None:
    for i in range(scale.reports):
        rid = f"rp-{i + 1:03d}-study"
        w = Writer("en", seed, rid)
        r = w.rng
        meta = {
            "id": rid, "title": w.title(4, 9), "authors": [w.title(2, 2) for _ in range(r.randint(1, 4))],
            "date": f"{r.randint(2010, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
            "type": r.choice(REPORT_TYPES),
            "topics": sorted(r.sample(topics, min(len(topics), r.randint(1, 3)))) if topics else [],
            "guidelines": sorted(g.id for g in r.sample(guidelines, min(len(guidelines), r.randint(1, 2)))),
            "summary": w.words(50, 90), "illustrative": True,
        }
        headings = ("Purpose", "Method", "Main findings", "Discussion", "Recommendations")
        (root / "content" / "reports" / f"{rid}.md").write_text(
            _front_matter(meta, _document_body(w, headings, (2, 4))), "utf-8")


def _translations(root: Path, scale: Scale, seed: int) -> int:
    """Write translations (stamped with the current source hashes, a few deliberately outdated)."""
    from build_tools.model.country_profiles import translatable_units
    from build_tools.model.project import load_project

    project = load_project(root)
    count = 0
    for g in project.guidelines.values():
        rng = random.Random(f"{seed}:tr:{g.id}")
        units = g.units()
        for lang in _translated(rng, scale):
            w = Writer(lang, seed, f"{g.id}:{lang}")
            hashes = {"meta": units["meta"]}
            parts = []
            for part in g.parts:
                sections = []
                for sec in part.sections:
                    prs = []
                    for p in sec.principles:
                        if w.rng.random() < 0.9:
                            prs.append({"id": p.id, "title": w.title(), "statement": w.words(25, 50),
                                        "structure": w.words(90, 160) + "\n\n" + w.words(40, 90),
                                        "mechanism": w.words(90, 160) + "\n\n" + w.words(40, 90)})
                            hashes[f"principle:{p.id}"] = units[f"principle:{p.id}"]
                    sec_tr: dict[str, object] = {"id": sec.id, "title": w.title()}
                    if sec.intro:
                        sec_tr["intro"] = w.words(30, 60)
                    sec_tr["principles"] = prs
                    sections.append(sec_tr)
                part_tr: dict[str, object] = {"id": part.id, "title": w.title()}
                if part.intro:
                    part_tr["intro"] = w.words(40, 80)
                part_tr["sections"] = sections
                parts.append(part_tr)
            data = {"translation": {"source_hashes": _maybe_stale(w.rng, hashes)}, "title": w.title(3, 5),
                    "summary": w.words(40, 70), "parts": parts}
            (root / "guidelines" / f"{g.id}.{lang}.yml").write_text(_dump(data), "utf-8")
            count += 1
    for prof in project.profiles.values():
        rng = random.Random(f"{seed}:tr:{prof.id}")
        units = prof.units()
        for lang in _translated(rng, scale):
            w = Writer(lang, seed, f"{prof.id}:{lang}")
            branches: dict[str, object] = {}
            hashes = {}
            for unit in translatable_units(prof):
                segs = unit.path.split(".")
                if segs[0] != "branches":
                    continue
                # overlays mirror the source: programs by ID, laws by key, items by position
                tree: dict[str, object] = branches
                for seg in segs[1:-1]:
                    child = tree.setdefault(seg, {})
                    assert isinstance(child, dict)
                    tree = child
                tree[segs[-1]] = w.title(3, 6) if segs[-1] == "title" else w.words(35, 80)
                hashes[unit.path] = units[unit.path]
            institutions = {inst["id"]: {"name": w.title(3, 5)} for inst in prof.data.get("institutions") or []}
            hashes.update({f"institutions.{i}.name": units[f"institutions.{i}.name"] for i in institutions})
            data = {"translation": {"source_hashes": _maybe_stale(w.rng, hashes)}, "branches": branches,
                    "institutions": institutions}
            (root / "country_profiles" / f"{prof.id}.{lang}.yml").write_text(_dump(data), "utf-8")
            count += 1
    for folder, coll, headings in (("good-practices", project.good_practices, 3), ("reports", project.reports, 5)):
        for doc in coll.values():
            rng = random.Random(f"{seed}:tr:{doc.id}")
            for lang in _translated(rng, scale):
                w = Writer(lang, seed, f"{doc.id}:{lang}")
                meta: dict[str, object] = {"title": w.title(4, 8), "summary": w.words(40, 70)}
                if "institution" in doc.meta:
                    meta["institution"] = w.title(3, 5)
                meta["translation"] = {"source_hashes": _maybe_stale(w.rng, doc.units())}
                body = _document_body(w, tuple("x" * headings), (2, 3) if headings == 3 else (2, 4))
                (root / "content" / folder / f"{doc.id}.{lang}.md").write_text(_front_matter(meta, body), "utf-8")
                count += 1
    return count


def _maybe_stale(rng: random.Random, hashes: dict[str, str]) -> dict[str, str]:
    """About one translation in ten was made from an older English text."""
    if hashes and rng.random() < 0.1:
        key = sorted(hashes)[0]
        return {**hashes, key: "0" * 12}
    return hashes


@dataclass
class CorpusInfo:
    """What was generated."""

    root: Path
    documents: int
    translations: int


def generate(repo: Path, dest: Path, scale_name: str, seed: int = 1) -> CorpusInfo:
    """Write a complete project with a synthetic corpus of ``scale_name`` into ``dest``."""
    scale = SCALES[scale_name]
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    copy_project(repo, dest)
    taxonomy = yaml.safe_load((dest / "content" / "taxonomy.yml").read_text("utf-8")) or {}
    topics = list(taxonomy.get("topics") or [])
    countries = _countries()
    guidelines = _guidelines(dest, scale, seed)
    _profiles(dest, scale, seed, countries)
    _good_practices(dest, scale, seed, guidelines, countries, topics)
    _reports(dest, scale, seed, guidelines, topics)
    translations = _translations(dest, scale, seed)
    documents = scale.guidelines + scale.good_practices + scale.profiles + scale.reports
    return CorpusInfo(dest, documents, translations)


def query_word(lang: str, seed: int = 1, rank: int = 40) -> str:
    """A mid-frequency word of ``lang`` that certainly occurs in the corpus (for search timing)."""
    return vocabulary(lang, seed).words[rank]
