"""The manifest of one snapshot (``licheck/preserve-manifest/v1``): what was kept, and why it
can be trusted.

A manifest names the model and commit, how that commit was chosen (the lock, a pinned commit,
or the head of a branch on the day), the endpoint, the date and licheck's version, the card's
license facts at that commit, every selection a run applied, and per file its path, kind, size,
sha256, the git blob id the Hub lists and whether the Hub stores it in LFS (then its sha256 is
the Hub's id for it). ``loads`` checks every field and every path (a manifest is read back to
plan and verify, so it is input like any other); ``dumps`` gives canonical bytes, so an
unchanged snapshot writes an identical manifest. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from typing import Any

from licheck.hub.listing import LicenseFacts
from licheck.preserve.names import file_problem, model_problem, sha_problem
from licheck.preserve.selection import Selection

SCHEMA = "licheck/preserve-manifest/v1"
RESOLVED_FROM = ("lock", "pin", "head")
_HEX40 = re.compile(r"[0-9a-f]{40}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


class ManifestError(ValueError):
    """A manifest that cannot be read or does not follow the schema."""


@dataclass(frozen=True, order=True)
class ManifestFile:
    """One preserved file."""

    path: str
    kind: str
    size: int
    sha256: str
    blob_id: str
    lfs: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "path": self.path,
            "kind": self.kind,
            "size": self.size,
            "sha256": self.sha256,
            "blob_id": self.blob_id,
            "lfs": self.lfs,
        }


@dataclass(frozen=True)
class Manifest:
    """Everything a snapshot's manifest records."""

    model: str
    sha: str
    resolved_from: str  # lock | pin | head
    revision: str | None  # the revision asked for (None: the default branch)
    date: str
    endpoint: str
    licheck_version: str
    license: dict[str, Any]
    selections: tuple[Selection, ...]
    files: tuple[ManifestFile, ...] = field(default=())

    def file(self, path: str) -> ManifestFile | None:
        """The entry for ``path``, if the snapshot keeps it."""
        return next((f for f in self.files if f.path == path), None)

    def covers(self, selection: Selection) -> bool:
        """Whether a run with ``selection`` has already filled this snapshot."""
        return selection.to_dict() in [s.to_dict() for s in self.selections]

    def same_content(self, other: Manifest) -> bool:
        """Equal in everything but the date (an unchanged snapshot keeps its manifest)."""
        return replace(self, date="") == replace(other, date="")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, in the schema's key order."""
        return {
            "schema": SCHEMA,
            "model": self.model,
            "sha": self.sha,
            "resolved": {"from": self.resolved_from, "revision": self.revision},
            "date": self.date,
            "endpoint": self.endpoint,
            "licheck_version": self.licheck_version,
            "license": self.license,
            "selections": [s.to_dict() for s in self.selections],
            "files": [f.to_dict() for f in sorted(self.files)],
        }


def dumps(manifest: Manifest) -> bytes:
    """Canonical bytes: indented JSON, ASCII only, one trailing newline."""
    return (json.dumps(manifest.to_dict(), indent=2, ensure_ascii=True) + "\n").encode("ascii")


def digest(data: bytes) -> str:
    """How the index and licheck.lock name a manifest: ``sha256:<hex>`` of its bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _need(condition: bool, problem: str) -> None:
    if not condition:
        raise ManifestError(problem)


def _file(item: Any, index: int) -> ManifestFile:
    where = f"files[{index}]"
    _need(isinstance(item, dict), f"{where} is not an object")
    path, size = item.get("path"), item.get("size")
    _need(isinstance(path, str) and file_problem(path) is None, f"{where}: unsafe or no path")
    _need(isinstance(item.get("kind"), str), f"{where}: no kind")
    _need(isinstance(size, int) and not isinstance(size, bool) and size >= 0, f"{where}: size")
    _need(isinstance(item.get("sha256"), str) and bool(_HEX64.fullmatch(item["sha256"])), where)
    _need(isinstance(item.get("blob_id"), str) and bool(_HEX40.fullmatch(item["blob_id"])), where)
    _need(isinstance(item.get("lfs"), bool), f"{where}: lfs must be true or false")
    return ManifestFile(path, item["kind"], size, item["sha256"], item["blob_id"], item["lfs"])


def loads(data: bytes) -> Manifest:
    """The manifest in ``data``; ManifestError naming the first problem."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise ManifestError(f"not JSON: {exc}") from None
    _need(isinstance(raw, dict), "not a JSON object")
    _need(raw.get("schema") == SCHEMA, f"schema is not {SCHEMA}")
    model, sha, resolved = raw.get("model"), raw.get("sha"), raw.get("resolved")
    _need(isinstance(model, str) and model_problem(model) is None, "model is not a Hub id")
    _need(isinstance(sha, str) and sha_problem(sha) is None, "sha is not a 40-hex commit")
    _need(isinstance(resolved, dict) and resolved.get("from") in RESOLVED_FROM, "resolved")
    revision = resolved.get("revision")
    _need(revision is None or isinstance(revision, str), "resolved.revision")
    for key in ("date", "endpoint", "licheck_version"):
        _need(isinstance(raw.get(key), str), f"{key} must be a string")
    license_facts = raw.get("license")
    _need(isinstance(license_facts, dict), "license must be an object")
    raw_selections = raw.get("selections")
    _need(isinstance(raw_selections, list), "selections must be a list")
    selections = tuple(Selection.from_dict(s) for s in raw_selections)
    _need(all(s is not None for s in selections), "a selection is malformed")
    files = raw.get("files")
    _need(isinstance(files, list), "files must be a list")
    parsed = tuple(_file(item, n) for n, item in enumerate(files))
    _need(len({f.path for f in parsed}) == len(parsed), "a file is listed twice")
    return Manifest(
        model=model,
        sha=sha,
        resolved_from=resolved["from"],
        revision=revision,
        date=raw["date"],
        endpoint=raw["endpoint"],
        licheck_version=raw["licheck_version"],
        license=license_facts,
        selections=tuple(s for s in selections if s is not None),
        files=tuple(sorted(parsed)),
    )


def license_record(facts: LicenseFacts, spdx: str | None, category: str | None) -> dict[str, Any]:
    """The manifest's ``license`` object from a listing's ``LicenseFacts`` and its taxonomy
    classification."""
    return {
        "license": facts.license,
        "license_name": facts.license_name,
        "license_link": facts.license_link,
        "spdx": spdx,
        "category": category,
        "base_models": list(facts.base_models),
        "gated": facts.gated,
    }
