"""The cheap look ``licheck scan`` takes at the preserved copies licheck.lock records.

For each lock entry with a preserved copy: is the store reachable from here, is the snapshot's
manifest there and byte for byte the one the lock names, and is every file it lists there with
its size (no hashing: ``licheck preserve --verify`` re-hashes). It reads a few small files and
stats the rest, so it costs a scan next to nothing, and it never writes or touches the network.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from licheck.lock import CopyCheck, LockEntry
from licheck.preserve import manifest as mf
from licheck.preserve.names import model_problem, sha_problem
from licheck.preserve.store import INDEX, MANIFEST, StoreError, check_links
from licheck.records import ModelKey


def store_path(project: Path, label: str) -> Path:
    """The store a lock entry names: absolute as written, else relative to the project."""
    path = Path(label).expanduser()
    return path if path.is_absolute() else project / path


def _folder(store: Path, model: str, sha: str) -> Path | None:
    """The snapshot folder of ``model`` at ``sha``: the index's (any id, any case), else the
    folder named after the id as the lock spells it."""
    try:
        raw = json.loads((store / INDEX).read_text(encoding="utf-8"))
        for item in raw.get("snapshots", []):
            names = {str(item.get("model", "")).lower()} | {
                str(a).lower() for a in item.get("aliases", [])
            }
            if item.get("sha") == sha and model.lower() in names:
                found = str(item.get("model", ""))
                return store.joinpath(*found.split("/"), sha) if not model_problem(found) else None
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):
        pass  # no usable index: try the plain layout
    if model_problem(model) is not None:
        return None
    return store.joinpath(*model.split("/"), sha)


def _files_problem(folder: Path, manifest: mf.Manifest) -> str | None:
    for entry in manifest.files:
        path = folder.joinpath("files", *entry.path.split("/"))
        try:
            check_links(folder, path)
            info = os.lstat(path)
        except (OSError, StoreError):
            return f"{entry.path} is missing"
        if not stat.S_ISREG(info.st_mode) or info.st_size != entry.size:
            return f"{entry.path} is not the file the manifest lists (size {info.st_size:,})"
    return None


def check_copy(project: Path, entry: LockEntry) -> CopyCheck:
    """The cheap check of ``entry``'s preserved copy (which must be recorded)."""
    label, sha = entry.preserved_store or "", entry.preserved_sha or ""
    store = store_path(project, label)
    where = f"{label}/{entry.model}/{sha}"
    if not label or not store.is_dir():
        return CopyCheck("unreachable", where, sha, f"the store {label or '?'} is not reachable")
    folder = _folder(store, entry.model, sha) if sha_problem(sha) is None else None
    if folder is None:
        return CopyCheck("broken", where, sha, "licheck.lock names no valid snapshot")
    shown = f"{label}/{folder.relative_to(store).as_posix()}"
    try:
        check_links(store, folder / MANIFEST)
        data = (folder / MANIFEST).read_bytes()
    except (OSError, StoreError):
        return CopyCheck("broken", shown, sha, "its manifest.json is missing")
    if mf.digest(data) != entry.preserved_manifest:
        reason = "its manifest.json is not the one licheck.lock records"
        return CopyCheck("broken", shown, sha, reason)
    try:
        problem = _files_problem(folder, mf.loads(data))
    except mf.ManifestError as exc:
        problem = f"its manifest.json cannot be read ({exc})"
    if problem is not None:
        return CopyCheck("broken", shown, sha, problem)
    return CopyCheck("ok", shown, sha)


def check_copies(project: Path, entries: Mapping[ModelKey, LockEntry]) -> dict[ModelKey, CopyCheck]:
    """The check of every preserved copy the lock records, by lock key."""
    return {
        key: check_copy(project, entry)
        for key, entry in entries.items()
        if entry.preserved_sha is not None
    }
