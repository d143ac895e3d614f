"""The engine step of a site build: MkDocs (or ProperDocs) builds languages into a staging folder.

The pipeline (:mod:`build_tools.app.pipeline`: validate → generate → build → link check →
publish) calls :func:`build_languages` in each of its build processes. It loads the site's
configuration, hands the ``ssa-site`` plugin the project the pipeline already loaded, and runs
the languages taken from the shared queue itself: mkdocs-static-i18n's own loop is bypassed
(through :class:`build_tools.mkdocs_plugins.compat.LanguageBuilds`), so that a process builds
only its own languages, with the URL prefixes of a full build.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from build_tools.app.pipeline import BuildJob, EngineOutput, say
from build_tools.mkdocs_plugins import compat, render_cache
from build_tools.mkdocs_plugins.site import attach_session


def build_languages(job: BuildJob) -> EngineOutput:
    """Render languages taken from ``job.queue`` into ``job.site_dir`` in this process.

    Returns the languages built and, when the site checks links, the source of every page (the
    pipeline then finishes the HTML and collects the links itself). Without ``job.caches``, every page
    of every language is rendered by MkDocs itself (no render cache, no memoized i18n file map).
    Every patch of MkDocs made for the build is undone when it ends.
    """
    try:
        return _build_languages(job)
    finally:
        compat.restore_patches()


def _build_languages(job: BuildJob) -> EngineOutput:
    logging.getLogger("mkdocs.structure.pages").setLevel(logging.ERROR)
    logging.getLogger("mkdocs.structure.nav").setLevel(logging.WARNING)  # "not in nav": by design
    site_dir = job.site_dir
    if job.caches:
        compat.install_i18n_memo()
    config = compat.load_config(job.root / "mkdocs.yml", site_dir)
    attach_session(config, job.session)
    if config.plugins.get("i18n") is None:
        compat.build_without_i18n(config)
        return EngineOutput(job.languages)
    codes = compat.language_codes(config)
    compat.select_languages(config, job.languages)
    cache = compat.install_render_cache(set(codes)) if job.caches else render_cache.RenderCache(set(codes))
    builds = compat.LanguageBuilds(config)
    with builds.session():
        done: list[str] = []
        root_404: bytes | None = None
        lang = job.first or job.queue.take()
        while lang is not None:
            t0 = time.perf_counter()
            lookups = cache.lookups
            pages = builds.build(lang)
            if (site_dir / "404.html").is_file():
                if lang == builds.default_language:
                    root_404 = (site_dir / "404.html").read_bytes()
                else:  # each language's not-found page under its prefix (issue 25; overrides/404.html)
                    (site_dir / lang).mkdir(parents=True, exist_ok=True)
                    (site_dir / lang / "404.html").write_bytes((site_dir / "404.html").read_bytes())
            # How many pages show English text: the same in every run (how many of them this process
            # could reuse depends on which languages it built before, so it is not printed).
            untranslated = cache.lookups - lookups
            shown = f", {untranslated} untranslated" if untranslated and lang != builds.default_language else ""
            search = getattr(config.plugins.get("ssa-search"), "index_s", {}).get(lang)
            shown += f", search index {search:.1f} s" if search is not None else ""
            say(f"[{lang}] built {pages} pages in {time.perf_counter() - t0:.1f} s{shown}")
            done.append(lang)
            lang = job.queue.take()
        if root_404 is not None:  # every language build rewrites /404.html: keep the default language's
            (site_dir / "404.html").write_bytes(root_404)
    trust: Any = config.plugins.get("ssa-trust")
    options = getattr(trust, "config", None)
    if trust is None or not getattr(options, "check_links", False):
        return EngineOutput(done)
    return EngineOutput(done, dict(trust.sources), bool(getattr(options, "check_whole_page", False)))

