"""Plan one snapshot: its commit, the files it should hold, and which of them must be fetched.

A target whose commit is already known (locked or pinned) and whose snapshot's manifest shows a
run with the same selection is planned from that manifest, without a question to the Hub: the
files of a commit never change. Any other target costs one listing (``?blobs=true``), which also
names the commit of a branch. Every file name the Hub lists is judged before anything else
(one unsafe name and nothing of that model is fetched: a listing that tries to leave the store
is not trusted for the rest), and every file already in the store is re-hashed against the id it
should have, never trusted. Reads the store; writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from licheck.hub.blobs import Digest, digest_file
from licheck.hub.client import fetch_listing
from licheck.hub.listing import LicenseFacts, RepoFile, RepoListing
from licheck.hub.outcomes import Connection, Failed
from licheck.preserve import manifest as mf
from licheck.preserve.index import IndexEntry, find
from licheck.preserve.names import file_problem, model_problem
from licheck.preserve.selection import Selection
from licheck.preserve.store import Snapshot, StoreError, check_links, snapshot
from licheck.preserve.targets import Target

OFFLINE = (
    "offline (HF_HUB_OFFLINE, --offline or offline = true): the Hub was not asked; only a "
    "locked or pinned model already in the store can be checked without it"
)


@dataclass(frozen=True)
class Wanted:
    """A file the snapshot should hold, with the ids its bytes must match."""

    file: RepoFile
    kind: str
    sha256: str | None = None  # besides the Hub's id: the sha256 a manifest recorded

    def mismatch(self, digest: Digest) -> str | None:
        """Why ``digest`` is not this file's bytes (None: it is)."""
        f = self.file
        if digest.size != f.size:
            return f"{digest.size:,} bytes where the Hub lists {f.size:,}"
        if f.lfs_sha256 is not None and digest.sha256 != f.lfs_sha256:
            return f"sha256 {digest.sha256} where the Hub lists {f.lfs_sha256}"
        if f.lfs_sha256 is None and digest.git_blob_id != f.blob_id:
            return f"git blob id {digest.git_blob_id or '?'} where the Hub lists {f.blob_id}"
        if self.sha256 is not None and digest.sha256 != self.sha256:
            return f"sha256 {digest.sha256} where the manifest records {self.sha256}"
        return None

    def entry(self, digest: Digest) -> mf.ManifestFile:
        """The manifest entry of this file, once ``digest`` matched it."""
        f = self.file
        return mf.ManifestFile(f.path, self.kind, f.size, digest.sha256, f.blob_id, f.is_lfs)


@dataclass(frozen=True)
class Plan:
    """One snapshot to fill: what is already there (verified now) and what to fetch."""

    target: Target
    snapshot: Snapshot
    how: str  # lock | pin | head
    present: tuple[mf.ManifestFile, ...]  # selected, in the store, re-hashed and matching
    fetch: tuple[Wanted, ...]
    kept: tuple[mf.ManifestFile, ...]  # in the manifest, outside this selection: left alone
    facts: LicenseFacts | None  # None: planned from the manifest (its facts stand)
    old: mf.Manifest | None
    asked_hub: bool
    repaired: tuple[str, ...] = field(default=())  # files in the store that no longer matched

    @property
    def fetch_bytes(self) -> int:
        """Bytes the Hub lists for the files still to fetch."""
        return sum(w.file.size for w in self.fetch)


@dataclass(frozen=True)
class NotPlanned:
    """A target that cannot be planned: ``failed`` for something wrong (an unsafe name, a
    listing for another commit), else skipped (gated, missing, unreachable)."""

    target: Target
    reason: str
    failed: bool = False
    gated: bool = False
    sha: str | None = None


def _old_manifest(
    root: Path, entries: list[IndexEntry], model: str, sha: str
) -> mf.Manifest | None:
    entry = find(entries, model, sha)
    if entry is None or model_problem(entry.model) is not None:
        return None
    try:
        shot = snapshot(root, entry.model, sha)
        check_links(root, shot.manifest)
        return mf.loads(shot.manifest.read_bytes())
    except (OSError, StoreError, mf.ManifestError):
        return None  # planned from the Hub instead; --verify reports the damage


def _from_listing(target: Target, listing: RepoListing, sha: str | None) -> NotPlanned | None:
    if sha is not None and listing.sha != sha:
        wrong = f"asked for commit {sha}, the Hub answered for {listing.sha}"
        return NotPlanned(target, wrong, failed=True, sha=sha)
    problem = model_problem(listing.model)
    if problem is not None:
        return NotPlanned(target, f"the Hub named the model {problem}", failed=True)
    unsafe = [(f.path, why) for f in listing.files if (why := file_problem(f.path)) is not None]
    if unsafe:
        shown = "; ".join(f"{path!r} ({why})" for path, why in unsafe[:5])
        more = f" and {len(unsafe) - 5} more" if len(unsafe) > 5 else ""
        reason = f"the Hub listed file names that would leave the store: {shown}{more}"
        return NotPlanned(target, reason + "; nothing of this model was fetched", failed=True)
    return None


def plan(
    target: Target,
    root: Path,
    entries: list[IndexEntry],
    selection: Selection,
    conn: Connection,
    offline: bool = False,
) -> Plan | NotPlanned:
    """Plan ``target``'s snapshot under ``root`` (one Hub listing at most; none ``offline``)."""
    known = target.known_sha
    how = known[0] if known is not None else target.how_asked
    sha: str | None = known[1] if known is not None else None
    old = _old_manifest(root, entries, target.model, sha) if sha is not None else None
    listing: RepoListing | None = None
    if (old is None or not old.covers(selection)) and offline:
        return NotPlanned(target, OFFLINE, sha=sha)
    if old is None or not old.covers(selection):
        answer = fetch_listing(target.model, sha or target.revision or "main", conn)
        if isinstance(answer, Failed):
            return NotPlanned(target, answer.reason, gated=answer.gated, sha=sha)
        refused = _from_listing(target, answer, sha)
        if refused is not None:
            return refused
        listing, sha = answer, answer.sha
        if old is None:
            old = _old_manifest(root, entries, answer.model, answer.sha)
    assert sha is not None  # known, or named by the listing
    if listing is not None:
        model = listing.model
        wanted = [Wanted(f, k) for f in listing.files if (k := selection.kind(f.path))]
    else:
        assert old is not None
        model = old.model
        wanted = [
            Wanted(RepoFile(f.path, f.size, f.blob_id, f.sha256 if f.lfs else None), k, f.sha256)
            for f in old.files
            if (k := selection.kind(f.path))
        ]
    shot = snapshot(root, model, sha)
    return _check_store(target, shot, how, wanted, old, listing)


def _check_store(
    target: Target,
    shot: Snapshot,
    how: str,
    wanted: list[Wanted],
    old: mf.Manifest | None,
    listing: RepoListing | None,
) -> Plan:
    """Re-hash the files already in the snapshot: matching ones stay, the rest are fetched."""
    present: list[mf.ManifestFile] = []
    fetch: list[Wanted] = []
    repaired: list[str] = []
    for want in wanted:
        path = shot.file(want.file.path)
        check_links(shot.root, path)
        if not path.is_file():
            fetch.append(want)
            continue
        found = digest_file(path)
        if want.mismatch(found) is None:
            present.append(want.entry(found))
        else:
            repaired.append(want.file.path)
            fetch.append(want)
    chosen = {w.file.path for w in wanted}
    kept = tuple(f for f in (old.files if old else ()) if f.path not in chosen)
    return Plan(
        target=target,
        snapshot=shot,
        how=how,
        present=tuple(present),
        fetch=tuple(sorted(fetch, key=lambda w: (w.file.size, w.file.path))),
        kept=kept,
        facts=listing.facts if listing is not None else None,
        old=old,
        asked_hub=listing is not None,
        repaired=tuple(repaired),
    )
