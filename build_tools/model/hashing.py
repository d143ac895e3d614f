"""Content hashes that record what a translation was made from.

Hashes are computed from the translatable text itself, not from git history, so they work
in shallow CI clones and survive file moves.
"""

from __future__ import annotations

import hashlib
import json


def unit_hash(content: object) -> str:
    """A short, stable hash of a JSON-serializable unit of source text."""
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
