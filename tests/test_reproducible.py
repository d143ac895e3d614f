"""Reproducible builds: two builds of the same sources are byte-identical, whole site trees compared.

The two builds differ in everything that must not matter: the folder they run in, the hash
seed (set iteration order), the time zone, the clock (the second build runs about three
years in the future through a ``sitecustomize`` that shifts ``time`` and ``datetime``), and the
build's caches (the second renders every page of every language itself, without the render cache
and the memoized i18n file map). Every
file is compared, sitemaps, feeds, search indexes and datasets included; a failure lists the
differing files and the first differing line of each.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SHIFT_CLOCK = '''"""Test only: run this interpreter about three years in the future."""
import datetime as _dt
import time as _time

_SHIFT = 1000 * 86400.0
_real_time, _real_time_ns = _time.time, _time.time_ns
_time.time = lambda: _real_time() + _SHIFT
_time.time_ns = lambda: _real_time_ns() + int(_SHIFT * 1e9)
_real_localtime, _real_gmtime = _time.localtime, _time.gmtime
_time.localtime = lambda secs=None: _real_localtime(_time.time() if secs is None else secs)
_time.gmtime = lambda secs=None: _real_gmtime(_time.time() if secs is None else secs)


class _FutureDatetime(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return cls.utcfromtimestamp(_time.time())

    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())


class _FutureDate(_dt.date):
    @classmethod
    def today(cls):
        return cls.fromtimestamp(_time.time())


_dt.datetime = _FutureDatetime
_dt.date = _FutureDate
'''


def _snapshot(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _first_difference(a: Path, b: Path) -> str:
    data_a, data_b = a.read_bytes(), b.read_bytes()
    try:
        lines_a, lines_b = data_a.decode("utf-8").splitlines(), data_b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        index = next((i for i, (x, y) in enumerate(zip(data_a, data_b, strict=False)) if x != y), min(len(data_a), len(data_b)))
        return f"binary, first difference at byte {index} ({len(data_a)} vs {len(data_b)} bytes)"
    diff = [line for line in difflib.unified_diff(lines_a, lines_b, lineterm="", n=0)][2:6]
    return " | ".join(line[:160] for line in diff)


def _start(root: Path, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    inherited = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}  # the dates must come from content
    return subprocess.Popen([sys.executable, "-m", "build_tools", "--root", str(root), "build", *args], cwd=root,
                            env={**inherited, "NO_MKDOCS_2_WARNING": "1", **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    from conftest import copy_project

    (tmp_path / "a" / "project").mkdir(parents=True)
    first = copy_project(tmp_path / "a" / "project")
    second = tmp_path / "b" / "elsewhere"
    shutil.copytree(first, second)
    (tmp_path / "clock").mkdir()
    (tmp_path / "clock" / "sitecustomize.py").write_text(SHIFT_CLOCK, encoding="utf-8")
    # Both builds run at the same time (same code, even in a working tree that is being edited).
    builds = [
        _start(first, {"PYTHONHASHSEED": "1", "TZ": "UTC"}),
        _start(second, {"PYTHONHASHSEED": "2", "TZ": "Asia/Tokyo",
                        "PYTHONPATH": os.pathsep.join([str(tmp_path / "clock"), os.environ.get("PYTHONPATH", "")])},
               "--no-cache"),
    ]
    for proc in builds:
        output, _ = proc.communicate()
        assert proc.returncode == 0, output[-4000:]
    snap_a, snap_b = _snapshot(first / "site"), _snapshot(second / "site")
    only_a = sorted(set(snap_a) - set(snap_b))
    only_b = sorted(set(snap_b) - set(snap_a))
    changed = sorted(k for k in set(snap_a) & set(snap_b) if snap_a[k] != snap_b[k])
    report = [f"only in first build: {p}" for p in only_a[:10]] + [f"only in second build: {p}" for p in only_b[:10]]
    report += [f"differs: {p}: {_first_difference(first / 'site' / p, second / 'site' / p)}" for p in changed[:25]]
    assert not (only_a or only_b or changed), f"{len(only_a) + len(only_b) + len(changed)} differences:\n" + "\n".join(
        report)
    assert len(snap_a) > 100


def test_sitemap_dates_come_from_content(built_site: Path) -> None:
    import re

    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (built_site / "sitemap.xml").read_text("utf-8")))
    assert dates, "the sitemap has lastmod dates"
    assert max(dates) <= "2099-12-31" and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
    from build_tools.model.content_dates import content_date
    from build_tools.model.project import load_project

    assert max(dates) == content_date(load_project(built_site.parent))
