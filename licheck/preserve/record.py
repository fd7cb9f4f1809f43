"""What licheck.lock learns from a ``licheck preserve`` run: per locked model, the preserved
commit, the sha256 of the snapshot's manifest, and the store holding it.

Only entries the lock already has are touched (an entry means a person reviewed the model; a
copy is no review), and the lock is rewritten only when one of them changes, so a second run
leaves it byte for byte as it was. The store is recorded relative to the project when it lies
inside it (the lock stays valid in every clone), else as an absolute path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from licheck import lock
from licheck.preserve.run import Outcome


def store_label(project: Path, dest: Path) -> str:
    """How licheck.lock names the store ``dest`` of the project at ``project``."""
    try:
        return dest.resolve().relative_to(project.resolve()).as_posix() or "."
    except ValueError:
        return os.fspath(dest.resolve())


@dataclass(frozen=True)
class Recorded:
    """What happened to licheck.lock: entries updated, and preserved models it has no entry
    for (their copies are in the store's index only)."""

    updated: int
    unlocked: tuple[str, ...]
    written: bool


def record_in_lock(project: Path, outcomes: Iterable[Outcome], label: str) -> Recorded | None:
    """Record each kept snapshot in the project's licheck.lock (None: there is no lock)."""
    path = project / lock.LOCK_NAME
    if not path.is_file():
        return None
    entries = lock.read(path)
    updated, unlocked = 0, []
    for outcome in outcomes:
        if not outcome.kept:
            continue
        key = outcome.target.key
        entry = entries.get(key)
        if entry is None:
            unlocked.append(outcome.target.label)
            continue
        new = replace(
            entry,
            preserved_sha=outcome.sha,
            preserved_manifest=outcome.manifest,
            preserved_store=label,
        )
        if new != entry:
            entries[key] = new
            updated += 1
    if updated:
        lock.write(path, entries.values())
    return Recorded(updated, tuple(unlocked), bool(updated))
