"""Atomic file writes: a temporary file in the same folder, fsync, ``os.replace``, fsync of the
folder. A reader (or a run stopped half way) sees the old file or the new one, never half of one.

The only place licheck replaces a file it wrote before (``licheck.lock``, the preserve store's
manifests and index, and, without the fsyncs, the cache of the built-in rules' parse). It
decides nothing about where a file may go; callers check that first.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically and (``durable``) durably: a cache, whose lost
    write costs only time, passes False and skips the fsyncs."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if durable:
        fsync_dir(path.parent)
