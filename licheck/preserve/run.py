"""One ``licheck preserve`` run, top to bottom: plan, check space, fetch, finish, record.

Plans are made concurrently (a Hub listing each, at most), the space the files still to fetch
need is compared with what the destination has free (refused, naming both numbers, unless
forced), the files are fetched (``fetch.py``), and each snapshot whose files all checked out
gets its manifest (written only when it changes), its signature when asked, and its index
entry. Every target ends as an ``Outcome``: ``preserved``, ``unchanged``, ``skipped`` (the Hub
would not serve it: a gate, a missing repo, the network) or ``failed`` (bytes or names that did
not check out, a store that cannot be written safely).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from licheck import __version__
from licheck.errors import LicheckError
from licheck.hub.client import progress_bars
from licheck.hub.listing import LicenseFacts
from licheck.hub.outcomes import Connection
from licheck.preserve import index, signing
from licheck.preserve import manifest as mf
from licheck.preserve.fetch import Progress, clear_partial, fetch, tidy
from licheck.preserve.plan import NotPlanned, Plan, plan
from licheck.preserve.pool import in_parallel
from licheck.preserve.selection import Selection
from licheck.preserve.space import check_space
from licheck.preserve.store import Snapshot, StoreError, write_atomic
from licheck.preserve.targets import Target

log = logging.getLogger(__name__)
# license facts -> (spdx, category), from the rules' taxonomy
Classify = Callable[[LicenseFacts], tuple[str | None, str | None]]


@dataclass(frozen=True)
class Options:
    """How a run fetches and keeps files."""

    dest: Path
    selection: Selection
    endpoint: str  # as manifests record it (no credentials)
    workers: int = 8
    force: bool = False
    sign_key: Path | None = None
    progress: bool = False
    offline: bool = False  # ask the Hub nothing: only snapshots already complete can be checked


@dataclass(frozen=True)
class Outcome:
    """What became of one target."""

    target: Target
    state: str  # preserved | unchanged | skipped | failed
    reason: str | None = None
    how: str | None = None
    sha: str | None = None
    snapshot: Snapshot | None = None
    fetched: int = 0
    fetched_bytes: int = 0
    files: int = 0
    bytes: int = 0
    manifest: str | None = None  # sha256:<hex> of manifest.json
    gated: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def kept(self) -> bool:
        """Whether the snapshot is complete and verified."""
        return self.state in ("preserved", "unchanged")


def _plan_one(
    job: tuple[Target, list[index.IndexEntry], Options, Connection],
) -> Plan | NotPlanned:
    target, entries, options, conn = job
    try:
        return plan(target, options.dest, entries, options.selection, conn, options.offline)
    except (OSError, StoreError) as exc:
        return NotPlanned(target, f"the store cannot be read safely: {exc}", failed=True)


def _manifest(
    done: Plan, got: Progress, options: Options, classify: Classify, now: str
) -> mf.Manifest | None:
    """The snapshot's new manifest, or None when the old one still says everything."""
    old = done.old
    files = {f.path: f for f in (*done.kept, *done.present, *got.entries)}
    if old is not None and old.covers(options.selection) and set(old.files) == set(files.values()):
        return None
    selections = old.selections if old is not None else ()
    if old is None or not old.covers(options.selection):
        selections = (*selections, options.selection)
    if old is not None:
        license_facts = old.license  # a commit's card never changes
    else:
        assert done.facts is not None  # no manifest yet: planned from a listing
        license_facts = mf.license_record(done.facts, *classify(done.facts))
    return mf.Manifest(
        model=done.snapshot.model,
        sha=done.snapshot.sha,
        resolved_from=old.resolved_from if old is not None else done.how,
        revision=old.revision if old is not None else done.target.revision,
        date=now,
        endpoint=options.endpoint,
        licheck_version=__version__,
        license=license_facts,
        selections=selections,
        files=tuple(sorted(files.values())),
    )


def _finish(
    done: Plan, got: Progress, options: Options, classify: Classify, now: str, names: list[str]
) -> tuple[Outcome, index.IndexEntry | None]:
    target, shot = done.target, done.snapshot
    base = Outcome(target, "failed", how=done.how, sha=shot.sha, snapshot=shot)
    if got.errors:
        return replace(base, reason="; ".join(sorted(got.errors))), None
    if got.refused is not None:
        refused = got.refused
        return replace(base, state="skipped", reason=refused.reason, gated=refused.gated), None
    notes = [f"{path} no longer matched in the store; fetched again" for path in done.repaired]
    new = _manifest(done, got, options, classify, now)
    if new is not None:
        data = mf.dumps(new)
        write_atomic(shot.root, shot.manifest, data)
    else:
        data = shot.manifest.read_bytes()
    signed = shot.signature.is_file()
    if new is not None and signed and options.sign_key is None:
        shot.signature.unlink()
        signed = False
        notes.append("the snapshot changed, so its old signature was removed; sign with --sign-key")
    if options.sign_key is not None and (new is not None or not signed):
        signing.sign(shot.folder, options.sign_key)
        signed = True
        notes.append("signed")
    clear_partial(done)
    manifest = new or mf.loads(data)
    changed = new is not None or bool(got.entries)
    outcome = Outcome(
        target,
        "preserved" if changed else "unchanged",
        how=done.how,
        sha=shot.sha,
        snapshot=shot,
        fetched=len(got.entries),
        fetched_bytes=got.fetched_bytes,
        files=len(manifest.files),
        bytes=sum(f.size for f in manifest.files),
        manifest=mf.digest(data),
        notes=tuple(notes),
    )
    return outcome, index.entry_for(manifest, data, signed, names)


def _finish_all(
    planned: list[Plan | NotPlanned],
    plans: list[Plan],
    progress: dict[int, Progress],
    options: Options,
    classify: Classify,
) -> tuple[dict[Path, Outcome], list[index.IndexEntry]]:
    """Finish every filled snapshot: its outcome by folder, and the index entries to write."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    finished: dict[Path, Outcome] = {}
    updates: list[index.IndexEntry] = []
    for n, done in enumerate(plans):
        names = [
            p.target.model for p in planned if isinstance(p, Plan) and p.snapshot == done.snapshot
        ]
        try:
            outcome, entry = _finish(done, progress[n], options, classify, now, names)
        except (OSError, LicheckError) as exc:
            reason = f"the snapshot could not be completed: {exc}"
            outcome = Outcome(done.target, "failed", reason, done.how, done.snapshot.sha)
            entry = None
        if not outcome.kept:
            tidy(done)
        finished[done.snapshot.folder] = outcome
        if entry is not None:
            updates.append(entry)
    return finished, updates


def preserve(
    targets: list[Target], options: Options, conn: Connection, classify: Classify
) -> list[Outcome]:
    """Preserve every target in ``options.dest``; one ``Outcome`` each, in target order."""
    dest = options.dest
    dest.mkdir(parents=True, exist_ok=True)  # the folder the user named; links above it are theirs
    entries, problem = index.read_index(dest)
    if problem is not None:
        log.warning("%s", problem)
    jobs = [(t, entries, options, conn) for t in targets]
    planned = in_parallel(_plan_one, jobs, options.workers)
    # Two targets naming one commit (a branch and its sha, two spellings of an id) share one
    # snapshot: it is filled once.
    first: dict[Path, Plan] = {}
    for item in planned:
        if isinstance(item, Plan):
            first.setdefault(item.snapshot.folder, item)
    plans = list(first.values())
    check_space(sum(p.fetch_bytes for p in plans), dest, options.force)
    with progress_bars(options.progress):
        progress = fetch(plans, conn, options.workers)
    finished, updates = _finish_all(planned, plans, progress, options, classify)
    index.write_index(dest, entries, updates)
    out = []
    for item in planned:
        if isinstance(item, Plan):
            shared = finished[item.snapshot.folder]
            out.append(replace(shared, target=item.target, how=item.how))
        else:
            state = "failed" if item.failed else "skipped"
            out.append(Outcome(item.target, state, item.reason, sha=item.sha, gated=item.gated))
    return out
