"""A repository's files at one commit as the Hub lists them, with the ids it gives each file.

``parse_listing`` reads the answer to ``GET /api/models/{id}/revision/{rev}?blobs=true`` (what
``model_info(files_metadata=True)`` asks for): the commit, every file's path, size and git blob
id, the LFS sha256 of LFS files, and the card's license facts at that commit. A malformed answer
is a ``ValueError`` naming what is wrong; file names are kept exactly as sent (judging whether
one is safe to write is the caller's job). Pure: no network, no huggingface_hub.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from licheck.records import join_licenses

_SHA1 = re.compile(r"[0-9a-f]{40}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class RepoFile:
    """One file of a listing. ``lfs_sha256`` is set for LFS files, whose bytes the Hub
    identifies by sha256; every other file is identified by its git blob id."""

    path: str
    size: int
    blob_id: str
    lfs_sha256: str | None = None

    @property
    def is_lfs(self) -> bool:
        """Whether the Hub stores this file in LFS (identified by sha256)."""
        return self.lfs_sha256 is not None


@dataclass(frozen=True)
class LicenseFacts:
    """What the card says about licensing at the listed commit (None: not said)."""

    license: str | None = None
    license_name: str | None = None
    license_link: str | None = None
    base_models: tuple[str, ...] = ()
    gated: str | bool | None = None


@dataclass(frozen=True)
class RepoListing:
    """A repository at one commit: its id as the Hub spells it, the commit and its files."""

    model: str
    sha: str
    files: tuple[RepoFile, ...]
    facts: LicenseFacts


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, list):
        return join_licenses(value)  # a card may list several licenses
    return None


def _file(item: Any, index: int) -> RepoFile:
    where = f"siblings[{index}]"
    if not isinstance(item, dict) or not isinstance(item.get("rfilename"), str):
        raise ValueError(f"the Hub's file list has an entry without a name ({where})")
    path: str = item["rfilename"]
    size, blob_id, lfs = item.get("size"), item.get("blobId"), item.get("lfs")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise ValueError(f"the Hub listed no size for {path!r}")
    if not isinstance(blob_id, str) or not _SHA1.fullmatch(blob_id):
        raise ValueError(f"the Hub listed no git blob id for {path!r}")
    sha256 = None
    if lfs is not None:
        sha256 = lfs.get("sha256") if isinstance(lfs, dict) else None
        lfs_size = lfs.get("size") if isinstance(lfs, dict) else None
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise ValueError(f"the Hub listed an LFS file without a sha256: {path!r}")
        if lfs_size is not None and lfs_size != size:
            raise ValueError(f"the Hub listed two sizes for {path!r} ({size} and {lfs_size})")
    return RepoFile(path, size, blob_id, sha256)


def _facts(data: dict[str, Any]) -> LicenseFacts:
    card = data.get("cardData")
    card = card if isinstance(card, dict) else {}
    bases = card.get("base_model")
    if isinstance(bases, str):
        bases = [bases]
    gated = data.get("gated")
    return LicenseFacts(
        license=_text(card.get("license")),
        license_name=_text(card.get("license_name")),
        license_link=_text(card.get("license_link")),
        base_models=tuple(b for b in bases or () if isinstance(b, str)),
        gated=gated if isinstance(gated, (str, bool)) else None,
    )


def parse_listing(data: Any) -> RepoListing:
    """The ``RepoListing`` in one model-info answer asked with ``blobs=true``."""
    if not isinstance(data, dict):
        raise ValueError(f"the Hub sent a {type(data).__name__} where an object was expected")
    model, sha, siblings = data.get("id"), data.get("sha"), data.get("siblings")
    if not isinstance(model, str) or not model:
        raise ValueError("the Hub's answer names no model id")
    if not isinstance(sha, str) or not _SHA1.fullmatch(sha):
        raise ValueError("the Hub's answer names no 40-hex commit sha")
    if not isinstance(siblings, list):
        raise ValueError("the Hub's answer has no file list")
    files = tuple(_file(item, n) for n, item in enumerate(siblings))
    return RepoListing(model, sha, files, _facts(data))
