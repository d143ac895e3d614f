"""Run a full site build: validate, generate, build with MkDocs into staging, publish."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from build_tools.diagnostics import Severity, format_report, has_errors
from build_tools.generate import generate_pages, write_pages
from build_tools.links import check_project
from build_tools.project import load_project
from build_tools.publish import discard, publish, staging_dir


def _mkdocs_build(root: Path, site_dir: Path, languages: list[str] | None) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    if languages:
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            for lang_cfg in i18n.config.languages:
                lang_cfg.build = lang_cfg.locale in languages or lang_cfg.default
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def run_build(root: Path, site_dir: str = "site", languages: list[str] | None = None, jobs: int = 0,
              strict: bool = False) -> int:
    """Build the site into ``site_dir`` atomically; returns a process exit code."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)
    logging.getLogger("mkdocs.structure.pages").setLevel(logging.ERROR)
    started = time.perf_counter()
    project = load_project(root)
    diags = project.diagnostics
    if diags:
        print(format_report(diags), file=sys.stderr)
    if has_errors(diags) or (strict and any(d.severity is Severity.WARNING for d in diags)):
        print("build stopped: fix the errors above; the published site was not changed", file=sys.stderr)
        return 1
    try:
        pages = generate_pages(project)
        result = write_pages(project.config.docs_dir, pages)
    except Exception as exc:  # noqa: BLE001 - report, never show a traceback to editors
        if os.environ.get("SSA_DEBUG"):
            raise
        print(f"page generation failed: {exc.__class__.__name__}: {exc} (set SSA_DEBUG=1 for details); "
              "the published site was not changed", file=sys.stderr)
        return 1
    link_diags = check_project(project, {page.path: page.text for page in pages})
    if link_diags:
        print(format_report(link_diags), file=sys.stderr)
        if has_errors(link_diags):
            print("build stopped: fix the broken links above; the published site was not changed", file=sys.stderr)
            return 1
    print(f"generated {len(pages)} pages ({len(result.written)} written) in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    target = (root / site_dir).resolve()
    staging = staging_dir(target)
    try:
        _mkdocs_build(root, staging, languages)
    except BaseException as exc:  # noqa: BLE001 - any failure must leave the old site intact
        discard(staging)
        if os.environ.get("SSA_DEBUG") or isinstance(exc, KeyboardInterrupt):
            raise
        print(f"build failed: {exc.__class__.__name__}: {exc}; the published site was not changed", file=sys.stderr)
        return 1
    publish(staging, target)
    print(f"site built in {time.perf_counter() - started:.1f} s -> {target}", file=sys.stderr)
    return 0
