"""Live preview of one language with ``mkdocs serve`` (dirty rebuilds).

- Only the previewed language is built: the i18n plugin keeps its real configuration (default
  language, URL prefixes, fallbacks), but only that language has ``build: true``, and it is built
  first. (``build_only_locale`` is not used: it would make the previewed language the default one,
  and untranslated English files would then compete with its translations.)
- Rebuilds are dirty: MkDocs renders again only pages whose source changed.
- The ``ssa-site`` plugin is in preview mode (:meth:`build_tools.app.session.ProjectSession.preview`):
  a changed good practice, report or page is re-read alone; generated pages are regenerated
  (for the previewed language only) when front matter or structured content changed.
- Changes are seen through inotify where the system has it (see
  :func:`build_tools.mkdocs_plugins.compat.serve`, which holds every patch of MkDocs' server).
- Content errors do not stop the server: every page request is answered with the list of errors
  (file and line, root causes first; :func:`error_page`) until they are fixed.
- The search index keeps every page's documents across dirty rebuilds (see ``preview_index.py``).
- The sitemap is not rendered in the preview (see ``SitePlugin.on_config``; a full build writes it).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from build_tools.app.session import ProjectSession
from build_tools.mkdocs_plugins import compat
from build_tools.mkdocs_plugins.site import attach_session

# Source folders outside docs_dir whose changes must trigger a rebuild.
WATCH = ("guidelines", "country_profiles", "locales", "overrides")


def single_language(config: Any, lang: str) -> Any:
    """Make a loaded MkDocs config build ``lang`` only, with the site's usual URLs."""
    codes = compat.language_codes(config)
    if not codes:
        return config
    if lang not in codes:
        raise ValueError(f"'{lang}' is not a site language ({', '.join(codes)})")
    compat.select_languages(config, [lang], current=lang)
    trust: Any = config.plugins.get("ssa-trust")
    if trust is not None and "check_links" in trust.config:
        # Links into the other languages cannot resolve in a one-language preview; the full
        # build checks them.
        trust.config["check_links"] = False
    return config


def serve(root: Path, lang: str | None, addr: str) -> int:
    """Serve ``lang`` (default: the default language) from ``root`` with fast dirty rebuilds."""
    from build_tools.model.site_config import SiteConfigError, load_site_config

    root = root.resolve()
    try:
        site = load_site_config(root)
    except SiteConfigError as exc:
        hint = f" (hint: {exc.hint})" if exc.hint else ""
        print(f"{exc.rel}:{exc.line}:{exc.column} E190 {exc.message}{hint}", file=sys.stderr)
        return 1
    lang = lang or site.default_language
    if lang not in site.codes:
        print(f"'{lang}' is not a site language ({', '.join(site.codes)})")
        return 2
    session = ProjectSession(root)
    session.preview([lang])

    def one_language(config: Any) -> Any:
        attach_session(config, session)
        return single_language(config, lang)

    logging.getLogger("mkdocs.structure.nav").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.structure.pages").setLevel(logging.ERROR)
    prefix = "" if lang == site.default_language else f"{lang}/"
    host = addr if ":" in addr else f"{addr}:8000"
    print(f"previewing '{lang}' (dirty rebuilds; Ctrl+C stops)", flush=True)  # MkDocs' last line gives its URL
    compat.serve(root / "mkdocs.yml", one_language,
                 watch=[str(root / w) for w in WATCH if (root / w).exists()], dev_addr=host,
                 is_modified=_changed_since_last_build(session),
                 error_page=lambda: error_page(session, lang) if session.preview_errors() else None,
                 url_prefix=prefix)
    return 0


def error_page(session: ProjectSession, lang: str) -> str:
    """The page listing the content errors of the last preview build with their file and line
    (``overrides/generators/preview_errors.html.j2``)."""
    from build_tools.checks.diagnostics import Severity, root_cause_order
    from build_tools.generate.templates import render
    from build_tools.model.site_config import RTL_LANGUAGES
    from build_tools.model.ui_strings import Catalog

    catalog = session.current().project.catalog
    if not catalog.strings:
        catalog = Catalog("en")
    errors = [d for d in sorted(session.preview_errors(), key=root_cause_order) if d.severity is Severity.ERROR]
    direction = "rtl" if lang.split("_")[0] in RTL_LANGUAGES else "ltr"
    return render(session.root, "preview_errors.html.j2", catalog, lang, errors=errors, direction=direction)


def _changed_since_last_build(session: ProjectSession) -> Callable[[str], bool]:
    """Dirty builds compare source and output times; a file saved *during* a build would then
    be skipped by the next one. Render the sources that changed since the last build anyway."""

    def changed(src: str) -> bool:
        paths = session.changed_sources()
        # ``paths`` holds a few paths relative to the root (content/...): compare by suffix
        # rather than resolving each of the thousands of files of every rebuild.
        if not paths:
            return False
        posix = src.replace(os.sep, "/")
        return any(posix.endswith("/" + rel) for rel in paths)

    return changed
