"""The free-space check before a run fetches anything, and sizes written for a person.

The Hub lists every file's size, so a run knows before its first download how much the files it
still has to fetch will take; when the destination has less free space the run is refused,
naming both numbers, rather than failing hours in with a half-filled disk. ``--force`` skips
the check (the sizes may be wrong, or space may be freed meanwhile).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from licheck.errors import EXIT_FINDINGS, LicheckError


class NoSpace(LicheckError):
    """The destination lacks the space the files to fetch need."""

    exit_code = EXIT_FINDINGS


def human(size: int) -> str:
    """``size`` bytes for a person: ``12.3 kB``, ``1.2 GB``."""
    value = float(size)
    for unit in ("bytes", "kB", "MB", "GB", "TB", "PB"):
        if value < 1000 or unit == "PB":
            return f"{size:,} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    raise AssertionError("unreachable")  # pragma: no cover


def check_space(needed: int, dest: Path, force: bool) -> None:
    """``NoSpace`` when ``needed`` bytes exceed what ``dest`` has free (unless ``force``)."""
    free = shutil.disk_usage(dest).free
    if needed > free and not force:
        raise NoSpace(
            f"not enough space in {dest}: the files to fetch need {human(needed)} "
            f"({needed:,} bytes) and {human(free)} ({free:,} bytes) are free; "
            "nothing was fetched (free some space, choose another --dest, or pass --force)"
        )
