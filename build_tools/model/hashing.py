"""Content hashes that record what a translation was made from.

Hashes are computed from the translatable text itself, not from git history, so they work
in shallow CI clones and survive file moves. Text is normalised first, so that saving a file
with other line endings (CRLF) or trailing blanks does not outdate its translations: status,
``diff``, ``stamp`` and export all hash through :func:`unit_hash`.
"""

from __future__ import annotations

import hashlib
import json
import re

_TRAILING = re.compile(r"[ \t]+(?=\n)")


def normalise_text(text: str) -> str:
    """``text`` with LF line endings and no blanks before a line break (not a change a translator sees).

    Blanks at the very end stay: a UI separator such as ``"; "`` is text.
    """
    return _TRAILING.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _normalised(content: object) -> object:
    if isinstance(content, str):
        return normalise_text(content)
    if isinstance(content, dict):
        return {key: _normalised(value) for key, value in content.items()}
    if isinstance(content, (list, tuple)):
        return [_normalised(value) for value in content]
    return content


def unit_hash(content: object) -> str:
    """A short, stable hash of a JSON-serializable unit of source text (normalised, see :func:`normalise_text`)."""
    payload = json.dumps(_normalised(content), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
