"""Memoized file localization for mkdocs-static-i18n (suffix structure).

Profiling a portal-scale language build showed a quarter of its time in
``mkdocs_static_i18n.suffix.create_i18n_file``: it is called for every file and, to compute
alternates, again for every file × language, in every language build, each call redoing the
same path arithmetic. Its result depends only on its arguments, so it is computed once per
process and each call gets a fresh shallow copy (callers mutate ``alternates`` and attach pages).
"""

from __future__ import annotations

import copy
import os
from typing import Any

_CACHE: dict[tuple[Any, ...], Any] = {}
_INSTALLED: list[Any] = []


def install() -> None:
    """Replace ``mkdocs_static_i18n.suffix.create_i18n_file`` by the memoized version (idempotent)."""
    from mkdocs_static_i18n import suffix

    if _INSTALLED or os.environ.get("SSA_NO_I18N_MEMO"):
        return
    original = suffix.create_i18n_file
    _INSTALLED.append(original)

    def create_i18n_file(file: Any, current_language: str, default_language: str, all_languages: list[str],
                         config: Any) -> Any:
        key = (file.src_path, file.dest_path, file.dest_uri, file.inclusion, current_language, default_language,
               tuple(all_languages), config.docs_dir, config.site_dir, config.use_directory_urls)
        template = _CACHE.get(key)
        if template is None:
            template = _CACHE[key] = original(file, current_language, default_language, all_languages, config)
        clone = copy.copy(template)
        clone.alternates = {current_language: clone}
        return clone

    suffix.create_i18n_file = create_i18n_file

