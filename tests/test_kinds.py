"""The content-type registry: the built-in kinds, and a new kind declared in one place.

The "news" kind below is declared the way a new content module would declare it (one
:class:`ContentKind`, plus its listing template); nothing else in the code base knows about it,
yet it is loaded, validated, reported by the translation tools, reloaded by the live preview,
listed, and built into the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools.checks.diagnostics import Diagnostic, Severity
from build_tools.i18n import translation_status
from build_tools.model import documents, incremental, kinds
from build_tools.model.base import SourceFile
from build_tools.model.project import classify, load_project


def _load_news(src: SourceFile) -> tuple[documents.Document | None, list[Diagnostic]]:
    return documents.load(src, "news", "page", require_front_matter=True)


NEWS = kinds.ContentKind(
    name="news", folder="news", ext="md", schema="page", load=_load_news,
    load_translation=documents.load_document_translation, translation_report=documents.translation_report,
    stamp_hashes=documents.stamp_hashes, in_docs=True, order=50, url_folder="news", claims_ids=True,
    listing_template="news_index.md.j2", header_template="news_page.html.j2",
)

HEADER = """<p class="news-box" data-news="{{ doc.id }}"{% if doc.text_lang != lang %} lang="{{ doc.text_lang }}"{% endif %}>
{{ doc.meta.get('description') or doc.meta.title }}</p>
"""

LISTING = """---
title: News
ssa:
  kind: news-index
---
# News

{% for n in items %}
- [{{ n.title|inline }}]({{ n.id }}/){% if n.text_lang != lang %}{ lang="{{ n.text_lang }}" }{% endif %}
{% endfor %}
"""


def _write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def news_project(mini_project: Path) -> Iterator[Path]:
    """The mini project with two news items (one translated into French), news kind registered."""
    _write(mini_project, "content/news/launch.md", "---\ntitle: Portal launched\ndescription: It is live.\n---\n"
                                                     "# Portal launched\n\nThe portal is live.\n")
    _write(mini_project, "content/news/launch.fr.md", "---\ntitle: Le portail est ouvert\n---\n"
                                                        "# Le portail est ouvert\n\nLe portail est en ligne.\n")
    _write(mini_project, "content/news/meeting.md", "---\ntitle: Annual meeting\n---\n# Annual meeting\n\nSoon.\n")
    _write(mini_project, "overrides/generators/news_index.md.j2", LISTING)
    _write(mini_project, "overrides/generators/news_page.html.j2", HEADER)
    with kinds.registered(NEWS):
        yield mini_project


def test_builtin_kinds_are_declared_once_each() -> None:
    names = [k.name for k in kinds.kinds()]
    assert names == ["guideline", "country-profile", "good-practice", "report", "page"]
    assert kinds.get("report") is not None and kinds.get("report").url_folder == "reports"  # type: ignore[union-attr]
    assert kinds.by_url_folder("countries") is kinds.get("country-profile")
    from build_tools.checks.schema_check import schema_names

    assert {k.schema for k in kinds.kinds()} <= set(schema_names())
    with pytest.raises(ValueError, match="declared twice"):
        kinds.register(kinds.ContentKind(**{**kinds.get("page").__dict__, "order": 1}))  # type: ignore[union-attr]


def test_the_deepest_folder_wins() -> None:
    assert kinds.match("content/reports/r.md", "reports/r.md").name == "report"  # type: ignore[union-attr]
    assert kinds.match("content/about.md", "about.md").name == "page"  # type: ignore[union-attr]
    assert kinds.match("content/reports/r.pdf", "reports/r.pdf") is None  # attachments are no kind's source
    assert kinds.match("guidelines/notes.txt", None).name == "guideline"  # type: ignore[union-attr]
    assert kinds.match("content/guidelines/gg.md", "guidelines/gg.md") is None  # generated
    assert incremental.document_kind("content/good-practices/x.fr.md") == "good-practice"
    assert incremental.document_kind("guidelines/x.yml") is None  # not reloaded in place


def test_a_new_kind_loads_and_validates(news_project: Path) -> None:
    project = load_project(news_project)
    assert project.diagnostics == []
    news = project.items("news")
    assert sorted(news) == ["launch", "meeting"]
    assert news["launch"].kind == "news" and "fr" in news["launch"].translations
    assert "news/launch.md" not in project.pages  # no longer a plain page
    assert classify(news_project / "content/news/launch.md", project.config) == "news"

    _write(news_project, "content/news/bad.md", "---\ntitle: Bad\ncolour: red\n---\nText.\n")
    _write(news_project, "content/news/orphan.fr.md", "---\ntitle: Orphelin\n---\nTexte.\n")
    _write(news_project, "content/news/gp-demo.md", "---\ntitle: Same ID as a good practice\n---\nText.\n")
    diags = load_project(news_project).diagnostics
    codes = {(d.path, d.code) for d in diags if d.severity is Severity.ERROR}
    assert codes == {("content/news/bad.md", "E124"), ("content/news/gp-demo.md", "E130")}, codes
    # A translation without a source is obsolete: a warning (issue 16), not an error.
    assert ("content/news/orphan.fr.md", "W150") in {(d.path, d.code) for d in diags}


def test_a_new_kind_gets_translation_status_and_stamps(news_project: Path) -> None:
    project = load_project(news_project)
    fr = {(r.kind, r.item_id): r for r in project.translation_reports("fr")}
    assert fr[("news", "meeting")].state == "missing"
    assert fr[("news", "meeting")].path == "content/news/meeting.fr.md"
    assert fr[("news", "launch")].state == "outdated"  # translated, never stamped
    status = translation_status.status_json(translation_status.language_status(project, ["fr"]))
    assert {"kind": "news", "id": "meeting", "path": "content/news/meeting.fr.md"} in status["fr"]["missing"]

    assert translation_status.stamp_file(project, news_project / "content/news/launch.fr.md") is True
    project = load_project(news_project)
    fr = {(r.kind, r.item_id): r for r in project.translation_reports("fr")}
    assert fr[("news", "launch")].state == "translated"
    notice = translation_status.page_notice(project, "news/meeting.md", "fr")
    assert notice is not None and notice.status == "fallback"
    assert translation_status.document_for(project, "news/launch.fr.md", "fr") is project.items("news")["launch"]


def test_a_new_kind_is_reloaded_in_place(news_project: Path) -> None:
    project = load_project(news_project)
    assert incremental.document_kind("content/news/launch.md") == "news"
    _write(news_project, "content/news/launch.md", "---\ntitle: Portal opened\n---\n# Portal opened\n\nLive.\n")
    assert incremental.reload_documents(project, {"content/news/launch.md"}) is True
    assert project.items("news")["launch"].title == "Portal opened"
    assert "fr" in project.items("news")["launch"].translations  # kept across the reload


def test_a_new_kind_is_listed(news_project: Path) -> None:
    from build_tools.generate import generate_pages

    project = load_project(news_project)
    assert kinds.is_generated("news/index.md") and kinds.is_generated("news/index.fr.md")
    pages = {p.path: p.text for p in generate_pages(project)}
    listing = pages["news/index.md"]
    assert "[Portal launched](launch/)" in listing and "[Annual meeting](meeting/)" in listing
    assert "[Le portail est ouvert](launch/)" in pages["news/index.fr.md"]
    assert '[Annual meeting](meeting/){ lang="en" }' in pages["news/index.fr.md"]
    status = pages["status/index.md"]
    assert "content/news/meeting.fr.md" in status and "../news/meeting/" in status


def test_outside_the_block_the_kind_is_gone(mini_project: Path) -> None:
    _write(mini_project, "content/news/launch.md", "---\ntitle: Portal launched\n---\nText.\n")
    project = load_project(mini_project)
    assert "news/launch.md" in project.pages  # an ordinary page again
    assert not kinds.is_generated("news/index.md")


@pytest.mark.slow
def test_a_new_kind_builds(news_project: Path) -> None:
    from build_tools.cli.main import main

    config = news_project / "mkdocs.yml"  # the mini fixture runs ssa-site only: add the other adapters
    text = config.read_text("utf-8")
    config.write_text(text.replace("  - ssa-site\n", "  - ssa-site\n  - ssa-collections\n  - ssa-search\n", 1), "utf-8")
    assert main(["--root", str(news_project), "build", "--jobs", "1"]) == 0
    site = news_project / "site"
    page = (site / "news" / "launch" / "index.html").read_text("utf-8")
    assert "The portal is live." in page
    assert 'data-news="launch"' in page and "It is live." in page  # the kind's header template
    assert "Le portail est en ligne." in (site / "fr" / "news" / "launch" / "index.html").read_text("utf-8")
    listing = (site / "news" / "index.html").read_text("utf-8")
    assert 'href="launch/"' in listing and 'href="meeting/"' in listing
    manifest = json.loads((site / "search" / "manifest.json").read_text("utf-8"))
    assert "news" in manifest["kinds"], "news pages are indexed under their own kind"
    status = (site / "status" / "index.html").read_text("utf-8")
    assert "content/news/meeting.fr.md" in status


def test_a_new_kind_has_its_search_kind(news_project: Path) -> None:
    from types import SimpleNamespace

    from build_tools.mkdocs_plugins.search import page_kind

    def page(src: str) -> object:
        return SimpleNamespace(meta={}, file=SimpleNamespace(src_uri=src))

    assert page_kind(page("news/launch.md")) == "news"  # type: ignore[arg-type]
    assert page_kind(page("news/launch.fr.md")) == "news"  # type: ignore[arg-type]
    assert page_kind(page("news/index.md")) == "page"  # type: ignore[arg-type]
    assert page_kind(page("reports/rp-demo.md")) == "report"  # type: ignore[arg-type]


@pytest.mark.parametrize("kind,item_id,rel", [
    ("guideline", "new-guideline", "guidelines/new-guideline.yml"),
    ("country-profile", "de", "country_profiles/de.yml"),
    ("good-practice", "gp-new-case", "content/good-practices/gp-new-case.md"),
    ("report", "rp-new-report", "content/reports/rp-new-report.md"),
])
def test_new_writes_a_valid_skeleton_where_the_kind_lives(mini_project: Path, kind: str, item_id: str,
                                                          rel: str, capsys: pytest.CaptureFixture[str]) -> None:
    from build_tools.cli.main import main

    # `new` refuses --set keys a kind does not use (issue 15): only a good practice has a country.
    settings = ["--set", "country=LU"] if kind == "good-practice" else []
    assert main(["--root", str(mini_project), "new", kind, item_id, *settings]) == 0, capsys.readouterr()
    assert (mini_project / rel).is_file()
    assert kinds.for_file(mini_project / rel, mini_project, mini_project / "content").name == kind  # type: ignore[union-attr]
    assert main(["--root", str(mini_project), "new", kind, item_id]) == 1  # never overwrites silently
