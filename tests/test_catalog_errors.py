"""Every PO/XLIFF import message names the translator's own file and line (issue 22).

The file is named as the translator gave it, relative to the repository (or to the folder the
command runs in: ``../fr.po`` for a file beside the project), never as an absolute or temporary
path, and never with Python's ``(<string>, line N)``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import translations_cli as _cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from translate.storage import po

from build_tools.i18n.catalog_import import ReadError, read_file

LOCATED = re.compile(r"^error: \.\./fr\.(po|xlf):\d+: ")


def _export(root: Path, fmt: str) -> Path:
    out = root.parent / f"fr.{'po' if fmt == 'po' else 'xlf'}"
    proc = _cli(root, "export", "--lang", "fr", "--format", fmt, "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def _clean_paths(root: Path, stderr: str) -> None:
    assert str(root.parent) not in stderr and "/tmp" not in stderr and "ssa-import-" not in stderr, stderr
    assert "<string>" not in stderr and "Traceback" not in stderr, stderr


def _msgctxt_lines(path: Path) -> dict[str, int]:
    out: dict[str, int] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.startswith('msgctxt "'):
            out[line[len('msgctxt "'):-1]] = number
    return out


def _one_error(project: Path, path: Path, lines: list[str]) -> str:
    """Import ``path`` rewritten as ``lines``: its one error (refused, no temporary or absolute path)."""
    path.write_text("\n".join(lines) + "\n", "utf-8")
    proc = _cli(project, "import", str(path))
    errors = _errors(proc.stderr)
    assert proc.returncode == 1 and len(errors) == 1, proc.stderr
    _clean_paths(project, proc.stderr)
    return errors[0]


def test_a_broken_po_is_reported_at_its_own_line(mini_project: Path) -> None:
    path = _export(mini_project, "po")
    lines = path.read_text("utf-8").splitlines()
    broken = [i for i, line in enumerate(lines) if line.startswith('msgstr "')][3]
    lines[broken] = 'msgstr "a quote never closed'
    error = _one_error(mini_project, path, lines)
    assert error.startswith(f"error: ../fr.po:{broken + 1}: not a readable PO file: "), error


def test_a_broken_xliff_is_reported_at_its_own_line_without_pythons_position(mini_project: Path) -> None:
    path = _export(mini_project, "xliff")
    lines = path.read_text("utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if "</source>" in line)
    lines[broken] = lines[broken].replace("</source>", "</sourc>", 1)
    error = _one_error(mini_project, path, lines)
    assert error.startswith(f"error: ../fr.xlf:{broken + 1}: not a readable XLIFF file: "), error


def test_a_po_that_is_not_utf8_is_reported_at_the_line_of_the_bad_byte(mini_project: Path) -> None:
    path = _export(mini_project, "po")
    raw = path.read_bytes().split(b"\n")
    broken = [i for i, line in enumerate(raw) if line.startswith(b'msgstr "')][2]
    raw[broken] = b'msgstr "\xe9t\xe9"'  # Latin-1 in a file whose header says UTF-8
    path.write_bytes(b"\n".join(raw))
    proc = _cli(mini_project, "import", str(path))
    errors = _errors(proc.stderr)
    assert proc.returncode == 1 and len(errors) == 1, proc.stderr
    assert errors[0].startswith(f"error: ../fr.po:{broken + 1}: not UTF-8 text"), errors[0]


def test_a_file_inside_the_repository_is_named_from_the_repository(mini_project: Path) -> None:
    path = _export(mini_project, "po")
    inside = mini_project / "work" / "fr.po"
    inside.parent.mkdir()
    inside.write_text(path.read_text("utf-8").replace('"Language: fr\\n"', '"Language: xx\\n"'), "utf-8")
    proc = _cli(mini_project, "import", str(inside))
    line = next(n for n, text in enumerate(inside.read_text("utf-8").splitlines(), 1) if '"Language: xx' in text)
    assert proc.returncode == 1 and f"error: work/fr.po:{line}: 'xx' is not a translation language" in proc.stderr
    _clean_paths(mini_project, proc.stderr)


def test_the_fuzzy_note_says_where_each_skipped_entry_is(mini_project: Path) -> None:
    path = _export(mini_project, "po")
    store = po.pofile.parsestring(path.read_bytes())
    units = [u for u in store.units if not u.isheader() and not u.target and not u.hasplural()][:7]
    for i, unit in enumerate(units):
        unit.target = f"Brouillon {i}"
        unit.markfuzzy(True)
    path.write_bytes(bytes(store))
    where = _msgctxt_lines(path)
    lines = sorted(where[str(u.getcontext())] for u in units)
    proc = _cli(mini_project, "import", str(path))
    assert proc.returncode == 0, proc.stderr
    shown = ", ".join(f"../fr.po:{n}" for n in lines[:5])
    assert f"note: 7 fuzzy or unfinished entries not imported: {shown} and 2 more (" in proc.stderr, proc.stderr


def test_an_error_the_build_would_report_names_the_entry_that_brings_it(mini_project: Path) -> None:
    path = _export(mini_project, "po")
    store = po.pofile.parsestring(path.read_bytes())
    ctx = "guidelines/demo.yml#title"
    unit = next(u for u in store.units if u.getcontext() == ctx)
    unit.target = "Bonne <script>alert(1)</script> organisation"
    unit.markfuzzy(False)
    path.write_bytes(bytes(store))
    line = _msgctxt_lines(path)[ctx]
    proc = _cli(mini_project, "import", str(path))
    errors = _errors(proc.stderr)
    assert proc.returncode == 1 and errors, proc.stderr
    assert all(e.startswith(f"error: ../fr.po:{line}: guidelines/demo.fr.yml:") for e in errors), errors
    _clean_paths(mini_project, proc.stderr)


# -- fuzzing the readers --------------------------------------------------------------------------

PO_TEXT = ('msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
           '#. ssa-export: fr 0 0\nmsgctxt "a.md#title"\nmsgid "Title"\nmsgstr "Titre"\n\n'
           'msgctxt "a.md#body/0"\nmsgid "One\\n"\n"two"\nmsgstr ""\n')
XLIFF_TEXT = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
              '<file original="a.md" source-language="en" target-language="fr" datatype="x-markdown">\n'
              '<body>\n<trans-unit id="a.md#title">\n<source>Title <g id="1" ctype="bold">x</g></source>\n'
              '<target state="translated">Titre</target>\n</trans-unit>\n</body>\n</file>\n</xliff>\n')
PIECES = ['"', "\\", "\n", "<", ">", "</", "msgid ", "msgstr ", "msgctxt ", "#, fuzzy\n", '"\n', "&", "&#0;",
          "<target>", "</body>", "\xe9", "\x00", " ", "x"]


@st.composite
def _mutated(draw: st.DrawFn, text: str) -> bytes:
    data = text.encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 6))
        piece = draw(st.sampled_from(PIECES + ["\udce9"])) if draw(st.booleans()) else ""
        encoded = b"\xe9" if piece == "\udce9" else piece.encode("utf-8")
        data = data[:at] + encoded + data[at + cut:]
    return data


@settings(max_examples=150, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(_mutated(PO_TEXT), _mutated(XLIFF_TEXT), st.binary(max_size=200)))
@example(data=b'msgid "a"\nmsgstr "b\n')
@example(data=XLIFF_TEXT.replace("</body>", "</bod>").encode())
def test_fuzz_readers_fail_only_with_a_located_message(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzzread")
    path = folder / "in.po"
    path.write_bytes(data)
    try:
        read_file(path, "in.po")
    except ReadError as exc:
        assert 1 <= exc.line <= data.count(b"\n") + 1, (exc.line, str(exc))
        message = str(exc)
        assert message and "<string>" not in message and str(folder) not in message, message


@settings(max_examples=10, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.one_of(_mutated(PO_TEXT), _mutated(XLIFF_TEXT)))
def test_fuzz_import_messages_always_name_the_file_and_line(mini_project: Path, data: bytes) -> None:
    path = mini_project.parent / ("fr.xlf" if data.lstrip().startswith(b"<") else "fr.po")
    path.write_bytes(data)
    proc = _cli(mini_project, "import", str(path))
    assert "Traceback" not in proc.stderr
    for line in _errors(proc.stderr):
        assert LOCATED.match(line), line
    _clean_paths(mini_project, proc.stderr)
