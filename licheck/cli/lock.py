"""``licheck lock``: write licheck.lock, or check that it still describes the project."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from licheck.cli.app import app
from licheck.cli.common import (
    CacheDirOption,
    ConfigOption,
    NoCacheOption,
    OfflineOption,
    RulesDirOption,
    TimeoutOption,
    hub_settings,
    load,
    setup_logging,
)
from licheck.config import KEEP
from licheck.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNVERIFIED, ConfigError
from licheck.records import Status
from licheck.report.safe_text import visible


@app.command("lock")
def write_lock(
    path: Annotated[Path, typer.Argument(help="The project directory.")] = Path("."),
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if the lock is stale.")
    ] = False,
    offline: OfflineOption = None,
    cache_dir: CacheDirOption = None,
    no_cache: NoCacheOption = False,
    config_file: ConfigOption = None,
    rules_dir: RulesDirOption = None,
    timeout: TimeoutOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
) -> int:
    """Write licheck.lock for every model the project references (or check it with --check)."""
    from licheck import lock
    from licheck.pipeline import run_scan

    setup_logging(verbose=False, quiet=quiet)
    if not path.is_dir():
        raise ConfigError(f"{path}: not a directory (licheck lock records a whole project)")
    root = path.resolve()
    config = load(root, config_file, rules_dir).with_overrides(
        offline=KEEP if offline is None else offline,
        hub_timeout=KEEP if timeout is None else timeout,
    )
    report = run_scan(root, None, config, hub_settings(config, cache_dir, no_cache))
    lock_path = root / lock.LOCK_NAME
    previous = lock.read(lock_path) if lock_path.is_file() else {}
    if check:
        diff = lock.compare(previous, report.references, report.records)
        problems = [
            *(f"unlocked: {r.model} at {r.path}:{r.line}" for r in diff.unlocked),
            *(f"unused: {e.model}" for e in diff.unused),
            *(f"license changed upstream: {e.model}" for e, _ in diff.license_changed),
            *(f"branch moved: {e.model} ({e.revision})" for e, _ in diff.sha_moved),
        ]
        if not lock_path.is_file():
            problems.insert(0, f"{lock.LOCK_NAME} does not exist")
        for line in problems:
            sys.stderr.write(f"licheck: {visible(line)}\n")
        if problems:
            sys.stderr.write(f"licheck: {lock.LOCK_NAME} is stale; run `licheck lock`\n")
            return EXIT_FINDINGS
        if not quiet:
            sys.stderr.write(f"licheck: {lock.LOCK_NAME} is up to date\n")
        return EXIT_OK
    entries = lock.lock_entries(report, previous)
    lock.write(lock_path, entries)
    # A lock entry says a person reviewed what the Hub showed; a model nobody could look up
    # gets none, so `scan --locked` keeps reporting it until an online run locks it.
    left_out = [m for m in report.models if not lock.lockable(m) and m.key not in previous]
    for record in left_out:
        where = f"{record.model}@{record.revision}" if record.revision else record.model
        sys.stderr.write(
            f"licheck: not locked: {visible(where)} ({visible(record.reason or 'not verified')}); "
            "run `licheck lock` where the Hub can be reached to review it\n"
        )
    if not quiet or left_out:
        keys = {e.key for e in entries}
        added = len(keys - set(previous))
        removed = len(set(previous) - keys)
        kept = sum(1 for m in report.models if not lock.lockable(m) and m.key in keys)
        by_id = sum(1 for m in report.models if m.status is not Status.OK and lock.lockable(m))
        notes = [f"{added} added", f"{removed} removed"]
        if by_id:
            notes.append(f"{by_id} locked by id only: unavailable or not on the Hub")
        if kept:
            notes.append(f"{kept} kept as last reviewed: not verified now")
        sys.stderr.write(
            f"licheck: wrote {lock.LOCK_NAME} with {len(entries)} models ({', '.join(notes)})"
            + (f"; {len(left_out)} left out: not verified" if left_out else "")
            + "\n"
        )
    return EXIT_UNVERIFIED if left_out else EXIT_OK
