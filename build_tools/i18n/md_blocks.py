"""Markdown bodies as translatable blocks: paragraphs, headings, list items and table cells.

python-markdown (what the site renders with) gives no source positions, so blocks are found
with markdown-it-py, a CommonMark tokenizer whose block tokens carry their line ranges. A block's
text is its inline Markdown source (links, emphasis and code kept as written), so a translator
sees ``[text](url)`` and ``**bold**`` exactly as in the file. :func:`replace_blocks` writes
translated text back into the English structure: list markers, heading marks, ``{#id}``
attributes, indentation and table pipes come from the English file, only the text changes.
:func:`structure` re-renders with python-markdown to prove nothing was dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from markdown_it import MarkdownIt

_PARSER = MarkdownIt("commonmark").enable("table")
_ATTRS = re.compile(r"\s*\{[^{}]*\}\s*$")  # attr_list suffix on headings: {#id .class}
_EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "def_list"]  # as in mkdocs.yml, minus toc


@dataclass(frozen=True)
class Block:
    """One translatable block of a Markdown body.

    ``line`` is the 0-based line of the body where the block starts; ``cell`` is the column of a
    table cell (None for other blocks); ``suffix`` is text kept from the English (a heading's
    ``{#id}``).
    """

    kind: str  # "paragraph" | "heading" | "list item" | "table cell"
    text: str
    line: int
    end: int
    cell: int | None = None
    suffix: str = ""


def split_blocks(body: str) -> list[Block]:
    """The translatable blocks of ``body`` in document order (code and raw HTML are not text)."""
    tokens = _PARSER.parse(body)
    out: list[Block] = []
    containers: list[str] = []
    cell = 0
    row_line = 0
    for i, tok in enumerate(tokens):
        if tok.nesting == 1 and tok.type in ("list_item_open", "blockquote_open"):
            containers.append(tok.type)
        elif tok.nesting == -1 and tok.type in ("list_item_close", "blockquote_close"):
            containers.pop()
        elif tok.type == "tr_open":
            cell = 0
            row_line = tok.map[0] if tok.map else row_line
        elif tok.type in ("th_open", "td_open"):
            inline = tokens[i + 1]
            if inline.type == "inline" and inline.content.strip():
                out.append(Block("table cell", inline.content.strip(), row_line, row_line + 1, cell))
            cell += 1
        elif tok.type in ("paragraph_open", "heading_open") and tok.map:
            inline = tokens[i + 1]
            text, suffix = inline.content, ""
            if tok.type == "heading_open":
                match = _ATTRS.search(text)
                if match:
                    text, suffix = text[:match.start()], match.group(0)
            if not text.strip():
                continue
            kind = "heading" if tok.type == "heading_open" else (
                "list item" if containers and containers[-1] == "list_item_open" else "paragraph")
            out.append(Block(kind, text, tok.map[0], tok.map[1], None, suffix))
    return out


# Lines python-markdown (what the site renders with) reads as a new block even inside a paragraph,
# where CommonMark would not: "#x" (no space), admonitions and definitions. markdown-it decides
# the rest; this only ever keeps more line breaks, never fewer.
_PYMD_BLOCK_START = re.compile(r"[ ]{0,3}(#|>|!!!|\?\?\?|:[ \t]|[=-]+[ \t]*$|```|~~~|<|\|)")

_DEFINITION = re.compile(r"[ ]{0,3}:[ \t]")


def soft_breaks(text: str) -> set[int]:
    """Line indexes of ``text`` that continue the paragraph of the line before (a soft line break).

    Found from markdown-it's block tokens: a line is a continuation only when it lies inside one
    paragraph token's line range (not its first line), outside any block quote (whose ``>``
    prefix would be lost by joining), and the line before does not end with a hard break. Every
    line that starts a block (thematic break, setext underline, heading, list item, quote, fence,
    table row, HTML...) starts its own token, so it is never a continuation.
    """
    lines = text.split("\n")
    if any(_DEFINITION.match(line) for line in lines):
        return set()  # python-markdown makes every line of the paragraph above a ": " line a term
    out: set[int] = set()
    quotes = 0
    tokens = _PARSER.parse(text)
    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            quotes += 1
        elif tok.type == "blockquote_close":
            quotes -= 1
        elif tok.type == "paragraph_open" and tok.map and not quotes:
            start, end = tok.map
            # The paragraph's own lines, without the list markers and indentation of its containers.
            content = tokens[i + 1].content.split("\n")
            if "|" in tokens[i + 1].content or _PYMD_BLOCK_START.match(content[0]):
                continue  # python-markdown may read a table, or a block after a list marker
            for offset, line in enumerate(content[1:end - start], start=1):
                if _PYMD_BLOCK_START.match(line):
                    break  # the rest of the paragraph belongs to that block (an admonition's body)
                if not lines[start + offset - 1].endswith(("  ", "\\")):
                    out.add(start + offset)
    return out


def replace_blocks(body: str, translations: dict[int, str]) -> str:
    """``body`` with block ``i`` (index into :func:`split_blocks`) replaced by ``translations[i]``.

    Everything that is not block text (markers, indentation, blank lines, code, attributes)
    is kept from ``body``. Raises ValueError if a block cannot be located (never silently).
    """
    blocks = split_blocks(body)
    lines = body.splitlines(keepends=True)
    rows: dict[int, dict[int, tuple[str, str]]] = {}
    for index, text in translations.items():
        block = blocks[index]
        if block.kind == "table cell":
            rows.setdefault(block.line, {})[block.cell or 0] = (block.text, text)
    # Table rows first: each is edited in place, so line numbers stay valid for the blocks below.
    for row, cells in rows.items():
        lines[row] = _replace_cells(lines[row], {col: text for col, (_english, text) in cells.items()}, row)
    # Then blocks from the end, so earlier line numbers stay valid.
    for index in sorted(translations, reverse=True):
        block = blocks[index]
        if block.kind == "table cell":
            continue
        new_text = translations[index].strip("\n")
        source_lines = block.text.split("\n")
        first = lines[block.line]
        start = first.find(source_lines[0])
        if start < 0:
            raise ValueError(f"block at line {block.line + 1} not found")
        prefix = first[:start]
        count = len(source_lines)
        last = lines[block.line + count - 1]
        last_start = last.find(source_lines[-1])
        tail = last[last_start + len(source_lines[-1]):]
        if count > 1:
            second = lines[block.line + 1]
            cont = second[:second.find(source_lines[1])]
        else:
            cont = re.sub(r"[^\s>]", " ", prefix)
        new_lines = new_text.split("\n")
        rebuilt = prefix + new_lines[0] + "".join("\n" + cont + part for part in new_lines[1:])
        newline = "\r\n" if first.endswith("\r\n") else "\n"
        rebuilt = rebuilt.replace("\n", newline) if newline != "\n" else rebuilt
        lines[block.line:block.line + count] = [rebuilt + tail]
    return "".join(lines)


_PIPE = re.compile(r"(?<!\\)\|")


def _replace_cells(line: str, cells: dict[int, str], row: int) -> str:
    """A table row with cell ``i`` replaced by ``cells[i]``; cells are found by their unescaped pipes."""
    content = line.rstrip("\r\n")
    ending = line[len(content):]
    stripped = content.strip()
    pipes = [m.start() for m in _PIPE.finditer(content)]
    edges = ([] if stripped.startswith("|") else [-1]) + pipes
    if not (stripped.endswith("|") and not stripped.endswith("\\|")):
        edges.append(len(content))
    spans = [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]
    for col in sorted(cells, reverse=True):
        if col >= len(spans):
            raise ValueError(f"table cell {col + 1} at line {row + 1} not found")
        start, end = spans[col]
        cell = content[start:end]
        lead = len(cell) - len(cell.lstrip())
        trail = len(cell.rstrip())
        safe = _PIPE.sub(r"\\|", cells[col].replace("\n", " ").strip())
        content = content[:start] + cell[:lead] + safe + cell[trail:] + content[end:]
    return content + ending


class _Skeleton(HTMLParser):
    _BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th",
              "td", "blockquote", "pre", "hr", "div", "dl", "dt", "dd"}
    _INLINE = {"a", "img", "em", "strong", "code", "br", "sup", "sub"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.inline: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCK:
            self.blocks.append(tag)
        elif tag in self._INLINE:
            # Link targets are not compared: a translation may point to a page in its own language.
            self.inline[tag] += 1


def structure(text: str) -> tuple[tuple[str, ...], Counter[str]]:
    """The Markdown structure of ``text`` as python-markdown renders it.

    Block elements in order, and the inline elements (links, images, emphasis, code) counted:
    a translation may move emphasis within a sentence but not drop it.
    """
    parser = _Skeleton()
    parser.feed(markdown.markdown(text, extensions=_EXTENSIONS))
    return tuple(parser.blocks), parser.inline


def structure_problem(english: str, translated: str) -> str | None:
    """Why ``translated`` does not keep the Markdown structure of ``english`` (None if it does)."""
    e_blocks, e_inline = structure(english)
    t_blocks, t_inline = structure(translated)
    if e_blocks != t_blocks:
        return f"the blocks differ from the English ({' '.join(e_blocks) or 'text'} → {' '.join(t_blocks) or 'text'})"
    if e_inline != t_inline:
        lost = e_inline - t_inline
        added = t_inline - e_inline
        what = [f"{n} {tag} missing" for tag, n in lost.items()] + [f"{n} {tag} added" for tag, n in added.items()]
        return "links or formatting differ from the English (a = link, em/strong = emphasis): " + ", ".join(sorted(what))
    return None
