"""The identities the Hub gives a file's bytes, computed from a local copy in one read.

The Hub names a file two ways: a git blob id (sha1 of ``b"blob <size>\\0" + bytes``) for every
file, and for an LFS file the sha256 of its bytes. ``digest_file`` computes both, plus the size,
reading the file once; it can also watch for a secret (the token a download sent) so that a
server echoing the token into a file is caught before the file is kept. Pure: no network, no
huggingface_hub, no writes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Digest:
    """Size, sha256 and git blob id of some bytes; ``has_secret`` when the watched secret
    appears in them."""

    size: int
    sha256: str
    git_blob_id: str
    has_secret: bool = False


def git_blob_id(data: bytes) -> str:
    """The git blob id of ``data`` (what the Hub lists as ``blobId`` for a non-LFS file)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def digest_bytes(data: bytes) -> Digest:
    """The ``Digest`` of bytes in memory."""
    return Digest(len(data), hashlib.sha256(data).hexdigest(), git_blob_id(data))


def digest_file(path: Path, secret: str | None = None) -> Digest:
    """The ``Digest`` of the file at ``path``, read once and never through a symbolic link.

    The git header needs the size before the bytes, so it comes from ``fstat`` of the open
    file; a file that changes size while it is read gives a digest that matches nothing.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        sha256 = hashlib.sha256()
        blob = hashlib.sha1(b"blob %d\0" % size)
        needle = secret.encode("utf-8") if secret else b""
        tail = b""  # the end of the previous chunk, so a secret split across two is still seen
        found = False
        read = 0
        while chunk := handle.read(_CHUNK):
            read += len(chunk)
            sha256.update(chunk)
            blob.update(chunk)
            if needle and not found:
                found = needle in tail + chunk
                tail = chunk[-(len(needle) - 1) :] if len(needle) > 1 else b""
    if read != size:  # the file changed under us: say so through a digest nothing matches
        return Digest(read, sha256.hexdigest(), "", found)
    return Digest(size, sha256.hexdigest(), blob.hexdigest(), found)
