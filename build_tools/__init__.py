"""Build tools for the association's multilingual knowledge site.

The package is split into a pure domain core (content model, loading, validation,
translation state, page generation), which never imports mkdocs, and thin adapters
in :mod:`build_tools.mkdocs_plugins` that plug the core into MkDocs.
"""

__version__ = "0.1.0"
