"""Compiled theme templates kept in memory across the builds of one project session.

MkDocs makes a new Jinja environment for every build: each language of a full build and each
live-preview rebuild compiles Material's templates again (about 0.3 s). Jinja's bytecode cache
checks the template source's checksum, so an edited template is compiled afresh. The cache is
held by the project session (:meth:`build_tools.app.session.ProjectSession.held`).
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """A Jinja bytecode cache held in a dictionary."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` from memory, if this template was compiled before."""
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the bytecode just compiled."""
        self.store[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        """Forget every compiled template."""
        self.store.clear()
