"""Set one text value in a YAML file by editing its text, so the rest stays byte for byte.

PyYAML's composer gives the exact start and end of every node, which is all a careful edit
needs: a value is replaced where it stands, a missing key is inserted at the end of its block
mapping, with the mapping's own indentation. Comments, quoting, folding and key order of
everything else are untouched (a dump of the parsed data would lose them all). Anything this
module does not handle (flow-style ``{...}`` containers in the path) raises :class:`EditError`.
"""

from __future__ import annotations

import json
import re
import textwrap

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# A path step: a mapping key, or ("id", value) for the item of a sequence whose ``id`` is value.
Step = str | tuple[str, str]
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:-]*$")


class EditError(ValueError):
    """The edit cannot be made as a text edit."""


def _key(name: str) -> str:
    return name if _PLAIN_KEY.match(name) and name.lower() not in ("yes", "no", "on", "off", "true", "false", "null") \
        else json.dumps(name, ensure_ascii=False)


def scalar(value: str, indent: int) -> str:
    """``value`` as a YAML scalar for a key at column ``indent``.

    Long single-paragraph text becomes a folded block (``>-``) wrapped at 100 columns, which reads
    well in a diff; anything else is a double-quoted string (JSON string syntax is valid YAML).
    """
    foldable = (len(value) > 80 and "\n" not in value and value == value.strip() and "  " not in value
                and "\t" not in value and not value.startswith(("#", "-", ">", "|")))
    if foldable:
        pad = " " * (indent + 2)
        lines = textwrap.wrap(value, width=max(40, 100 - len(pad)), break_long_words=False, break_on_hyphens=False)
        return ">-\n" + "\n".join(pad + line for line in lines)
    return json.dumps(value, ensure_ascii=False)


def _render(rest: list[Step], value: str, indent: int) -> str:
    pad = " " * indent
    step = rest[0]
    if isinstance(step, tuple):
        head = f"{pad}- {step[0]}: {_key(step[1])}\n"
        return head + (_render(rest[1:], value, indent + 2) if len(rest) > 1 else "")
    if len(rest) == 1:
        return f"{pad}{_key(step)}: {scalar(value, indent)}\n"
    nested_indent = indent + 2
    return f"{pad}{_key(step)}:\n" + _render(rest[1:], value, nested_indent)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _insert_at_end(text: str, node: Node, snippet: str) -> str:
    """Insert ``snippet`` (whole lines) after the last line of block container ``node``."""
    if getattr(node, "flow_style", False):
        raise EditError("a {…} or […] container")
    end = node.end_mark.index
    start = _line_start(text, end)
    if text[start:end].strip():  # the container ends mid-line (last line without a newline)
        start = end
        if not text[:start].endswith("\n"):
            snippet = "\n" + snippet
    else:
        # Blank lines that end the container belong before the next key: insert above them.
        while start > 0 and not text[_line_start(text, start - 1):start].strip():
            start = _line_start(text, start - 1)
            if start == 0:
                break
    return text[:start] + snippet + text[start:]


def set_text(text: str, path: list[Step], value: str) -> str:
    """``text`` (a YAML mapping document) with the scalar at ``path`` set to ``value``."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise EditError(str(exc)) from exc
    if root is None:
        sep = "" if not text or text.endswith("\n") else "\n"
        return text + sep + _render(path, value, 0)
    node: Node = root
    for i, step in enumerate(path):
        if isinstance(step, str):
            if not isinstance(node, MappingNode):
                raise EditError(f"'{step}' is not under a mapping")
            found = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == step), None)
            if found is None:
                indent = node.value[0][0].start_mark.column if node.value else node.start_mark.column
                return _insert_at_end(text, node, _render(path[i:], value, indent))
            node = found
        else:
            if not isinstance(node, SequenceNode):
                raise EditError(f"'{step[1]}' is not in a list")
            found = None
            for item in node.value:
                if isinstance(item, MappingNode) and any(
                        isinstance(k, ScalarNode) and k.value == step[0] and isinstance(v, ScalarNode) and v.value == step[1]
                        for k, v in item.value):
                    found = item
            if found is None:
                indent = node.value[0].start_mark.column - 2 if node.value else node.start_mark.column
                return _insert_at_end(text, node, _render(path[i:], value, max(indent, 0)))
            node = found
    if not isinstance(node, ScalarNode):
        raise EditError("not a text value")
    start, end = node.start_mark.index, node.end_mark.index
    span = text[start:end]
    tail = span[len(span.rstrip()):] if node.style in (">", "|") else ""
    key_column = _key_column(text, start)
    return text[:start] + scalar(value, key_column) + tail + text[end:]


def _key_column(text: str, value_start: int) -> int:
    line = text[_line_start(text, value_start):value_start]
    stripped = line.lstrip(" -")
    return len(line) - len(stripped)



def _find(root: Node, path: tuple[object, ...]) -> tuple[Node | None, Node | None]:
    """The node at ``path`` (mapping keys and list indices) and, for a mapping value, its key node."""
    node: Node | None = root
    key_node: Node | None = None
    for step in path:
        if isinstance(node, MappingNode) and isinstance(step, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == step), None)
            if pair is None:
                return None, None
            key_node, node = pair
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            key_node, node = None, node.value[step]
        else:
            return None, None
    return node, key_node


def remove(text: str, paths: list[tuple[object, ...]]) -> str:
    """``text`` without the keys or list items at ``paths`` (whole lines; everything else byte for byte)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        return text
    spans: list[tuple[int, int]] = []
    for path in paths:
        node, key_node = _find(root, path)
        if node is None:
            continue
        first = key_node if key_node is not None else node
        if getattr(node, "flow_style", False) or (key_node is None and not isinstance(path[-1], int)):
            raise EditError("a {…} or […] container")
        start = _line_start(text, first.start_mark.index)
        if key_node is None:  # a list item: from its "- "
            start = _line_start(text, node.start_mark.index)
        end = node.end_mark.index
        if end < len(text) and text[_line_start(text, end):end].strip():
            nl = text.find("\n", end)
            end = len(text) if nl < 0 else nl + 1
        elif end == len(text) or text[_line_start(text, end):end].strip() == "":
            end = _line_start(text, end) if _line_start(text, end) > start else end
        spans.append((start, end))
    for start, end in sorted(set(spans), reverse=True):
        text = text[:start] + text[end:]
    return text
