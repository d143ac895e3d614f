"""Atomic publication of a built site folder.

The new site is built elsewhere and swapped in only on success, so a failed or
interrupted build leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE) where the OS has it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _alive(pid: int) -> bool:
    """True if a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(site_dir: Path) -> list[Path]:
    """Delete staging/old folders left next to ``site_dir`` by builds that were killed."""
    removed: list[Path] = []
    if not site_dir.parent.is_dir():
        return removed
    for entry in site_dir.parent.iterdir():
        for kind in ("staging", "old"):
            prefix = f".{site_dir.name}.{kind}-"
            tail = entry.name[len(prefix):].split("-", 1)  # <pid> or <pid>-<group> (parallel builds)
            if entry.name.startswith(prefix) and tail[0].isdigit() and (len(tail) == 1 or tail[1].isdigit()):
                pid = int(tail[0])
                if pid != os.getpid() and not _alive(pid):
                    shutil.rmtree(entry, ignore_errors=True)
                    removed.append(entry)
    return removed


def staging_dir(site_dir: Path) -> Path:
    """A fresh staging folder next to ``site_dir`` (same filesystem, so renames are atomic).

    Leftovers of killed builds (their process is gone) are removed first.
    """
    remove_stale(site_dir)
    staging = site_dir.with_name(f".{site_dir.name}.staging-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    return staging


def publish(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` atomically, then delete the old content."""
    if site_dir.exists():
        if _exchange(staging, site_dir):
            shutil.rmtree(staging, ignore_errors=True)
            return
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        os.replace(site_dir, old)
        os.replace(staging, site_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, site_dir)


def discard(staging: Path) -> None:
    """Remove a staging folder after a failed build."""
    shutil.rmtree(staging, ignore_errors=True)
