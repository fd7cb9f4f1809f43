"""The scan cache's shortcut for unchanged files: their stat, as git's index keeps it.

Reading and hashing every file of a tree cost a warm scan more than the rest of it together. So
beside each outcome kept under the digest of a file's bytes (resultcache.py), the cache notes
what the file looked like when those bytes were read: its ``signature`` (size, mtime, ctime,
inode, device and mode). When a later scan finds the same signature at the same path, the file
is answered from that outcome without being read.

A write changes a file's ctime (no tool can set it back, unlike the mtime), a replaced file has
a new inode, and a change of mode or type changes the mode. What a signature cannot see is two
writes within one tick of the filesystem's clock: they leave the same times behind. So, as git
does with "racily clean" index entries, a file is noted only once it is ``settled``: its last
change is more than ``SETTLE_NS`` older than the moment the scan looked at it, so a write after
the read can no longer fall into the tick of the one before. A file changed just before a scan
is read and hashed each time until it has been still that long. Only regular files are noted
(a link or a pipe goes to the read, which says what it is). Nothing here opens a file.
"""

from __future__ import annotations

import os
import stat

# Longer than the coarsest timestamp granularity licheck expects (FAT's 2 s) plus the lag of
# the kernel's coarse clock behind time.time_ns().
SETTLE_NS = 3_000_000_000


def signature(info: os.stat_result) -> str | None:
    """What a change to the file at ``info`` would change; None for anything but a regular
    file (``info`` from ``os.lstat``, so a link has none)."""
    if not stat.S_ISREG(info.st_mode):
        return None
    return (
        f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:"
        f"{info.st_ino}:{info.st_dev}:{info.st_mode}"
    )


def settled(info: os.stat_result, looked_at_ns: int) -> bool:
    """Whether the file's last change is old enough, at ``looked_at_ns`` (taken before the
    stat and the read), that a later write cannot leave the same signature behind."""
    return max(info.st_mtime_ns, info.st_ctime_ns) + SETTLE_NS < looked_at_ns
