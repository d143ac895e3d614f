"""Country profile pages, region pages, comparison page, charts and open data.

Golden files: tests/golden/country-lu{,.fr,.ar}.md hold the generated Markdown of the mini
fixture's Luxembourg profile. After an intended change to profile_pages.py or the country
templates, regenerate them with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_profile_pages.py -k golden``
(the rewritten files' tests fail on purpose), review the diff, and run again without it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import golden
import markupsafe
import pytest

from build_tools.generate import Context, charts, opendata, profile_pages
from build_tools.model.project import Project, load_project
from build_tools.model.site_config import html_lang

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
MINI_LANGUAGES = ("en", "fr", "ar")


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/<name> (UPDATE_GOLDEN=1 rewrites it and fails: tests/golden.py)."""
    golden.check_golden(name, text, GOLDEN)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The mini fixture with the repository's templates and locale files."""
    from conftest import make_mini_project

    project = load_project(make_mini_project(tmp_path_factory.mktemp("mini") / "mini"))  # en, fr, ar
    assert not [d for d in project.diagnostics if d.severity.name == "ERROR"]
    return project


@pytest.fixture(scope="module")
def mini_pages(mini: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(mini))}


@pytest.fixture(scope="module")
def repo_project() -> Project:
    return load_project(REPO)


@pytest.fixture(scope="module")
def repo_pages(repo_project: Project) -> dict[str, str]:
    return {p.path: p.text for p in profile_pages.pages(Context(repo_project))}


# --- generated Markdown ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", MINI_LANGUAGES)
def test_country_page_matches_golden(mini_pages: dict[str, str], lang: str) -> None:
    suffix = "" if lang == "en" else f".{lang}"
    check_golden(f"country-lu{suffix}.md", mini_pages[f"countries/lu{suffix}.md"])


def test_country_page_content(mini_pages: dict[str, str]) -> None:
    en, fr, ar = (mini_pages[f"countries/lu{s}.md"] for s in ("", ".fr", ".ar"))
    assert '<div class="ssa-profile" data-country="lu" data-region="europe" markdown>' in en
    assert "# Luxembourg" in en and "# لوكسمبورغ" in ar  # CLDR names
    assert "672,000" in en and "672\u202f000" in fr  # localized numbers
    assert 'datetime="2025-01"' in fr and "janvier 2025" in fr and "30 juin 2025" in fr  # laws as of a month
    # Translated text from the overlay; English fallback marked lang="en".
    assert 'data-field="coverage" markdown>\nSalariés et travailleurs indépendants.' in fr
    assert 'data-field="benefits" lang="en" dir="auto" markdown>\nA flat-rate component' in fr
    assert "Caisse nationale d&#39;assurance pension" in fr
    assert "translation_status: " in fr and "translation_status" not in en
    # An outdated translation is not shown: the English text is, marked.
    assert "Âge légal avec 10" not in fr
    assert "data-outdated markdown>\nAge 65 with 10 years" in fr and "n&#39;est pas à jour" in fr
    # Markdown lists stay lists (a div with markdown, text unindented).
    assert "\n- employees in the private sector;\n" in en
    # Agreements: partner through CLDR, linked to its profile; no-program branches said so, with their note.
    assert '<a href="../be/">Belgique</a>' in fr
    assert en.count('<p class="ssa-branch__none">No program</p>') == 2
    assert "No separate program: see *old age*." in en
    for branch in ("old_age", "sickness", "work_injury", "unemployment", "family"):
        assert f"{{ #{branch} }}" in en
    # Contributions: every kind in words, never 0 for a missing number.
    assert "8% of earnings; earnings ceiling €13,000 per month" in en
    assert "0.25% to 8.8% of payroll; varies by risk class" in en
    assert "€10 per month" in en
    assert "Described in text" in en and "Not applicable" in en and "Not stated" in en
    assert "16% of declared income" in en  # self-employed
    # Ages in years and months, schedule and early age; institutions without figures do not crash.
    assert "65 years and 7 months" in en and "From 2031" in en and "Early" in en
    assert 'data-institution="lu-health"' in en


def test_good_practices_are_linked_from_their_country(repo_pages: dict[str, str], repo_project: Project) -> None:
    project = repo_project
    by_country = project.good_practices_by_country()
    assert by_country, "the sample has good practices"
    for iso, practices in by_country.items():
        if iso.lower() not in project.profiles:
            continue
        page = repo_pages[f"countries/{iso.lower()}.md"]
        for gp in practices:
            assert f'href="../../good-practices/{gp.id}/"' in page


def test_every_profile_has_a_page_per_language_in_the_generator(repo_pages: dict[str, str], repo_project: Project) -> None:
    project = repo_project
    for iso in project.profiles:
        for lang in project.languages:
            name = f"countries/{iso}.md" if lang == "en" else f"countries/{iso}.{lang}.md"
            assert f'data-country="{iso}"' in repo_pages[name]


def test_region_pages_and_index(repo_pages: dict[str, str], repo_project: Project) -> None:
    index = repo_pages["countries/index.md"]
    for region in ("africa", "americas", "asia-pacific", "europe"):
        assert f'href="{region}/"' in index
        assert f'data-region="{region}"' in repo_pages[f"countries/{region}.md"]
    assert index.count('<tr data-country="') == len(repo_project.profiles)
    for name in (opendata.PROFILES_CSV, opendata.AGREEMENTS_CSV, opendata.PROFILES_JSON):
        assert f'href="data/{name}"' in index
        assert f"countries/data/{name}" in repo_pages
        assert f"countries/data/{name.replace('.', '.fr.', 1)}" in repo_pages


def test_compare_page_has_the_full_table(repo_pages: dict[str, str], repo_project: Project) -> None:
    page = repo_pages["countries/compare.ar.md"]
    profiles = repo_project.profiles
    assert "data-compare " in page and "data-compare-controls>" in page  # shown by CSS when scripts run
    topics = re.findall(r'<tr data-topic="([^"]+)"', page)
    assert len(topics) == 4 + 6 * len(profile_pages.branch_topics()) and len(set(topics)) == len(topics)  # with LTC
    assert len(profile_pages.branch_topics()) == 12  # programs, laws, 4 parties, 5 text fields, institutions
    for row in re.findall(r'<tr data-topic="[^"]+".*?</tr>', page, flags=re.S):
        assert row.count("<td data-country=") == len(profiles)
    # Rendered at build time as one table per topic group, each with the full header row of countries
    # (the browser lays out only the groups in view; no script builds anything).
    sections = re.findall(r'<section class="ssa-compare__section" data-group="([^"]+)".*?</section>', page, flags=re.S)
    assert sections == ["indicators", "old_age", "sickness", "work_injury", "unemployment", "family", "long_term_care"]
    for body in re.findall(r'<section class="ssa-compare__section".*?</section>', page, flags=re.S):
        assert body.count("<table ") == 1 and body.count("<thead>") == 1
        assert body.count('<th scope="col" data-country=') == len(profiles)
        assert '<table class="ssa-table ssa-compare__table"' in body  # Material's script leaves classed tables alone
    assert len(re.findall(r'name="country" value="', page)) == len(profiles)
    english = repo_pages["countries/compare.md"]
    assert "<li>employees and their dependent spouses" in english  # Markdown lists stay lists in cells
    assert "<strong>severance pay</strong>" in english  # a branch's note is shown, not hidden
    assert 'markdown="block"' not in english
    assert len(re.findall(r'name="topic" value="', page)) == len(topics)


# --- charts ---------------------------------------------------------------------------------

def _chart(rtl: bool, stacked: bool = False) -> charts.BarChart:
    return charts.bar_chart("c", title="T", desc="D", categories=["Alpha", "Beta"], series=["Men", "Women"],
                            values=[[65, 62], [60, None]], fmt=lambda v: "" if v is None else f"{v:g}",
                            axis_label="Years", rtl=rtl, stacked=stacked, total_label="Total", missing="n/a")


def test_nice_ticks() -> None:
    assert charts.nice_ticks(66) == [0, 20, 40, 60, 80]
    assert charts.nice_ticks(52.3) == [0, 20, 40, 60]
    assert charts.nice_ticks(9) == [0, 2, 4, 6, 8, 10]
    assert charts.nice_ticks(0) == [0.0, 1.0]


def test_chart_is_mirrored_in_rtl() -> None:
    ltr, rtl = _chart(False), _chart(True)
    assert (ltr.direction, rtl.direction) == ("ltr", "rtl")
    for a, b in zip(ltr.rows, rtl.rows, strict=True):
        assert b.label.anchor == a.label.anchor == "end"
        assert b.label.x == pytest.approx(ltr.width - a.label.x, abs=0.11)
        for ra, rb in zip(a.bars, b.bars, strict=True):
            assert rb.x == pytest.approx(ltr.width - ra.x - ra.width, abs=0.2)
            assert rb.width == ra.width
    # Labels sit left of the bars in LTR and right of them in RTL.
    assert ltr.rows[0].label.x < ltr.rows[0].bars[0].x
    assert rtl.rows[0].label.x > rtl.rows[0].bars[0].x + rtl.rows[0].bars[0].width
    assert [t.text for t in ltr.ticks] == [t.text for t in rtl.ticks]
    assert rtl.ticks[0].x > rtl.ticks[-1].x


def test_chart_data_table_and_missing_values() -> None:
    grouped, stacked = _chart(False), _chart(False, stacked=True)
    assert grouped.table_header == ["Men", "Women"]
    assert grouped.table_rows == [("Alpha", ["65", "62"]), ("Beta", ["60", "n/a"])]
    assert len(grouped.rows[1].bars) == 1
    assert stacked.table_header == ["Men", "Women", "Total"]
    assert stacked.table_rows[0] == ("Alpha", ["65", "62", "127"])
    assert stacked.rows[0].values[0].text == "127"


def test_chart_markup(repo_pages: dict[str, str]) -> None:
    page = repo_pages["countries/index.ar.md"]
    for chart_id in ("chart-pension-age", "chart-contributions"):
        assert (f'role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc"') in page
        assert f'<title id="{chart_id}-title">' in page and f'<desc id="{chart_id}-desc">' in page
    assert 'direction="rtl"' in page and 'direction="ltr"' in repo_pages["countries/index.md"]
    assert "سن" in page  # Arabic labels
    assert page.count('<details class="ssa-chart__data ssa-plain">') == 2


# --- open data ------------------------------------------------------------------------------

def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_open_data_csv_and_json(repo_pages: dict[str, str], repo_project: Project) -> None:
    project = repo_project
    rows = _csv_rows(repo_pages["countries/data/country-profiles.csv"])
    assert len(rows) == len(project.profiles)
    assert list(rows[0]) == opendata.profile_columns()
    br = next(r for r in rows if r["iso2"] == "BR")
    assert (br["country"], br["population"], br["illustrative"]) == ("Brazil", "212600000", "true")
    de = next(r for r in rows if r["iso2"] == "DE")
    assert (de["pension_age_men_years"], de["pension_age_men_months"]) == ("66", "2")
    contributions = _csv_rows(repo_pages["countries/data/country-contributions.csv"])
    jp = [r for r in contributions if r["iso2"] == "JP" and r["branch"] == "old_age"]
    flat = next(r for r in jp if r["kind"] == "amount" and r["party"] == "self_employed")
    assert (flat["amount"], flat["currency"], flat["period"], flat["comparable"]) == ("17510", "JPY", "month", "false")
    gov = next(r for r in jp if r["party"] == "government")
    assert (gov["kind"], gov["status"], gov["percent"]) == ("status", "described", "")  # words, not 0
    assert gov["note"]
    ke_range = next(r for r in contributions if r["iso2"] == "KE" and r["kind"] == "range")
    assert (ke_range["min_percent"], ke_range["max_percent"], ke_range["varies_by"]) == ("0.25", "8.8", "risk_class")
    de_cap = next(r for r in contributions if r["iso2"] == "DE" and r["branch"] == "old_age" and r["party"] == "insured")
    assert "(western Länder)" in de_cap["ceiling"] and "(eastern Länder)" in de_cap["ceiling"]
    programs = _csv_rows(repo_pages["countries/data/country-programs.fr.csv"])
    fr_old = next(r for r in programs if r["iso2"] == "FR" and r["branch"] == "old_age")
    assert fr_old["coverage"].startswith("Les salariés")  # overlay text
    ke_unemployment = next(r for r in programs if r["iso2"] == "KE" and r["branch"] == "unemployment")
    assert ke_unemployment["program"] == "" and "severance pay" in ke_unemployment["note"]  # the note is not hidden
    ages = _csv_rows(repo_pages["countries/data/country-pension-ages.csv"])
    assert any(r["iso2"] == "DE" and r["kind"] == "scheduled" and r["year"] == "2031" for r in ages)
    agreements = _csv_rows(repo_pages["countries/data/country-agreements.zh.csv"])
    assert {r["iso2"] for r in agreements} >= {"BR", "FR"}
    doc = json.loads(repo_pages["countries/data/country-profiles.ar.json"])
    assert doc["language"] == "ar" and len(doc["countries"]) == len(project.profiles)
    assert "Illustrative sample data." not in doc["note"]
    fr = next(c for c in doc["countries"] if c["iso2"] == "FR")
    assert fr["name"] == "فرنسا" and fr["illustrative"] is True
    assert fr["branches"]["old_age"]["programs"][0]["type"]["code"] == "social-insurance"
    dictionary = json.loads(repo_pages["countries/data/datapackage.json"])
    for resource in dictionary["resources"]:
        if resource["format"] == "csv":
            name = resource["path"]
            header = _csv_rows(repo_pages[f"countries/data/{name}"])
            if header:
                assert [f["name"] for f in resource["schema"]["fields"]] == list(header[0])
            assert all(f["description"] for f in resource["schema"]["fields"])


def test_illustrative_is_per_record(mini: Project) -> None:
    profile = mini.profiles["lu"]
    profile.data["illustrative"] = False
    try:
        record = opendata.profile_record(profile, mini.catalog, "en")
        assert record["illustrative"] is False
        row = opendata.profile_row(profile, mini.catalog, "en")
        assert row["illustrative"] == "false"
    finally:
        profile.data["illustrative"] = True


def test_contribution_chart_draws_only_comparable_percentages(repo_pages: dict[str, str], repo_project: Project) -> None:
    ctx = Context(repo_project)
    profiles = [repo_project.profiles[i] for i in ("ke", "jp")]
    chart = profile_pages.contributions_chart(ctx, profiles, "en", "c")
    ke_row, jp_row = chart.table_rows
    branches = chart.table_header
    work_injury = branches.index("Work injury")
    assert ke_row[1][work_injury].startswith("no percentage")  # a range is marked, not drawn as 0
    assert "range or varying rate" in ke_row[1][work_injury]
    old_age = branches.index("Old age, invalidity and survivors")
    assert jp_row[1][old_age].startswith("18.3") and "flat amount" in jp_row[1][old_age]
    assert chart.table_header[-1] == "Total of percentage rates"
    assert {m.symbol.text for m in chart.markers} >= {"~", "¤", "¶"}
    page = repo_pages["countries/index.md"]
    assert 'class="ssa-chart__marker"' in page


# --- built site -----------------------------------------------------------------------------

class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Attrs()
    parser.feed(html)
    return parser.elements


def test_built_site_has_every_profile_in_every_language(built_site: Path) -> None:
    project = load_project(REPO)
    profiles = sorted(p.stem for p in (REPO / "country_profiles").glob("*.yml") if len(p.stem) == 2 and "." not in p.stem)
    assert len(profiles) >= 12
    for lang in project.languages:
        prefix = built_site if lang == "en" else built_site / lang
        for iso in profiles:
            html = (prefix / "countries" / iso / "index.html").read_text("utf-8")
            elements = _elements(html)
            html_attrs = next(a for t, a in elements if t == "html")
            assert html_attrs.get("lang") == html_lang(lang)  # zh is zh-Hans
            assert html_attrs.get("dir") == ("rtl" if lang == "ar" else "ltr")
            containers = [a for t, a in elements if t == "div" and a.get("data-country") == iso]
            assert len(containers) == 1, (lang, iso)
        for name in (opendata.PROFILES_CSV, opendata.CONTRIBUTIONS_CSV, opendata.AGREEMENTS_CSV, opendata.PROFILES_JSON,
                     opendata.DICTIONARY):
            assert (prefix / "countries" / "data" / name).is_file(), (lang, name)
        for page in ("index.html", "compare/index.html", "europe/index.html"):
            assert (prefix / "countries" / page).is_file()
    fr_csv = (built_site / "fr" / "countries" / "data" / opendata.PROFILES_CSV).read_text("utf-8-sig")
    assert "Royaume" not in fr_csv and "Allemagne" in fr_csv


def test_built_compare_page_loads_its_script_only_there(built_site: Path) -> None:
    compare = (built_site / "countries" / "compare" / "index.html").read_text("utf-8")
    assert "assets/js/compare.js" in compare
    assert "assets/js/compare.js" not in (built_site / "countries" / "br" / "index.html").read_text("utf-8")
    assert (built_site / "assets" / "js" / "compare.js").is_file()
    assert "<script>" not in compare.split("</head>")[1]  # no inline scripts in the body


@pytest.mark.parametrize("lang", ("en", "fr", "de", "es", "ar", "ru", "zh"))
def test_every_institution_is_listed_under_each_branch_it_administers(repo_pages: dict[str, str],
                                                                       repo_project: Project, lang: str) -> None:
    """The shipped profiles: each institution, named in ``lang`` where translated, in its branches' sections and cells."""
    suffix = "" if lang == "en" else f".{lang}"
    compare = repo_pages[f"countries/compare{suffix}.md"]
    label = repo_project.catalog.t(lang, "profile.branch_institutions")
    assert f'data-label="{repo_project.catalog.t(lang, "branches.old_age")}' in compare
    seen = 0
    for iso, profile in repo_project.profiles.items():
        page = repo_pages[f"countries/{iso}{suffix}.md"]
        names = {path.split(".")[1]: text for path, (text, _lang) in profile.localized_text(lang).items()
                 if path.startswith("institutions.")}
        for inst in profile.data.get("institutions") or []:
            name = str(markupsafe.escape(names[inst["id"]]))
            for b in inst.get("branches") or []:
                section = page.split(f'<section class="ssa-branch" data-branch="{b}" markdown>', 1)[1].split(
                    '<section class="ssa-branch" data-branch=', 1)[0]
                line = next(ln for ln in section.splitlines() if "data-institutions>" in ln)
                assert label in line and f'data-institution="{inst["id"]}"' in line and name in line, (iso, b)
                row = re.search(rf'<tr data-topic="{b}\.institutions">.*?</tr>', compare, flags=re.S)
                cell = re.search(rf'<td data-country="{iso}"[^>]*>(.*?)</td>', row.group(0) if row else "")
                assert cell and f'data-institution="{inst["id"]}"' in cell.group(1) and name in cell.group(1)
                seen += 1
    assert seen >= 20
