"""MkDocs adapters: the only part of build_tools that imports mkdocs.

They translate MkDocs events into calls on the domain core, so the core can move to
another engine (Material for MkDocs reaches end of life on 2027-05-05). Of them, only
:mod:`build_tools.mkdocs_plugins.compat` reaches into upstream internals.
"""

from build_tools.mkdocs_plugins import compat

# Before anything imports mkdocs: with ProperDocs installed, mkdocs.* imports resolve to it.
compat.activate_engine()
