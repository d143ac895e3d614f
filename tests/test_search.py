"""Search: analysis, Snowball-to-JavaScript equality, extraction, index files and queries (no site build)."""

from __future__ import annotations

import importlib.metadata
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from build_tools.search import analysis
from build_tools.search.analysis import Analyzer, normalize, stop_words, tokenize
from build_tools.search.extract import SearchDoc, extract
from build_tools.search.index import analyze, build_index, fnv1a, shard_of, text_key, write_index
from build_tools.search.query import Searcher, parse

REPO = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")
STEMMERS = REPO / "overrides/assets/js/snowball"


def test_arabic_normalization_removes_tashkeel_tatweel_and_unifies_alef() -> None:
    # teh marbuta is kept: Snowball needs it to strip the feminine ending (issue 14)
    assert normalize("إِدَارَةُ الـمؤسسة", "ar") == "ادارة المؤسسة"
    assert normalize("أمان", "ar") == normalize("آمان", "ar") == normalize("امان", "ar")
    assert normalize("مستشفى", "ar") == "مستشفي"


@pytest.mark.parametrize(("definite", "indefinite"), [("المؤسسة", "مؤسسة"), ("الحوكمة", "حوكمة"),
                                                      ("الإدارة", "إدارة"), ("الشفافية", "شفافية")])
def test_arabic_definite_and_indefinite_forms_are_one_term(definite: str, indefinite: str) -> None:
    analyzer = Analyzer("ar")
    assert analyzer.terms(definite) == analyzer.terms(indefinite)
    assert analyzer.terms(f"{indefinite} {definite}")[0] == analyzer.terms(definite)[0]


def test_the_stemmer_is_the_pure_python_snowball_class_the_browser_stemmer_is_made_from() -> None:
    for lang, algorithm in analysis.SNOWBALL.items():
        cls = analysis.stemmer_class(lang)
        if algorithm is None:
            assert cls is None
            continue
        assert cls is not None and cls.__module__ == f"snowballstemmer.{algorithm}_stemmer", lang
        assert type(Analyzer(lang)._stemmer) is cls


def test_normalization_tables_are_in_the_manifest(tmp_path: Path) -> None:
    build_index([SearchDoc(url="a/", title="الإدارة", kind="page", body="نص")], "ar", tmp_path)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["normalize"] == analysis.normalization("ar")
    assert manifest["normalize"]["fold"]["ё"] == "е" and "ة" not in manifest["normalize"]["fold"]
    assert "\u0640" in manifest["normalize"]["strip"]


def test_inline_markup_does_not_split_words_but_blocks_do() -> None:
    docs = extract("<p>关于社会<a href=\"x/\">保障</a>的<em>报告</em></p><ul><li>一</li><li>二</li></ul><p>a<br>b</p>",
                   url="x/", title="t", kind="page", lang="zh")
    assert docs[0].body == "关于社会保障的报告 一 二 a b"
    assert "会保" in Analyzer("zh").terms(docs[0].body)


def test_russian_yo_is_folded_and_case_is_lowered() -> None:
    assert normalize("Отчёт", "ru") == "отчет"


def test_chinese_runs_become_bigrams_and_latin_words_stay_whole() -> None:
    tokens = tokenize(normalize("养老保险ICT系统", "zh"))
    assert [t.text for t in tokens] == ["养老", "老保", "保险", "ict", "系统"]
    assert [t.text for t in tokenize("社")] == ["社"]


def test_stop_words_are_shipped_as_data_for_every_language() -> None:
    for lang in ("en", "fr", "de", "es", "ru", "ar"):
        assert len(stop_words(lang)) > 30, lang
    assert "the" in stop_words("en") and "في" in stop_words("ar")
    assert Analyzer("en").terms("The roles of the board") == ["role", "board"]


@pytest.mark.parametrize("lang", ["fr", "de", "es", "ru", "ar"])
def test_stemming_conflates_inflections(lang: str) -> None:
    pairs = {"fr": ("rapports", "rapport"), "de": ("Berichte", "Bericht"), "es": ("pensiones", "pensión"),
             "ru": ("пенсии", "пенсия"), "ar": ("المؤسسات", "مؤسسة")}
    a, b = pairs[lang]
    assert Analyzer(lang).terms(a) == Analyzer(lang).terms(b)


def _sample_words(lang: str) -> list[str]:
    """Every word of the sample content in one language, plus tricky forms."""
    if lang == "en":
        files = [p for p in REPO.glob("guidelines/*.yml") if p.name.count(".") == 1]
    else:
        files = list(REPO.glob(f"guidelines/*.{lang}.yml")) + list(REPO.glob(f"content/**/*.{lang}.md"))
        files += list(REPO.glob(f"country_profiles/*.{lang}.yml"))
    text = " ".join(p.read_text(encoding="utf-8") for p in files)
    words = {w for w in re.findall(r"\w+", normalize(text, lang)) if not w.isdigit()}
    extra = {"de": ["aktuell", "arbeitet", "befristet", "budget", "straße", "häuser", "mauer"],
             "fr": ["mauvais", "gouvernance", "l'institution", "québécois"],
             "ru": ["её", "счёт", "ребёнка"], "es": ["aseguradoras", "jubilación"],
             "ar": ["والمؤسسات", "بالضمان", "فسيكفيكهم"], "en": ["generously", "skies", "dying"]}
    return sorted(words | set(extra.get(lang, [])))


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("lang", ["en", "fr", "de", "es", "ru", "ar"])
def test_browser_stemmer_is_snowballs_javascript_and_equals_python(lang: str, tmp_path: Path) -> None:
    """The browser stems with Snowball's own JavaScript, generated from the same Snowball version as the
    Python stemmer of the index, and both give the same stem for every word of the sample content."""
    algorithm = analysis.SNOWBALL[lang]
    assert algorithm
    source = STEMMERS / f"{algorithm}-stemmer.js"
    version = importlib.metadata.version("snowballstemmer")
    assert source.read_text(encoding="utf-8").startswith(f"// Generated from {algorithm}.sbl by Snowball {version} ")
    words = _sample_words(lang)
    assert len(words) > 50
    script = tmp_path / "run.mjs"
    script.write_text(
        f"import Stemmer from {json.dumps(source.as_uri())};\n"
        "import { readFileSync } from 'node:fs';\n"
        "const words = JSON.parse(readFileSync(0, 'utf8'));\n"
        "const s = new Stemmer();\n"
        "console.log(JSON.stringify(words.map((w) => s.stemWord(w))));\n", encoding="utf-8")
    proc = subprocess.run([NODE, str(script)], input=json.dumps(words), capture_output=True, text=True, check=True)
    stemmer_class = analysis.stemmer_class(lang)
    assert stemmer_class is not None
    expected = stemmer_class().stemWords(words)
    mismatches = [(w, p, j) for w, p, j in zip(words, expected, json.loads(proc.stdout), strict=True) if p != j]
    assert not mismatches


GUIDELINE_HTML = """
<div class="ssa-guideline"><h1 id="t">Bonne gouvernance<a class="headerlink" href="#t">¶</a></h1>
<p class="ssa-meta">Édition 2019</p>
<div><p>Normes pour le conseil.</p></div>
<p><button>Exporter</button></p>
<article class="ssa-principle" data-principle-id="gg-board-roles">
<h4 id="gg-board-roles">Ligne directrice 1. Rôles du conseil<a class="headerlink" href="#gg-board-roles">¶</a></h4>
<div class="ssa-statement"><p>Le conseil fixe l'orientation.</p></div><h5>Structure</h5><p>Une charte.</p>
</article>
<article class="ssa-principle" data-principle-id="gg-untranslated" lang="en">
<h4 id="gg-untranslated">Guideline 2. Untranslated principle</h4><p>English only text.</p>
</article></div>
"""


def test_guideline_pages_are_split_into_principles_and_foreign_text_is_skipped() -> None:
    docs = extract(GUIDELINE_HTML, url="guidelines/good-governance/", title="Bonne gouvernance",
                   kind="guideline", lang="fr")
    assert [d.url for d in docs] == ["guidelines/good-governance/", "guidelines/good-governance/#gg-board-roles"]
    page, principle = docs
    assert page.body == "Normes pour le conseil."
    assert principle.title == "Ligne directrice 1. Rôles du conseil"
    assert principle.kind == "principle" and principle.context == "Bonne gouvernance"
    assert "charte" in principle.body and "¶" not in principle.title
    assert "English" not in " ".join(d.body + d.title for d in docs)
    assert "Exporter" not in page.body and "2019" not in page.body


def _docs() -> list[SearchDoc]:
    return [
        SearchDoc("guidelines/gg/#gg-board-roles", "Roles of the board", "principle", "Good Governance",
                  body="The board sets the strategic direction and oversees management."),
        SearchDoc("good-practices/gp-ke/", "Mobile-money contributions", "good-practice", "Kenya",
                  body="Self-employed workers pay contributions by mobile money."),
        SearchDoc("countries/ke/", "Kenya", "country-profile", body="Pensions and contributions in Kenya."),
        SearchDoc("reports/r/", "Boards in practice", "report", body="Boards meet quarterly; board members."),
    ]


def test_index_files_queries_and_prefix_matching(tmp_path: Path) -> None:
    built = build_index(_docs(), "en", tmp_path / "search")
    assert built.docs == 4 and built.shards >= 1
    manifest = json.loads((tmp_path / "search/manifest.json").read_text())
    assert manifest["lang"] == "en" and manifest["stemmer"] == "english" and "the" in manifest["stop"]
    assert not (tmp_path / "search/stemmer.js").exists()  # the stemmers are static assets
    searcher = Searcher(tmp_path / "search")
    assert searcher.search("board roles")[0].url == "guidelines/gg/#gg-board-roles"
    assert searcher.search("mobile money")[0].kind == "good-practice"
    assert searcher.search("mobile money")[0].context == "Kenya"
    assert searcher.search("contrib")  # the word being typed matches by prefix
    assert searcher.search("contributions ")[0].score > 0
    assert searcher.search("zzzz") == []


def test_an_index_written_again_writes_only_what_changed_and_drops_what_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "search"
    docs = _docs()
    first = write_index(analyze(docs, "en"), "en", out)
    edited_text = out / "x" / f"{text_key(docs[2].body)}.txt"
    assert first.written == len(first.digests) and edited_text.is_file()
    same = write_index(analyze(docs, "en"), "en", out, first.digests)
    assert same.written == 0 and same.digests == first.digests
    # One body edited, one document gone: its text changes, the manifest and the last text file go.
    edited = [docs[0], docs[1], SearchDoc(docs[2].url, docs[2].title, docs[2].kind, body="Editedword pensions.")]
    again = write_index(analyze(edited, "en"), "en", out, same.digests)
    assert 0 < again.written < len(again.digests)
    gone = f"x/{text_key(docs[3].body)}.txt"
    assert not (out / gone).exists() and gone not in again.digests and not edited_text.exists()
    assert "Editedword pensions." in {path.read_text("utf-8") for path in (out / "x").iterdir()}
    fresh = tmp_path / "fresh"
    build_index(edited, "en", fresh)
    assert sorted(p.relative_to(fresh) for p in fresh.rglob("*")) == sorted(p.relative_to(out) for p in out.rglob("*"))
    for path in fresh.rglob("*.json"):
        assert path.read_text("utf-8") == (out / path.relative_to(fresh)).read_text("utf-8")
    assert Searcher(out).search("editedword")[0].url == "countries/ke/"


def test_the_preview_writes_the_newest_index_once_and_never_two_at_a_time(tmp_path: Path) -> None:
    import threading

    from build_tools.mkdocs_plugins.preview_index import PreviewIndex

    index: PreviewIndex[str] = PreviewIndex()
    gate = threading.Event()
    started = threading.Event()
    calls: list[tuple[str, dict[str, str] | None]] = []

    def writer(name: str) -> Callable[[dict[str, str] | None], tuple[dict[str, str], str]]:
        def write(previous: dict[str, str] | None) -> tuple[dict[str, str], str]:
            if name == "first":
                started.set()
                gate.wait(10)
            calls.append((name, previous))
            return {"manifest.json": name}, name
        return write

    first = index.write_later(tmp_path, writer("first"))
    assert started.wait(10)  # the first write has started and waits (an event: never a guess of the scheduler)
    second = index.write_later(tmp_path, writer("second"))
    third = index.write_later(tmp_path, writer("third"))
    gate.set()
    for thread in (first, second, third):
        thread.join(10)
    # The second request was superseded by the third before it could start; the third got the first's digests.
    assert calls == [("first", None), ("third", {"manifest.json": "first"})]
    assert index.merge("en", {"a.md": ["A"], "b.md": ["B"]}, ["a.md", "b.md"]) == ["A", "B"]
    assert index.merge("en", {"a.md": ["A2"]}, ["a.md"]) == ["A2"]


def test_query_parsing_marks_the_last_word_as_prefix_and_keeps_cjk_bigrams() -> None:
    en = Analyzer("en")
    groups = parse("board rol", en, set(stop_words("en")))
    assert groups[0].prefixes == [] and groups[1].prefixes == [("rol", -1)]
    assert parse("the", en, set(stop_words("en")))[0].optional
    zh = parse("养老保", Analyzer("zh"), set())
    assert [g.exact for g in zh] == ["养老", "老保"]
    assert parse("养", Analyzer("zh"), set())[0].prefixes == [("养", -1)]
    # the stem of the word being typed is also a prefix, growing by at most three letters
    assert parse("pensions", en, set())[0].prefixes == [("pensions", -1), ("pension", 3)]


def test_shards_are_chosen_by_prefix_so_prefix_queries_need_one_shard() -> None:
    assert shard_of("governance", 17) == shard_of("govern", 17) == shard_of("go", 17)
    assert shard_of("养老", 17) == shard_of("养", 17)
    assert fnv1a("") == 0x811C9DC5


def test_material_search_plugin_is_not_enabled(repo: Path) -> None:
    from build_tools.model.site_config import _TolerantLoader

    plugins = yaml.load((repo / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)["plugins"]
    names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    assert "search" not in names and "material/search" not in names
    assert "ssa-search" in names


@pytest.mark.parametrize("path", ["index.html", "ar/countries/cn/index.html", "zh/guidelines/good-governance/index.html"])
def test_search_button_is_in_the_header_as_built(built_site: Path, path: str) -> None:
    """The template writes the search into Material's header before the language menu, so no script
    moves it after load (a move restyles the page in one long task; issue 18)."""
    page = (built_site / path).read_text("utf-8")
    header = page[page.index('<header class="md-header'):page.index("</header>")]
    assert header.count('class="ssa-search"') == 1 and page.count('class="ssa-search"') == 1
    assert header.index('class="ssa-search"') < header.index('<div class="md-header__option">')
    search_root = header[header.index('class="ssa-search"'):].split(">", 1)[0]
    assert " hidden" not in search_root  # shown by CSS (html.ssa-js) from the first paint


def test_stem_overrides_keep_unrelated_words_apart() -> None:
    fr, es = Analyzer("fr"), Analyzer("es")
    assert fr.terms("gouvernance") != fr.terms("gouvernement")
    assert fr.terms("gouvernances") == fr.terms("gouvernance")
    assert fr.terms("retraite") != fr.terms("retraités") and fr.terms("retraités") == fr.terms("retraité")
    assert es.terms("pensión") != es.terms("pensionistas")
    assert analysis.stem_overrides("fr")["gouvernance"] == "gouvernanc"


@pytest.mark.parametrize(("word", "parts"), [
    ("Ratsmitglieder", ["rat", "mitglieder"]), ("Verwaltungsratsmitglieder", ["verwaltung", "rat", "mitglieder"]),
    ("Sozialversicherung", ["sozial", "versicherung"]), ("Rentenversicherung", ["renten", "versicherung"]),
    ("Versicherung", []), ("Transparenz", []), ("Verwaltungsrat", ["verwaltung", "rat"]),
])
def test_german_compounds_are_split_into_listed_parts(word: str, parts: list[str]) -> None:
    assert analysis.split_compound(normalize(word, "de"), analysis.compound_parts("de")) == parts


def test_german_index_terms_include_compound_parts_but_queries_are_not_split() -> None:
    de = Analyzer("de")
    assert de.terms("Ratsmitglieder", compounds=True) == ["ratsmitglied", "rat", "mitglied"]
    assert de.terms("Ratsmitglieder") == ["ratsmitglied"]
    assert "versicher" in de.terms("Sozialversicherung", compounds=True)


def test_a_language_without_stemmer_or_stop_words_is_reported() -> None:
    assert analysis.missing_analysis("fr") == [] and analysis.missing_analysis("zh") == []
    problems = analysis.missing_analysis("pt")
    assert len(problems) == 2 and "Snowball" in problems[0] and "stopwords/pt.txt" in problems[1]


def test_fallback_documents_are_marked_and_matched_by_their_own_language(tmp_path: Path) -> None:
    from build_tools.search.index import Fallback

    own = [SearchDoc("countries/ke/", "Kenya", "country-profile", body="Retraite au Kenya.")]
    shown = [SearchDoc("good-practices/gp-se/", "Parental benefit", "good-practice", body="Parents apply online.")]
    write_index(analyze(own, "fr") + analyze(shown, "en", fallback_of="fr"), "fr", tmp_path, fallback=Fallback("en"))
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["fallback"]["lang"] == "en" and manifest["fallback"]["stemmer"] == "english"
    assert manifest["doc_langs"] == "01"  # sorted by URL: countries/ke/, good-practices/gp-se/
    searcher = Searcher(tmp_path)
    [result] = searcher.search("parental")
    assert result.url == "good-practices/gp-se/" and result.lang == "en"
    assert searcher.search("Kenya")[0].lang == "fr"
    assert searcher.text_path(result.url).read_text(encoding="utf-8") == "Parents apply online."


def test_a_title_that_is_the_query_ranks_its_page_first(tmp_path: Path) -> None:
    docs = [SearchDoc("countries/ke/", "Kenya", "country-profile", body="Pensions in force since 1965."),
            SearchDoc("good-practices/gp/", "Mobile money in Kenya", "good-practice", context="Kenya",
                      body="Kenya Kenya Kenya: contributions by phone in Kenya, across Kenya.")]
    build_index(docs, "en", tmp_path)
    assert [r.url for r in Searcher(tmp_path).search("Kenya")] == ["countries/ke/", "good-practices/gp/"]
