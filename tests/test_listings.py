"""Good-practice database: facet model, listing pages, metadata boxes and cross-links (issue 6)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from build_tools.generate import Context, case_pages, facets, listings
from build_tools.generate.facets import Case
from build_tools.model.project import ISO_COUNTRIES, Project, load_project

LANGS = ("en", "fr", "de", "es", "ar", "ru", "zh")


@pytest.fixture(scope="module")
def project(repo: Path) -> Project:
    return load_project(repo)


def case(id_: str, **values: tuple[str, ...]) -> Case:
    full = {f: values.get(f, ()) for f in facets.FACETS}
    return Case(id_, full)


ITEMS = [
    case("a", guideline=("gg",), country=("KE",), region=("africa",), year=("2019",), award=("winner",),
         topic=("t1", "t2")),
    case("b", guideline=("gg", "ict"), country=("FR",), region=("europe",), year=("2020",), award=("none",),
         topic=("t2",)),
    case("c", guideline=("ict",), country=("KE", "FR"), region=("africa", "europe"), year=("2020",),
         award=("winner",), topic=("t3",)),
    case("d", guideline=("sq",), country=("BR",), region=("americas",), year=("2018",), award=("none",),
         topic=("t1",)),
]


# --- facet counts -----------------------------------------------------------------------

def test_counts_without_selection_count_every_value() -> None:
    counts = facets.counts(ITEMS, {})
    assert counts["guideline"] == {"gg": 2, "ict": 2, "sq": 1}
    assert counts["country"] == {"KE": 2, "FR": 2, "BR": 1}
    assert counts["region"] == {"africa": 2, "europe": 2, "americas": 1}
    assert counts["year"] == {"2019": 1, "2020": 2, "2018": 1}
    assert counts["award"] == {"winner": 2, "none": 2}
    assert counts["topic"] == {"t1": 2, "t2": 2, "t3": 1}


def test_values_of_one_facet_are_alternatives() -> None:
    selection = {"country": ["KE"]}
    assert [c.id for c in facets.select(ITEMS, selection)] == ["a", "c"]
    counts = facets.counts(ITEMS, selection)
    # Own facet ignores its own selection: choosing BR as well would add d.
    assert counts["country"] == {"KE": 2, "FR": 2, "BR": 1}
    # Other facets only count the cases from Kenya.
    assert counts["guideline"] == {"gg": 1, "ict": 1}
    assert counts["award"] == {"winner": 2}
    assert [c.id for c in facets.select(ITEMS, {"country": ["KE", "BR"]})] == ["a", "c", "d"]


def test_facets_combine_with_and() -> None:
    selection = {"country": ["KE", "FR"], "year": ["2020"]}
    assert [c.id for c in facets.select(ITEMS, selection)] == ["b", "c"]
    counts = facets.counts(ITEMS, selection)
    assert counts["year"] == {"2019": 1, "2020": 2}
    assert counts["country"] == {"KE": 1, "FR": 2}
    assert counts["award"] == {"winner": 1, "none": 1}
    assert counts["region"] == {"africa": 1, "europe": 2}


def test_selection_matching_nothing_gives_zero_counts_elsewhere() -> None:
    selection = {"country": ["BR"], "award": ["winner"]}
    assert facets.select(ITEMS, selection) == []
    counts = facets.counts(ITEMS, selection)
    assert counts["topic"] == {}
    assert counts["award"] == {"none": 1}  # dropping 'winner' for 'none' would match d
    assert counts["country"] == {"KE": 2, "FR": 1}


def test_each_count_equals_the_size_of_the_selection_with_that_value() -> None:
    selection = {"guideline": ["ict"], "topic": ["t2", "t3"]}
    counts = facets.counts(ITEMS, selection)
    for facet, tally in counts.items():
        for value, n in tally.items():
            extended = {**selection, facet: [value]}
            assert len(facets.select(ITEMS, extended)) == n, (facet, value)


def test_sample_cases_have_every_facet(project: Project) -> None:
    items = facets.cases(project)
    assert len(items) == len(project.good_practices) >= 12
    for item in items:
        assert item.values["country"] and item.values["region"] and item.values["year"]
        assert item.values["award"][0] in (*facets.AWARD_LEVELS, facets.NO_AWARD)
    assert facets.counts(items, {})["award"]["none"] >= 1


def test_region_comes_from_profile_else_from_table(project: Project) -> None:
    assert facets.country_region(project, "KE") == project.profiles["ke"].region
    assert "nz" not in project.profiles
    assert facets.country_region(project, "NZ") == "asia-pacific"
    assert facets.country_region(project, "AR") == "americas"


def test_region_table_covers_every_country() -> None:
    table = facets.region_table()
    assert set(table.values()) == set(facets.REGIONS)
    not_countries = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
    assert ISO_COUNTRIES - set(table) <= not_countries
    assert set(table) <= ISO_COUNTRIES


@pytest.mark.parametrize("lang", LANGS)
def test_facet_data_is_compact_and_consistent(project: Project, lang: str) -> None:
    data = facets.facet_data(project, lang)
    text = facets.to_json(data)
    assert json.loads(text) == data
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert [f["key"] for f in data["facets"]] == list(facets.FACETS)
    assert len(data["cases"]) == len(project.good_practices)
    by_id = {c.id: c for c in facets.cases(project)}
    for case_id, per_facet in data["cases"]:
        for f, indexes in enumerate(per_facet):
            values = [data["facets"][f]["values"][i][0] for i in indexes]
            assert values == list(by_id[case_id].values[facets.FACETS[f]])
    # Labels are localized.
    countries = dict((v, label) for v, label in data["facets"][1]["values"])
    assert countries["DE"] == {"en": "Germany", "fr": "Allemagne", "de": "Deutschland", "es": "Alemania",
                               "ar": "ألمانيا", "ru": "Германия", "zh": "德国"}[lang]
    assert data["facets"][0]["label"] == project.catalog.t(lang, "good_practice.facet_guideline")


def test_facet_json_stays_small_per_case(project: Project) -> None:
    text = facets.to_json(facets.facet_data(project, "en"))
    cases_part = json.dumps(facets.facet_data(project, "en")["cases"], separators=(",", ":"))
    # IDs and small integers only: no titles or summaries repeated per case.
    assert len(cases_part) / len(project.good_practices) < 90
    assert "Digital enrolment" not in text


# --- listing pages and metadata boxes -----------------------------------------------------

@pytest.fixture(scope="module")
def listing_pages(project: Project) -> dict[str, str]:
    return {p.path: p.text for p in listings.pages(Context(project))}


@pytest.mark.parametrize("lang", LANGS)
def test_listing_pages_per_language(project: Project, listing_pages: dict[str, str], lang: str) -> None:
    name = "index.md" if lang == "en" else f"index.{lang}.md"
    gp = listing_pages[f"good-practices/{name}"]
    assert "kind: good-practice-index" in gp
    assert 'data-facets-src="facets.json"' in gp
    for doc_id in project.good_practices:
        assert f'data-case="{doc_id}"' in gp
    assert "#region-africa" in gp
    assert project.catalog.t(lang, "regions.africa") in gp
    rp = listing_pages[f"reports/{name}"]
    for doc_id in project.reports:
        assert f'data-report="{doc_id}"' in rp
    assert project.catalog.t(lang, "report.index_title") in rp


def test_listing_strings_block_is_valid_json(listing_pages: dict[str, str]) -> None:
    match = re.search(r"data-strings='([^']*)'", listing_pages["good-practices/index.ar.md"])
    assert match
    strings = json.loads(match.group(1))
    assert set(listings.SCRIPT_STRINGS) <= set(strings)
    assert "{count}" in strings["results"]


def test_reports_are_newest_first(listing_pages: dict[str, str]) -> None:
    text = listing_pages["reports/index.md"]
    found = re.findall(r'data-report="([^"]+)"', text)
    assert found == ["rp-digital-inclusion-2025", "rp-api-interoperability-2024", "rp-board-effectiveness-2023"]


def test_good_practice_box_links_principles(project: Project) -> None:
    doc = project.good_practices["gp-ke-mobile-contributions"]
    text = case_pages.header(project, doc, "fr")
    for pid in doc.meta["principles"]:
        gid = project.principles()[pid][0].id
        assert f'href="../../guidelines/{gid}/#{pid}"' in text
    assert "Kenya" in text and "2019" in text
    assert "Caisse nationale de sécurité sociale" in text  # translated institution
    assert project.catalog.t("fr", "award_levels.winner") in text
    assert 'href="../?country=KE"' in text


def test_report_box_links_guidelines(project: Project) -> None:
    doc = project.reports["rp-digital-inclusion-2025"]
    text = case_pages.header(project, doc, "zh")
    for gid in doc.meta["guidelines"]:
        assert f'href="../../guidelines/{gid}/"' in text
    assert 'datetime="2025-03-15"' in text and "2025年3月15日" in text


# --- built site: cross-links resolve in every language ------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    rel = page.relative_to(site).as_posix()
    url = urlsplit(urljoin(f"http://x/{rel}", href))
    path = url.path.lstrip("/")
    target = site / path / "index.html" if path.endswith("/") or not path else site / path
    return target, url.fragment


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_cross_links_resolve(built_site: Path, project: Project, lang: str) -> None:
    base = built_site if lang == "en" else built_site / lang
    checked = 0
    cache: dict[Path, _Links] = {}
    for folder, coll in (("good-practices", project.good_practices), ("reports", project.reports)):
        for doc in coll.values():
            page = base / folder / doc.id / "index.html"
            links = _parse(page)
            wanted = {f"guidelines/{g}/" for g in doc.meta.get("guidelines", [])}
            seen: set[str] = set()
            for href in links.hrefs:
                if "guidelines/" not in href or href.startswith(("http:", "https:")):
                    continue
                target, fragment = _target(built_site, page, href)
                assert target.is_file(), f"{page}: {href} -> {target} does not exist"
                assert target.is_relative_to(base), f"{page}: {href} leaves the {lang} site"
                if fragment:
                    ids = cache.setdefault(target, _parse(target)).ids
                    assert fragment in ids, f"{page}: {href}: no id '{fragment}' in {target}"
                    seen.add(fragment)
                seen.add(target.parent.relative_to(base).as_posix() + "/")
                checked += 1
            assert wanted <= seen, f"{page} lacks links to {wanted - seen}"
            assert set(doc.meta.get("principles", [])) <= seen, f"{page} lacks principle links"
    assert checked >= len(project.good_practices)


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_principles_link_to_their_good_practices(built_site: Path, project: Project, lang: str) -> None:
    base = built_site if lang == "en" else built_site / lang
    for pid, docs in project.good_practices_by_principle().items():
        gid = project.principles()[pid][0].id
        page = base / "guidelines" / gid / "index.html"
        targets = {_target(built_site, page, h)[0] for h in _parse(page).hrefs if "good-practices/" in h}
        for doc in docs:
            assert base / "good-practices" / doc.id / "index.html" in targets, f"{page}: no link to {doc.id}"
    for target in {t for g in project.guidelines for t in [base / "guidelines" / g / "index.html"]}:
        for href in _parse(target).hrefs:
            if "good-practices/" in href and not href.startswith(("http:", "https:")):
                assert _target(built_site, target, href)[0].is_file(), f"{target}: broken {href}"


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_built_facet_json_and_listing(built_site: Path, project: Project, lang: str) -> None:
    base = built_site if lang == "en" else built_site / lang
    data = json.loads((base / "good-practices" / "facets.json").read_text(encoding="utf-8"))
    assert data["lang"] == lang
    assert data == facets.facet_data(project, lang)
    listing = (base / "good-practices" / "index.html").read_text(encoding="utf-8")
    assert "facets.js" in listing and "data-case-groups" in listing
    assert '"cases"' not in listing  # facet data is not embedded in the page
    for doc_id in project.good_practices:
        assert f'href="{doc_id}/"' in listing
        page = (base / "good-practices" / doc_id / "index.html").read_text(encoding="utf-8")
        assert f'data-good-practice="{doc_id}"' in page and f'lang="{lang}"' in page
        assert "facets.js" not in page


@pytest.mark.parametrize("lang", ("en", "ar", "zh"))
def test_report_listing_shows_counts_by_type(project: Project, listing_pages: dict[str, str], lang: str) -> None:
    name = "index.md" if lang == "en" else f"index.{lang}.md"
    text = listing_pages[f"reports/{name}"]
    stats = re.search(r'<p class="ssa-meta ssa-section-stats">([^<]*)</p>', text)
    assert stats, "the report listing has no counts"
    assert project.catalog.t(lang, "report.index_stats", count=len(project.reports)) in stats.group(1)
    for doc in project.reports.values():
        assert project.catalog.t(lang, f"report_types.{doc.meta['type']}") in stats.group(1)
    views = [{"type": "b"}, {"type": "a"}, {"type": "b"}]
    assert listings.type_counts(views, "en") == [("b", 2), ("a", 1)]
