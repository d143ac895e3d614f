"""Compiled theme templates kept in memory across the builds of one project session.

MkDocs makes a new Jinja environment for every build: each language of a full build and each
live-preview rebuild compiles Material's templates again (about 0.3 s). Jinja's bytecode cache
checks the template source's checksum, so an edited template is compiled afresh. The cache is
held by the project session (:meth:`build_tools.app.session.ProjectSession.held`). The cache class
is the core's (:mod:`build_tools.generate.templates`, which also uses it for the generator templates).
"""

from __future__ import annotations

from build_tools.generate.templates import MemoryBytecodeCache

__all__ = ["MemoryBytecodeCache"]
