"""``<dest>/index.json`` (``licheck/preserve-index/v1``): every snapshot in the store.

One entry per snapshot: the model as the Hub spells it (plus any other id it was asked for by,
such as a legacy or renamed id), the commit, the snapshot's folder relative to the destination,
the sha256 of its manifest, the manifest's date, its file count and size, and whether it is
signed. Entries are sorted, and the file is rewritten (atomically) only when an entry changes,
so a run that changes nothing leaves it as it was. A missing or unreadable index is rebuilt from
the manifests on disk; it is a table of contents, the manifests are the record.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from licheck.preserve import manifest as mf
from licheck.preserve.store import INDEX, MANIFEST, check_links, write_atomic

log = logging.getLogger(__name__)
SCHEMA = "licheck/preserve-index/v1"


@dataclass(frozen=True, order=True)
class IndexEntry:
    """One snapshot as the index lists it."""

    model: str
    sha: str
    path: str
    manifest: str  # sha256:<hex> of manifest.json
    date: str
    files: int
    bytes: int
    signed: bool
    aliases: tuple[str, ...] = field(default=(), compare=False)

    def names(self) -> set[str]:
        """Every id (lower case) this snapshot was asked for by."""
        return {self.model.lower(), *(a.lower() for a in self.aliases)}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out: dict[str, Any] = {
            "model": self.model,
            "sha": self.sha,
            "path": self.path,
            "manifest": self.manifest,
            "date": self.date,
            "files": self.files,
            "bytes": self.bytes,
            "signed": self.signed,
        }
        if self.aliases:
            out["aliases"] = sorted(self.aliases)
        return out


def entry_for(
    manifest: mf.Manifest, data: bytes, signed: bool, aliases: Iterable[str] = ()
) -> IndexEntry:
    """The index entry of a snapshot whose manifest bytes are ``data``."""
    own = manifest.model.lower()
    return IndexEntry(
        model=manifest.model,
        sha=manifest.sha,
        path=f"{manifest.model}/{manifest.sha}",
        manifest=mf.digest(data),
        date=manifest.date,
        files=len(manifest.files),
        bytes=sum(f.size for f in manifest.files),
        signed=signed,
        aliases=tuple(sorted({a for a in aliases if a.lower() != own})),
    )


def _entry(item: Any) -> IndexEntry:
    if not isinstance(item, dict):
        raise ValueError("a snapshot entry is not an object")
    texts = [item.get(k) for k in ("model", "sha", "path", "manifest", "date")]
    counts = [item.get(k) for k in ("files", "bytes")]
    aliases, signed = item.get("aliases", []), item.get("signed")
    if not all(isinstance(v, str) for v in texts) or not isinstance(signed, bool):
        raise ValueError("a snapshot entry lacks a model, sha, path, manifest or date")
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in counts):
        raise ValueError("a snapshot entry's file count or size is not a number")
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise ValueError("a snapshot entry's aliases are not a list of ids")
    model, sha, path, manifest, date = (str(v) for v in texts)
    files, size = (n if isinstance(n, int) else 0 for n in counts)
    return IndexEntry(model, sha, path, manifest, date, files, size, signed, tuple(aliases))


def _parse(raw: Any) -> list[IndexEntry]:
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} file")
    items = raw.get("snapshots")
    if not isinstance(items, list):
        raise ValueError("snapshots must be a list")
    return [_entry(item) for item in items]


def read_index(root: Path) -> tuple[list[IndexEntry], str | None]:
    """The index's entries, and why it could not be used (None when it could).

    A missing index is simply empty; an unreadable one gives the entries rebuilt from the
    manifests on disk, with the reason.
    """
    path = root / INDEX
    if not path.exists():
        found = rebuild(root)
        return found, (f"{path} is missing; rebuilt from the manifests" if found else None)
    try:
        check_links(root, path)
        return _parse(json.loads(path.read_text(encoding="utf-8"))), None
    except (OSError, ValueError, RecursionError) as exc:
        problem = f"{path} could not be read ({exc}); rebuilt from the manifests"
        return rebuild(root), problem
    except Exception as exc:  # a StoreError: a link where the index should be
        return rebuild(root), str(exc)


def rebuild(root: Path) -> list[IndexEntry]:
    """Index entries for every readable manifest at ``<ns>/<name>/<sha>/manifest.json``."""
    entries = []
    for path in sorted(root.glob(f"*/*/*/{MANIFEST}")):
        try:
            check_links(root, path)
            data = path.read_bytes()
            manifest = mf.loads(data)
        except Exception as exc:  # an unreadable manifest is --verify's to report
            log.debug("%s: not indexed: %s", path, exc)
            continue
        if path.parent.relative_to(root).as_posix() != f"{manifest.model}/{manifest.sha}":
            continue  # a manifest in the wrong folder describes another snapshot
        signed = (path.parent / "snapshot.sig").is_file()
        entries.append(entry_for(manifest, data, signed))
    return entries


def find(entries: Iterable[IndexEntry], model: str, sha: str) -> IndexEntry | None:
    """The snapshot of ``model`` (any id it was asked for by, any case) at ``sha``."""
    wanted = model.lower()
    return next((e for e in entries if e.sha == sha and wanted in e.names()), None)


def dumps(entries: Iterable[IndexEntry]) -> bytes:
    """Canonical bytes of an index holding ``entries``."""
    ordered = sorted(entries, key=lambda e: (e.model.lower(), e.sha))
    body = {"schema": SCHEMA, "snapshots": [e.to_dict() for e in ordered]}
    return (json.dumps(body, indent=2, ensure_ascii=True) + "\n").encode("ascii")


def write_index(root: Path, current: list[IndexEntry], updates: Iterable[IndexEntry]) -> bool:
    """Merge ``updates`` into ``current`` and write the index if that changes it (True then)."""
    merged = {(e.model.lower(), e.sha): e for e in current}
    for entry in updates:
        old = merged.get((entry.model.lower(), entry.sha))
        aliases = set(entry.aliases) | set(old.aliases if old else ())
        merged[(entry.model.lower(), entry.sha)] = replace(entry, aliases=tuple(sorted(aliases)))
    data = dumps(merged.values())
    path = root / INDEX
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomic(root, path, data)
    return True
