"""The only code that reaches into upstream internals (MkDocs or ProperDocs, mkdocs-static-i18n,
Material, Python-Markdown, watchdog), in three parts by what they do:

- :mod:`.contracts`: the contract checker. Every assumption the patches make, checked by
  behaviour (an experiment on the installed upstream, never its source text) with the versions
  this package was written for; :func:`ensure` stops a build naming the assumption that broke.
- :mod:`.patches`: the patch library for builds: static-i18n's state read and written, languages
  built from our own loop (:class:`LanguageBuilds`), the memoized ``create_i18n_file`` and the
  render cache around ``Page.render``. Every patch is recorded and undone by
  :func:`restore_patches` when the build ends, so two builds in one process cannot leak into
  each other.
- :mod:`.preview_server`: the one-language live preview (MkDocs' ``serve`` with its config
  loader, build, server, observer and ``File.is_modified`` replaced while it runs).

The theme's markup and scripts (Material) are a separate contract: :mod:`build_tools.output.theme`.
The engine is ProperDocs when it is installed (its ``properdocs.replacement`` module makes every
``mkdocs.*`` import, ours and Material's, resolve to ProperDocs), MkDocs 1.6 otherwise.
"""

from build_tools.mkdocs_plugins.compat.contracts import (
    ASSUMPTIONS,
    DIRTY_WARNING,
    PERMALINK_TITLE,
    SUPPORTED,
    SUPPORTED_ENGINES,
    Assumption,
    Checked,
    UpstreamChanged,
    activate_engine,
    broken,
    engine,
    ensure,
)
from build_tools.mkdocs_plugins.compat.patches import (
    LanguageBuilds,
    build_without_i18n,
    builds_one_locale_at_root,
    current_language,
    default_language,
    install_i18n_memo,
    install_render_cache,
    language_codes,
    load_config,
    nested_build,
    restore_patches,
    select_languages,
    without_static_templates,
)
from build_tools.mkdocs_plugins.compat.preview_server import serve

__all__ = [
    "ASSUMPTIONS", "DIRTY_WARNING", "PERMALINK_TITLE", "SUPPORTED", "SUPPORTED_ENGINES", "Assumption", "Checked",
    "LanguageBuilds", "UpstreamChanged", "activate_engine", "broken", "build_without_i18n", "builds_one_locale_at_root",
    "current_language", "default_language", "engine", "ensure", "install_i18n_memo", "install_render_cache",
    "language_codes", "load_config", "nested_build", "restore_patches", "select_languages",
    "serve", "without_static_templates",
]
