"""``licheck.lock``: the reviewed state of every model a project references.

A lock entry records, for one model at the revision the code asks for, what was true when a
person last reviewed it (``entries``, which also builds the entries ``licheck lock`` writes from a
scan). ``file`` reads and writes the TOML file; ``view`` compares it with a scan and tells CI what
is new (unlocked), gone (unused) or changed upstream since review. Nothing here resolves anything.
"""

from licheck.lock.entries import (
    LockEntry,
    card_hash,
    carry_preserved,
    entry_for,
    lock_entries,
    lockable,
    reviewed,
)
from licheck.lock.file import LOCK_NAME, LOCK_VERSION, dumps, read, write
from licheck.lock.view import LOCK_STATES, CopyCheck, LockDiff, LockView, compare, view

__all__ = [
    "LOCK_NAME",
    "LOCK_STATES",
    "LOCK_VERSION",
    "CopyCheck",
    "LockDiff",
    "LockEntry",
    "LockView",
    "card_hash",
    "carry_preserved",
    "compare",
    "dumps",
    "entry_for",
    "lock_entries",
    "lockable",
    "read",
    "reviewed",
    "view",
    "write",
]
