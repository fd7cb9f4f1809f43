"""``licheck preserve --verify``: re-hash the store and report anything missing or altered.

Every snapshot the index lists or the disk holds is checked: its manifest reads and is the one
the index names, every file it lists is there (not a link) with its size, sha256 and, unless
the Hub stores it in LFS, its git blob id, no other file sits in ``files/``, and a signature,
when there is one, holds for the key given. A folder without a manifest is an interrupted run's,
not a preserved snapshot: it is noted, not failed. Reads only; never touches the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from licheck.hub.blobs import digest_file
from licheck.preserve import index, signing
from licheck.preserve import manifest as mf
from licheck.preserve.store import FILES, MANIFEST, StoreError, check_links, snapshot


@dataclass(frozen=True)
class Checked:
    """The verdict on one snapshot: ``problems`` make it fail, ``notes`` only inform."""

    model: str
    sha: str
    path: str
    files: int = 0
    bytes: int = 0
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    incomplete: bool = False  # no manifest yet: an interrupted run's folder, never preserved
    signature_unchecked: bool = False  # signed, but no key was given to check it

    @property
    def ok(self) -> bool:
        """Whether nothing is missing or altered."""
        return not self.problems


def _file_problems(folder: Path, manifest: mf.Manifest) -> list[str]:
    problems = []
    for entry in manifest.files:
        path = folder.joinpath(FILES, *entry.path.split("/"))
        try:
            check_links(folder, path)
            found = digest_file(path)
        except FileNotFoundError:
            problems.append(f"{entry.path}: missing")
            continue
        except (OSError, StoreError) as exc:
            problems.append(f"{entry.path}: cannot be read ({exc})")
            continue
        if found.size != entry.size:
            problems.append(f"{entry.path}: altered ({found.size:,} bytes, {entry.size:,} listed)")
        elif found.sha256 != entry.sha256:
            problems.append(f"{entry.path}: altered (sha256 {found.sha256})")
        elif not entry.lfs and found.git_blob_id != entry.blob_id:
            problems.append(f"{entry.path}: altered (git blob id {found.git_blob_id})")
    listed = {entry.path for entry in manifest.files}
    base = folder / FILES
    for top, dirs, names in os.walk(base):
        for name in [*names, *(d for d in dirs if os.path.islink(os.path.join(top, d)))]:
            rel = Path(top, name).relative_to(base).as_posix()
            if rel not in listed:
                problems.append(f"{rel}: not in the manifest (added to the store)")
    return problems


def check_snapshot(root: Path, entry: index.IndexEntry, key: Path | None) -> Checked:
    """Re-hash one snapshot the index lists."""
    base = Checked(entry.model, entry.sha, entry.path)
    try:
        shot = snapshot(root, entry.model, entry.sha)
        check_links(root, shot.manifest)
        data = shot.manifest.read_bytes()
    except FileNotFoundError:
        return replace(base, problems=("manifest.json: missing",))
    except (OSError, StoreError) as exc:
        return replace(base, problems=(f"manifest.json: {exc}",))
    problems, notes = [], []
    if mf.digest(data) != entry.manifest:
        problems.append("manifest.json: altered (not the one index.json names)")
    try:
        manifest = mf.loads(data)
    except mf.ManifestError as exc:
        return replace(base, problems=(*problems, f"manifest.json: {exc}"))
    if (manifest.model, manifest.sha) != (shot.model, shot.sha):
        problems.append(f"manifest.json describes {manifest.model}@{manifest.sha}")
    problems += _file_problems(shot.folder, manifest)
    if shot.signature.is_file():
        if key is None:
            notes.append("signed; the signature was not checked (give --verify-key)")
        elif (why := signing.verify(shot.folder, key)) is not None:
            problems.append(f"signature: does not hold ({why})")
        else:
            notes.append("signature holds")
    if shot.partial.exists():
        notes.append("an interrupted download is still in .partial")
    size = sum(f.size for f in manifest.files)
    unchecked = shot.signature.is_file() and key is None
    return Checked(
        entry.model,
        entry.sha,
        entry.path,
        len(manifest.files),
        size,
        tuple(problems),
        tuple(notes),
        signature_unchecked=unchecked,
    )


def _incomplete(root: Path, known: set[str]) -> list[Checked]:
    out = []
    for folder in sorted(root.glob("*/*/*")):
        rel = folder.relative_to(root).as_posix()
        if rel in known or not folder.is_dir() or (folder / MANIFEST).exists():
            continue
        model, _, sha = rel.rpartition("/")
        note = "no manifest: not complete (a run stopped or refused files); run licheck preserve"
        out.append(Checked(model, sha, rel, notes=(note,), incomplete=True))
    return out


def verify_store(
    root: Path, models: Iterable[str] | None = None, key: Path | None = None
) -> tuple[list[Checked], str | None]:
    """Check every snapshot in the store at ``root`` (only those of ``models``, any id they
    were asked for by, when given); also why the index itself could not be used."""
    entries, problem = index.read_index(root)
    wanted = {m.lower() for m in models} if models is not None else None
    picked = [e for e in entries if wanted is None or e.names() & wanted]
    results = [check_snapshot(root, e, key) for e in sorted(picked)]
    if wanted is None:
        results += _incomplete(root, {e.path for e in entries})
    return results, problem
