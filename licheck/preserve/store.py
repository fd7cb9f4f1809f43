"""The store's layout on disk, and the only code that writes into it.

    <dest>/<namespace>/<name>/<sha>/files/...      the preserved files, as the repo names them
    <dest>/<namespace>/<name>/<sha>/manifest.json  what they are (``manifest.py``)
    <dest>/<namespace>/<name>/<sha>/snapshot.sig   a model-signing signature, when signed
    <dest>/<namespace>/<name>/<sha>/.partial/      huggingface_hub's downloads in progress
    <dest>/index.json                              every snapshot (``index.py``)

Every path is built from names ``names.py`` accepted, and every folder on the way down from the
destination is checked not to be a symbolic link before anything is written through it, so
nothing lands outside the destination. Writes are atomic: a temporary file in the same folder,
fsync, ``os.replace``, then fsync of the folder; a reader sees the old file or the new one,
never half of one.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from licheck.atomic import fsync_dir
from licheck.atomic import write_atomic as replace_atomically
from licheck.errors import EXIT_FINDINGS, LicheckError
from licheck.preserve.names import file_problem, model_problem, sha_problem

INDEX = "index.json"
MANIFEST = "manifest.json"
FILES = "files"
PARTIAL = ".partial"
SIGNATURE = "snapshot.sig"


class StoreError(LicheckError):
    """The store cannot be written safely (a link inside it, a name that would leave it)."""

    exit_code = EXIT_FINDINGS


@dataclass(frozen=True)
class Snapshot:
    """Where one model's files at one commit live in the store."""

    root: Path  # the destination
    model: str  # namespace/name, as the Hub spells it
    sha: str

    @property
    def relative(self) -> str:
        """``<namespace>/<name>/<sha>``, relative to the destination (POSIX)."""
        return f"{self.model}/{self.sha}"

    @property
    def folder(self) -> Path:
        """The snapshot's own folder."""
        return self.root.joinpath(*self.model.split("/"), self.sha)

    @property
    def files(self) -> Path:
        """The folder holding the preserved files."""
        return self.folder / FILES

    @property
    def manifest(self) -> Path:
        """The snapshot's manifest."""
        return self.folder / MANIFEST

    @property
    def signature(self) -> Path:
        """The snapshot's model-signing signature (present only when signed)."""
        return self.folder / SIGNATURE

    @property
    def partial(self) -> Path:
        """huggingface_hub's ``local_dir`` for downloads not yet verified."""
        return self.folder / PARTIAL

    def file(self, path: str) -> Path:
        """Where the repository file ``path`` is kept (``path`` must be a safe name)."""
        problem = file_problem(path)
        if problem is not None:
            raise StoreError(f"{path!r} cannot be stored: {problem}")
        return self.files.joinpath(*path.split("/"))


def snapshot(root: Path, model: str, sha: str) -> Snapshot:
    """The ``Snapshot`` of ``model`` at ``sha`` under ``root``; StoreError for unsafe names."""
    problem = model_problem(model) or sha_problem(sha)
    if problem is not None:
        raise StoreError(f"cannot store {model}@{sha}: {problem}")
    return Snapshot(root, model, sha)


def check_links(root: Path, path: Path) -> None:
    """StoreError if any existing component of ``path`` below ``root`` is a symbolic link (or
    not a folder where one is needed). ``root`` itself may be a link: the user chose it."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        raise StoreError(f"{path} is outside the store {root}") from None
    current = root
    parts = rel.parts
    for index, part in enumerate(parts):
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return
        if stat.S_ISLNK(mode):
            raise StoreError(f"{current} is a symbolic link inside the store; refusing to use it")
        if index < len(parts) - 1 and not stat.S_ISDIR(mode):
            raise StoreError(f"{current} is in the store's way: not a folder")


def make_dirs(root: Path, path: Path) -> None:
    """Create ``path`` and its missing parents below ``root``, refusing links on the way."""
    check_links(root, path)
    missing: list[Path] = []
    current = path
    while current != root and not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # made by another thread meanwhile
            os.mkdir(folder)
    check_links(root, path)


def write_atomic(root: Path, path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (below ``root``) atomically, refusing links on the way."""
    make_dirs(root, path.parent)
    check_links(root, path)
    replace_atomically(path, data)


def commit_file(root: Path, staged: Path, final: Path) -> None:
    """Move a verified download into place: fsync it, rename it over ``final``, fsync the
    folder. Both lie under ``root`` (one file system), so the rename is atomic."""
    check_links(root, staged)
    make_dirs(root, final.parent)
    check_links(root, final)
    fd = os.open(staged, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(staged, final)
    fsync_dir(final.parent)
