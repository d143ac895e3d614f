"""The build pipeline is core: the engine step is injected, so it runs (and fails safely) without MkDocs.

A fake engine writes one page per language; the pipeline validates, generates the pages,
runs the fake engine in parallel processes, merges their folders, checks links and publishes.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from build_tools.app import pipeline
from build_tools.app.pipeline import BuildJob, EngineOutput
from build_tools.app.session import ProjectSession
from build_tools.output.link_check import BuiltPage, BuiltSite


def _fake_engine(calls: Path, extra: dict[str, tuple[str, str]] | None = None) -> pipeline.LanguageBuilder:
    """An engine that writes one page per language (and ``extra``: built file -> (source, HTML))."""

    def build(job: BuildJob) -> EngineOutput:
        assert isinstance(job.session, ProjectSession) and job.session.loaded is not None  # primed, not reloaded
        done = []
        sources: dict[str, str] = {}
        lang = job.first or job.queue.take()
        while lang is not None:
            default = lang == job.languages[0]
            page = job.site_dir / ("" if default else lang) / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            link = "fr/" if default else "../"
            html = f'<html lang="{lang}"><article class="md-content__inner"><a href="{link}">x</a></article></html>'
            page.write_text(html, "utf-8")
            sources[page.relative_to(job.site_dir).as_posix()] = "content/index.md"
            for rel, (source, text) in (extra or {}).items():
                if rel.startswith(f"{lang}/"):
                    (job.site_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                    (job.site_dir / rel).write_text(text, "utf-8")
                    sources[rel] = source
            with open(calls, "a", encoding="utf-8") as fh:
                fh.write(f"{lang}\n")
            done.append(lang)
            lang = job.queue.take()
        return EngineOutput(done, sources)

    return build


def test_the_pipeline_runs_an_injected_engine_in_parallel(mini_project: Path, tmp_path: Path) -> None:
    calls = tmp_path / "calls.txt"
    code = pipeline.run_build(mini_project, _fake_engine(calls), jobs=2)
    assert code == 0
    site = mini_project / "site"
    languages = sorted(calls.read_text("utf-8").split())
    assert languages == sorted(["en", "fr", "ar"])  # each language built once, by one of the two processes
    assert (site / "index.html").is_file() and (site / "fr" / "index.html").is_file()
    assert (site / "ar" / "index.html").is_file()
    assert (mini_project / "content" / "guidelines").is_dir()  # pages were generated before the engine ran


def test_a_broken_link_found_in_a_worker_stops_publication(mini_project: Path, tmp_path: Path,
                                                           capfd: pytest.CaptureFixture[str]) -> None:
    # The source has no such link (a theme or extension wrote it): the built-site check finds it.
    (mini_project / "content" / "notes.md").write_text("# Notes\n\nText.\n", "utf-8")
    broken = {"ar/x/index.html": ("content/notes.md",
                                  '<html><article class="md-content__inner"><a href="missing/">x</a></article></html>')}
    engine = _fake_engine(tmp_path / "calls.txt", broken)

    assert pipeline.run_build(mini_project, engine, jobs=2) == 1
    assert not (mini_project / "site").exists()  # nothing was published
    err = capfd.readouterr().err
    assert "E181" in err and "content/notes.md:1:1" in err and "link check failed with 1 broken link" in err, err


def test_the_pipeline_finishes_the_html_the_engine_wrote(mini_project: Path, tmp_path: Path) -> None:
    """Language and direction on <html>, tables wrapped, permalinks titled: done by the pipeline, not the engine."""
    page = ('<html lang="ar" dir="ltr"><article class="md-content__inner"><h2 id="a">A<a class="headerlink" '
            'href="#a" title="Permanent link">¶</a></h2><table><tr><td>1</td></tr></table></article></html>')
    engine = _fake_engine(tmp_path / "calls.txt", {"ar/t/index.html": ("content/index.ar.md", page)})
    assert pipeline.run_build(mini_project, engine, jobs=2) == 0
    built = (mini_project / "site" / "ar" / "t" / "index.html").read_text("utf-8")
    assert built.startswith('<html lang="ar" dir="rtl">')
    assert 'class="ssa-table"' in built and "md-typeset__scrollwrap" in built
    assert 'title="Permanent link"' not in built
    assert (mini_project / "site" / "index.html").read_text("utf-8").startswith('<html lang="en" dir="ltr">')


def test_a_failing_worker_leaves_the_site_alone(mini_project: Path, tmp_path: Path,
                                               capfd: pytest.CaptureFixture[str]) -> None:
    def engine(job: BuildJob) -> EngineOutput:
        if job.first is None:  # the worker process, not the parent
            raise RuntimeError("engine exploded")
        return _fake_engine(tmp_path / "calls.txt")(job)

    assert pipeline.run_build(mini_project, engine, jobs=2) == 1
    assert not (mini_project / "site").exists()
    assert not list(mini_project.glob(".site.*"))
    err = capfd.readouterr().err
    assert "worker failed: RuntimeError: engine exploded" in err and "the published site was not changed" in err


def test_built_sites_merge() -> None:
    a, b = BuiltSite(), BuiltSite()
    a.add_page("index.html", '<article class="md-content__inner"><a href="fr/">x</a></article>', BuiltPage("a.md", ""))
    b.add_page("fr/index.html", '<h1 id="t">t</h1>', BuiltPage("a.fr.md", ""))
    a.merge(b)
    assert set(a.page_links) == {"index.html", "fr/index.html"} and a.page_ids["fr/index.html"] == {"t"}
    assert a.sources["fr/index.html"].rel == "a.fr.md"


def test_the_core_pipeline_imports_no_engine() -> None:
    for name in ("pipeline.py", "session.py"):
        tree = ast.parse((REPO / "build_tools" / "app" / name).read_text("utf-8"))
        imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not {m for m in imported if m.startswith(("build_tools.mkdocs_plugins", "mkdocs", "material"))}, name
    code = "import sys, build_tools.app.pipeline; print(sorted(m for m in sys.modules if m.startswith('mkdocs')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
