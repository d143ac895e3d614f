"""The country comparison split by region at portal scale (issue 25): every country on exactly one
region page, the comparison's own page with every country's checkbox and no columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.generate import Context, profile_pages
from build_tools.model.project import Project, load_project

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO)


@pytest.fixture(scope="module")
def split_pages(project: Project) -> dict[str, str]:
    """The repository's profiles generated with at most 8 countries per comparison page."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(profile_pages, "compare_page_countries", lambda ctx: 8)
        return {p.path: p.text for p in profile_pages.pages(Context(project))}


def _views(n_by_region: dict[str, int]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    views = [{"id": f"{r}-{k}", "region": r} for r, n in n_by_region.items() for k in range(n)]
    regions = [{"key": r, "name": r.title()} for r in ("africa", "americas", "asia-pacific", "europe")]
    return views, regions


def test_no_split_up_to_the_limit() -> None:
    views, regions = _views({"africa": 30, "europe": 30})
    assert profile_pages.compare_split(views, regions, 60) is None


def test_split_by_region_in_balanced_parts() -> None:
    views, regions = _views({"africa": 45, "americas": 35, "asia-pacific": 61, "europe": 39})
    split = profile_pages.compare_split(views, regions, 60)
    assert split is not None
    pages = split["pages"]
    assert [p["key"] for p in pages] == ["africa", "americas", "asia-pacific-1", "asia-pacific-2", "europe"]
    assert [p["count"] for p in pages] == [45, 35, 31, 30, 39]
    assert all(p["count"] <= 60 for p in pages)
    assert pages[2]["label"] == "Asia-Pacific (1/2)"
    assert pages[2]["href"] == "../compare-asia-pacific-1/"  # a sibling of compare/: same relative links
    ids = [i for p in pages for i in p["ids"]]
    assert sorted(ids) == sorted(v["id"] for v in views)  # every country on exactly one page
    assert split["page_of"]["asia-pacific-60"] == "../compare-asia-pacific-2/"


def test_limit_comes_from_the_site_config(project: Project) -> None:
    assert profile_pages.compare_page_countries(Context(project)) == 35  # mkdocs.yml, ssa-site's options


def test_split_pages_hold_every_country_once(split_pages: dict[str, str], project: Project) -> None:
    index = split_pages["countries/compare.fr.md"]
    assert "data-compare-split" in index
    # Every country can be ticked on the comparison's page, each naming the page with its column…
    boxes = re.findall(r'name="country" value="([^"]+)" id="[^"]+" data-compare-page="([^"]+)"', index)
    assert sorted(i for i, _ in boxes) == sorted(project.profiles)
    assert " checked" not in index.split('name="topic"')[0]  # no country chosen on a plain visit
    assert "<td data-country=" not in index  # …and the page itself has no country column
    assert re.search(r'data-compare-table hidden', index)
    # Without scripts: the region list links every page.
    pages = sorted(set(href for _, href in boxes))
    for href in pages:
        assert f'<a href="{href}">' in index
    seen: list[str] = []
    for href in pages:
        stem = href.strip("./")
        page = split_pages[f"countries/{stem}.fr.md"]
        heads = re.findall(r'<th scope="col" data-country="([^"]+)"', page.split("</thead>")[0])
        seen += heads
        assert page.count('<section class="ssa-compare__section"') == 7
        for row in re.findall(r'<tr data-topic="[^"]+".*?</tr>', page, flags=re.S):
            assert row.count("<td data-country=") == len(heads)
        assert 'aria-current="page"' in page and '<a href="../compare/">' in page
        assert "data-compare-split" not in page
        assert re.search(r"^title: .*Comparer les pays", page, flags=re.M)
    assert sorted(seen) == sorted(project.profiles)
