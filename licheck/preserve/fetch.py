"""Fetch the planned files through huggingface_hub, verify each, and move it into the store.

Each file is downloaded by ``hub.client.download_file`` (huggingface_hub's ``hf_hub_download``
at the snapshot's commit) into the snapshot's ``.partial`` folder, where an interrupted download
resumes. Its bytes are checked against the id the Hub lists (sha256 for LFS files, the git blob
id for the others): a mismatch deletes the download and is an error, never a copy. A match is
fsynced and renamed into ``files/``, so a file in the store is always whole and verified, and a
later run finds it done. Files go smallest first (cards and licenses before weights); once one
file of a model is refused (a gate, a missing repo), the rest of that model is not asked for.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

from licheck.errors import LicheckError
from licheck.hub.client import Downloaded, download_file
from licheck.hub.outcomes import Connection, Failed
from licheck.preserve import manifest as mf
from licheck.preserve.plan import Plan, Wanted
from licheck.preserve.pool import in_parallel
from licheck.preserve.store import PARTIAL, check_links, commit_file, make_dirs


@dataclass
class Progress:
    """What happened to one snapshot's downloads (filled from several threads)."""

    entries: list[mf.ManifestFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # bytes or names that did not check out
    refused: Failed | None = None  # the first refusal: the model could not be fetched
    fetched_bytes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def _place(plan: Plan, want: Wanted, got: Downloaded) -> mf.ManifestFile | str:
    """Verify one download and move it into ``files/``; the error text when it fails."""
    shot, path = plan.snapshot, want.file.path
    if got.digest.has_secret:
        return f"{path}: the Hub sent it with this run's token inside; deleted, not kept"
    expected = shot.partial.joinpath(*path.split("/"))
    if got.path.resolve() != expected.resolve():
        return f"{path}: huggingface_hub put the download at {got.path}, not in the store"
    why = want.mismatch(got.digest)
    if why is not None:
        got.path.unlink(missing_ok=True)
        return f"{path}: the bytes the Hub sent do not match what it lists ({why}); not kept"
    commit_file(shot.root, got.path, shot.file(path))
    return want.entry(got.digest)


def _fetch_one(job: tuple[Plan, Wanted, Progress, Connection]) -> None:
    plan, want, progress, conn = job
    with progress.lock:
        if progress.refused is not None:
            return
    shot = plan.snapshot
    try:
        make_dirs(shot.root, shot.partial)
        got = download_file(shot.model, shot.sha, want.file.path, shot.partial, conn)
        if isinstance(got, Failed):
            with progress.lock:
                progress.refused = progress.refused or got
            return
        placed = _place(plan, want, got)
    except (OSError, LicheckError) as exc:  # a full disk, a link planted in the store
        placed = f"{want.file.path}: could not be stored: {exc}"
    with progress.lock:
        if isinstance(placed, str):
            progress.errors.append(placed)
        else:
            progress.entries.append(placed)
            progress.fetched_bytes += placed.size


def fetch(plans: list[Plan], conn: Connection, workers: int) -> dict[int, Progress]:
    """Download every planned file; the outcome per plan (by position in ``plans``)."""
    progress = {n: Progress() for n in range(len(plans))}
    jobs = [(p, w, progress[n], conn) for n, p in enumerate(plans) for w in p.fetch]
    jobs.sort(key=lambda job: (job[1].file.size, job[1].file.path))
    in_parallel(_fetch_one, jobs, workers)
    return progress


def clear_partial(plan: Plan) -> None:
    """Remove the snapshot's ``.partial`` folder once every file is in place."""
    partial = plan.snapshot.partial
    check_links(plan.snapshot.root, partial)
    if partial.name == PARTIAL and Path(partial).is_dir():
        shutil.rmtree(partial, ignore_errors=True)


def tidy(plan: Plan) -> None:
    """After a snapshot that could not be completed: drop huggingface_hub's bookkeeping unless
    a download it can resume is in it, and the snapshot's folders if they hold nothing, so a
    refused model leaves no trace while an interrupted one keeps what the next run needs."""
    shot = plan.snapshot
    check_links(shot.root, shot.partial)
    if shot.partial.is_dir() and not any(shot.partial.rglob("*.incomplete")):
        shutil.rmtree(shot.partial, ignore_errors=True)
    folder = shot.files
    while folder != shot.root:
        if folder.is_dir():
            if any(folder.iterdir()):
                break
            folder.rmdir()
        folder = folder.parent
