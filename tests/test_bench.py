"""Benchmark smoke test (no timing assertions), corpus determinism and preview reloading."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import bench, corpus
from build_tools.app.pipeline import language_groups
from build_tools.model import incremental
from build_tools.model.project import load_project


def test_vocabularies_are_large_zipf_and_in_their_script() -> None:
    for lang in corpus.LANGS:
        vocab = corpus.vocabulary(lang, 1)
        assert len(set(vocab.words)) >= 20_000
        assert vocab.cumulative == sorted(vocab.cumulative)
    assert all("\u0600" <= ch <= "\u06ff" for ch in corpus.vocabulary("ar", 1).words[5])
    assert all("\u0400" <= ch <= "\u04ff" for ch in corpus.vocabulary("ru", 1).words[5])
    assert all("\u4e00" <= ch <= "\u9fff" for ch in corpus.vocabulary("zh", 1).words[5])
    sample = corpus.Writer("en", 1, "x").vocab.sample(corpus.Writer("en", 1, "y").rng, 5000)
    top = corpus.vocabulary("en", 1).words[0]
    assert sample.count(top) > sample.count(corpus.vocabulary("en", 1).words[1000]) * 5


@pytest.fixture(scope="module")
def small_corpus(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> corpus.CorpusInfo:
    """One small synthetic corpus for this module (copy it before changing it)."""
    return corpus.generate(repo, tmp_path_factory.mktemp("bench") / "corpus", "small", seed=3)


def test_corpus_is_deterministic_and_valid(repo: Path, tmp_path: Path, small_corpus: corpus.CorpusInfo) -> None:
    a = small_corpus
    b = corpus.generate(repo, tmp_path / "b", "small", seed=3)
    files_a = sorted(p.relative_to(a.root) for p in a.root.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b.root) for p in b.root.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a.root / rel).read_bytes() == (b.root / rel).read_bytes(), rel
    project = load_project(a.root)
    assert [d.format_text() for d in project.diagnostics if d.severity.name == "ERROR"] == []
    scale = corpus.SCALES["small"]
    assert len(project.guidelines) == scale.guidelines
    assert len(project.good_practices) == scale.good_practices
    assert len(project.profiles) == scale.profiles
    assert len(project.reports) == scale.reports
    assert a.translations > 0
    assert any(doc.translations for doc in project.good_practices.values())


def test_language_groups_keep_the_default_first() -> None:
    codes = ["en", "fr", "de", "es", "ar", "ru", "zh"]
    groups = language_groups(codes, 2)
    assert groups[0][0] == "en"
    assert sorted(c for g in groups for c in g) == sorted(codes)
    assert language_groups(codes, 1) == [codes]
    assert len(language_groups(["en"], 4)) == 1


def test_floor_counts_every_built_page(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n", "utf-8")
    (docs / "a.fr.md").write_text("---\ntitle: A\n---\n# A fr\n", "utf-8")
    (docs / "b.md").write_text("# B\n", "utf-8")
    sources = bench.page_sources(docs, ["en", "fr"], "en")
    assert sorted(p.name for p in sources) == ["a.fr.md", "a.md", "b.md", "b.md"]
    _seconds, pages = bench.floor(docs, ["en", "fr"], "en", ["toc"], {})
    assert pages == 4


def test_preview_reloads_an_edited_document_alone(tmp_path: Path, small_corpus: corpus.CorpusInfo) -> None:
    root = tmp_path / "p"
    shutil.copytree(small_corpus.root, root)
    from build_tools.app import session as state

    key = state.fingerprint(root)
    project = load_project(root)
    path = sorted((root / "content" / "good-practices").glob("gp-*.fr.md"))[0]
    doc_id = path.name.split(".")[0]
    before = project.good_practices[doc_id]
    path.write_text(path.read_text("utf-8") + "\nNew paragraph.\n", "utf-8")
    modified, added, removed = incremental.changed_paths(key, state.fingerprint(root))
    assert modified == {path.relative_to(root).as_posix()} and not added and not removed
    assert incremental.reload_documents(project, modified) is False  # body only: no regeneration
    assert project.meta_generation == 0  # feeds and facets (front matter only) are kept
    assert "New paragraph." in project.good_practices[doc_id].translations["fr"].body
    source = root / "content" / "good-practices" / f"{doc_id}.md"
    source.write_text(source.read_text("utf-8").replace("title: ", "title: Changed ", 1), "utf-8")
    rel = source.relative_to(root).as_posix()
    assert incremental.reload_documents(project, {rel}) is True  # front matter: listings change
    assert project.meta_generation == 1 and project.serial != load_project(root).serial
    after = project.good_practices[doc_id]
    assert after is not before and after.title.startswith("Changed ")
    assert "fr" in after.translations
    source.write_text(source.read_text("utf-8").replace("year: ", "year: not-a-year-", 1), "utf-8")
    incremental.reload_documents(project, {rel})
    assert any(d.path == rel for d in project.diagnostics)
    assert project.good_practices[doc_id] is after  # the last good version stays


@pytest.mark.slow
def test_bench_small_runs_and_writes_every_key(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    # BENCH_ENGINES=0: the engine comparison (Pagefind) is left to `python -m benchmarks.search_compare`.
    env = {**os.environ, "SSA_BENCH_DIR": str(tmp_path / "work"), "NO_MKDOCS_2_WARNING": "1", "BENCH_ENGINES": "0"}
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--scale", "small", "--json", str(out)],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "build / baseline" in proc.stdout  # the table
    result = json.loads(out.read_text("utf-8"))
    for key in ("pages", "build_s", "baseline_s", "floor_s", "peak_rss_mb", "median_page_bytes", "search_gz_bytes",
                "baseline_search_gz_bytes", "first_result_ms", "ratios", "machine"):
        assert key in result, key
    assert result["pages"] == result["baseline_pages"] > 0
    assert set(result["search_gz_bytes"]) == {"en", "fr", "de", "es", "ar", "ru", "zh"}
    assert set(result["first_result_ms"]) == set(result["search_gz_bytes"])
    assert result["peak_rss_mb"] > 0 and result["median_page_bytes"] > 0
    assert not (tmp_path / "work" / "small").exists()  # removed without --keep
