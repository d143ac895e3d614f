"""Reading source files safely: encoding checks, YAML with positions, front matter.

Nothing here raises on bad content: every problem becomes a :class:`Diagnostic`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from build_tools.checks.diagnostics import Diagnostic, make

MAX_BYTES = 2 * 1024 * 1024  # Markdown and YAML sources
MAX_ASSET_BYTES = 20 * 1024 * 1024  # images, PDFs and other files published as they are
MAX_NODES = 200_000
MAX_DEPTH = 64
Pos = tuple[int, int]
KeyPath = tuple[object, ...]


@dataclass
class Located:
    """Parsed data plus the (line, column) of every key and value, by key path."""

    data: Any
    positions: dict[KeyPath, Pos] = field(default_factory=dict)
    line_offset: int = 0

    def pos(self, path: KeyPath) -> Pos:
        """Best-known position for ``path``: the nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.positions:
                line, col = self.positions[probe]
                return line + self.line_offset, col
            probe = probe[:-1]
        line, col = self.positions.get((), (1, 1))
        return line + self.line_offset, col


def relative_path(path: Path, root: Path) -> str:
    """``path`` as shown in diagnostics: relative to ``root`` when inside it, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a file as UTF-8, reporting size, binary and encoding problems.

    The size is checked before reading: an oversized file is never read.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [make(rel, 1, 1, "E104", f"file is {size:,} bytes, limit {MAX_BYTES:,}")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [make(rel, 1, 1, "E100", f"cannot read file: {exc.strerror}")]
    if len(raw) > MAX_BYTES:  # grew while being read
        return None, [make(rel, 1, 1, "E104", f"file is {len(raw):,} bytes, limit {MAX_BYTES:,}")]
    if b"\x00" in raw[:8192]:
        return None, [make(rel, 1, 1, "E102", "file contains NUL bytes: it is not a text file")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [make(rel, 1, 1, "E101", "file starts with a UTF-8 byte-order mark")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [make(rel, line, col, "E101", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}")]
    if not text.strip():
        return None, [make(rel, 1, 1, "E103", "file is empty")]
    return text, []


# libyaml's parser is ~80x faster than the pure-Python one and gives the same nodes and marks;
# scalars are still constructed by PyYAML's SafeConstructor (YAML 1.1 resolution).
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader used to compose nodes with positions and to construct scalars."""


def _scalar(loader: _Loader, node: ScalarNode) -> Any:
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        # e.g. 2024-13-01 looks like a timestamp but is not a date: keep the text so
        # that schema validation reports it as an invalid date at its position.
        return node.value
    # Dates become ISO strings so that JSON Schema sees them as `format: date` strings.
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


def _walk(
    loader: _Loader,
    node: Node,
    path: KeyPath,
    positions: dict[KeyPath, Pos],
    diags: list[Diagnostic],
    rel: str,
    offset: int,
) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(positions) > MAX_NODES:
        # Aliases can expand a small file into billions of nodes ("billion laughs").
        raise ValueError(f"document expands to more than {MAX_NODES:,} values")
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node) if isinstance(key_node, ScalarNode) else str(key_node.value)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                key = str(key)
            if key in out:
                diags.append(
                    make(rel, key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1,
                         "E111", f"duplicate key '{key}'")
                )
            child = path + (key,)
            out[key] = _walk(loader, value_node, child, positions, diags, rel, offset)
            positions[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out
    if isinstance(node, SequenceNode):
        return [
            _walk(loader, item, path + (i,), positions, diags, rel, offset)
            for i, item in enumerate(node.value)
        ]
    if isinstance(node, ScalarNode):
        return _scalar(loader, node)
    return None


def _too_deep(text: str) -> Pos | None:
    """Position where flow brackets nest deeper than MAX_DEPTH (the parser is slow on those)."""
    depth = 0
    line, col = 1, 0
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line, col
        elif ch in "]}" and depth:
            depth -= 1
    return None


def _yaml_hint(problem: str, text: str, line: int) -> str | None:
    """A hint in editors' words for the YAML errors they make most."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "mapping values are not allowed" in problem:
        key = here.split(":", 1)[0].strip() or "the value"
        return (f"the text after '{key}:' contains ': ' (a colon and a space), which starts a new key in YAML: "
                f"put the whole text in quotes, e.g. {key}: \"...\"")
    if "'\\t'" in problem or "\t" in here:
        return "YAML does not allow tabs for indentation: indent with spaces"
    if "quoted scalar" in problem:
        return "the quotation mark opened here is never closed: add the closing quote"
    if "flow sequence" in problem or "flow mapping" in problem:
        return "the bracket [ or { opened here is never closed, or its items lack a comma between them"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the one before, and close any quotes or brackets"
    return None


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[Located | None, list[Diagnostic]]:
    """Parse one YAML document, keeping positions; never raises on bad input."""
    diags: list[Diagnostic] = []
    deep = _too_deep(text)
    if deep is not None:
        line, col = deep
        return None, [make(rel, line + line_offset, col, "E110",
                           f"YAML nesting deeper than {MAX_DEPTH} levels: flatten the structure")]
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return Located(None, {(): (1, 1)}, line_offset), diags
            positions: dict[KeyPath, Pos] = {}
            data = _walk(loader, node, (), positions, diags, rel, line_offset)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and exc.context and (
                "quoted scalar" in exc.context or "flow sequence" in exc.context or "flow mapping" in exc.context):
            mark = exc.context_mark  # where the unclosed quote or bracket was opened, not the end of the file
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        problem = exc.problem or exc.context or "invalid YAML"
        hint = _yaml_hint(f"{problem} {exc.context or ''}", text, line - line_offset)
        return None, [make(rel, line, col, "E110", f"YAML syntax error: {problem}", hint=hint)]
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        return None, [make(rel, 1 + line_offset, 1, "E110", f"YAML error: {exc}")]
    return Located(data, positions, line_offset), diags


def parse_yaml_mapping(text: str, rel: str, line_offset: int = 0) -> tuple[Located | None, list[Diagnostic]]:
    """Parse YAML that must be a mapping at the top level."""
    located, diags = parse_yaml(text, rel, line_offset)
    if located is None:
        return None, diags
    if not isinstance(located.data, dict):
        kind = type(located.data).__name__ if located.data is not None else "nothing"
        diags.append(make(rel, 1 + line_offset, 1, "E112", f"expected a mapping at the top level, found {kind}"))
        return None, diags
    return located, diags


@dataclass
class MarkdownSource:
    """A Markdown file split into front matter and body."""

    meta: Located
    body: str
    body_line: int


def parse_markdown(text: str, rel: str, require_front_matter: bool) -> tuple[MarkdownSource | None, list[Diagnostic]]:
    """Split ``---`` front matter from the body and parse it with positions."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        if require_front_matter:
            return None, [make(rel, 1, 1, "E113", "missing front matter: the file must start with '---'")]
        return MarkdownSource(Located({}, {(): (1, 1)}), text, 1), []
    for i in range(1, len(lines)):
        if lines[i].rstrip("\r\n") in ("---", "..."):
            fm_text = "".join(lines[1:i])
            body = "".join(lines[i + 1 :])
            if not fm_text.strip():
                meta = Located({}, {(): (2, 1)})
                return MarkdownSource(meta, body, i + 2), []
            located, diags = parse_yaml_mapping(fm_text, rel, line_offset=1)
            if located is None:
                return None, diags
            return MarkdownSource(located, body, i + 2), diags
    return None, [make(rel, 1, 1, "E113", "front matter is not closed: add a line '---' after it")]
