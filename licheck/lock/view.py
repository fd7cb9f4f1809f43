"""A lock compared with a scan: what is new (unlocked), gone (unused) or changed upstream since
review, and the ``LockView`` the rules read (with the preserved copies the lock records, as
checked by ``licheck.preserve.check``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from licheck.lock.entries import LockEntry, card_hash, reviewed
from licheck.lock.file import LOCK_NAME, read
from licheck.records import ModelKey, ModelRecord, Reference, Status


@dataclass(frozen=True)
class LockDiff:
    """How a scan differs from the lock."""

    unlocked: tuple[Reference, ...] = ()
    unused: tuple[LockEntry, ...] = ()
    license_changed: tuple[tuple[LockEntry, ModelRecord], ...] = ()
    sha_moved: tuple[tuple[LockEntry, ModelRecord], ...] = ()

    @property
    def stale(self) -> bool:
        """True when the lock no longer describes the project."""
        return bool(self.unlocked or self.unused or self.license_changed or self.sha_moved)


def compare(
    lock: Mapping[ModelKey, LockEntry],
    references: Iterable[Reference],
    records: Mapping[ModelKey, ModelRecord],
) -> LockDiff:
    """Compare the lock with what the scan referenced and what the Hub (or cache) says now.

    Records that are not ``ok`` say nothing about change: offline, a model can still be checked
    for being locked, but not for having moved. A reference whose entry is no review of the
    model (``reviewed``) is unlocked.
    """
    refs = list(references)
    referenced = {r.key for r in refs}
    unlocked = tuple(
        r for r in refs if r.key not in lock or not reviewed(lock[r.key], records.get(r.key))
    )
    unused = tuple(e for k, e in sorted(lock.items()) if k not in referenced)
    changed: list[tuple[LockEntry, ModelRecord]] = []
    moved: list[tuple[LockEntry, ModelRecord]] = []
    for key in sorted(referenced & set(lock)):
        entry, record = lock[key], records.get(key)
        if record is None or record.status is not Status.OK:
            continue
        file_hash = (
            "sha256:" + record.license_file.sha256 if record.license_file is not None else None
        )
        if (entry.card_hash and entry.card_hash != card_hash(record)) or (
            entry.license_file_hash and file_hash and entry.license_file_hash != file_hash
        ):
            changed.append((entry, record))
        if entry.sha and record.sha and entry.sha != record.sha:
            moved.append((entry, record))
    return LockDiff(unlocked, unused, tuple(changed), tuple(moved))


LOCK_STATES = ("locked", "unlocked", "unused", "license-changed", "sha-moved")


@dataclass(frozen=True)
class CopyCheck:
    """What a scan knows of a locked model's preserved copy, from a cheap look (the store is
    reachable, the manifest is there and is the one licheck.lock names; hashes are left to
    ``licheck preserve --verify``). ``state``: ``ok``, ``broken`` or ``unreachable``."""

    state: str
    where: str
    sha: str
    reason: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the copy is there as recorded."""
        return self.state == "ok"


@dataclass(frozen=True)
class LockView:
    """What the rules need to know about the lock for one run.

    ``present`` is False when the project has no lock file: then nothing is known about being
    locked (vendor-drift counts that as exposure), and ``states`` reports references as
    unlocked only when ``enforce`` asks for it (``--locked``, or CI with a lock file).
    """

    path: str
    entries: Mapping[ModelKey, LockEntry]
    diff: LockDiff
    present: bool
    enforce: bool
    copies: Mapping[ModelKey, CopyCheck] = field(default_factory=dict)

    @cached_property
    def _unlocked(self) -> frozenset[ModelKey]:
        return frozenset(r.key for r in self.diff.unlocked)

    def locked(self, ref: Reference) -> bool | None:
        """Whether the reference's model and revision are in the lock, reviewed (None: no lock
        file)."""
        if not self.present:
            return None
        return ref.key in self.entries and ref.key not in self._unlocked

    def entry(self, ref: Reference) -> LockEntry | None:
        """The lock entry for the reference, if any."""
        return self.entries.get(ref.key)

    def copy(self, ref: Reference) -> CopyCheck | None:
        """The check of the reference's preserved copy, if the lock records one."""
        return self.copies.get(ref.key)

    def states(self, ref: Reference) -> tuple[str, ...]:
        """Lock states of a reference: locked or unlocked, plus what changed since locking."""
        if ref.key not in self.entries or ref.key in self._unlocked:
            return ("unlocked",) if self.enforce else ()
        states = ["locked"]
        if any(e.key == ref.key for e, _ in self.diff.license_changed):
            states.append("license-changed")
        if any(e.key == ref.key for e, _ in self.diff.sha_moved):
            states.append("sha-moved")
        return tuple(states)


def view(
    root: Path,
    references: Iterable[Reference],
    records: Mapping[ModelKey, ModelRecord],
    *,
    enforce: bool,
    whole_tree: bool,
) -> LockView:
    """Read ``root/licheck.lock`` (if any) and compare it with the scan.

    ``whole_tree`` is False when only some files were scanned (pre-commit passes the staged
    ones): lock entries those files do not mention are then not reported as unused.
    """
    path = root / LOCK_NAME
    present = path.is_file()
    entries = read(path) if present else {}
    diff = compare(entries, references, records)
    if not whole_tree:
        diff = LockDiff(diff.unlocked, (), diff.license_changed, diff.sha_moved)
    return LockView(LOCK_NAME, entries, diff, present, enforce)
