"""``licheck preserve``: keep a verified copy of the models a project depends on, at the commit
it uses; with ``--verify``, re-hash that copy.

Wiring and words only: which models (the project's references, or the arguments), where the
store is (``--dest`` or ``[tool.licheck] preserve_dir``, never a folder licheck picks), one line
per model on stdout, a summary on stderr, the lock update and the exit code (0 all kept,
1 something did not check out, 2 usage, 3 under ``--strict`` when a model could not be kept).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from licheck.cli.app import app
from licheck.cli.common import (
    ConfigOption,
    OfflineOption,
    RulesDirOption,
    TimeoutOption,
    hub_settings,
    load,
    setup_logging,
)
from licheck.config import KEEP, Config
from licheck.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNVERIFIED, ConfigError
from licheck.report.safe_text import visible

if TYPE_CHECKING:
    from licheck.pipeline import Preserved
    from licheck.preserve.run import Outcome
    from licheck.preserve.selection import Selection

_NO_DEST = (
    "no store given: pass --dest DIR or set [tool.licheck] preserve_dir "
    "(licheck never picks a folder for its copies on its own)"
)
_HOW = {"lock": "the locked sha", "pin": "the pinned commit", "head": "the head today"}


def _say(line: str) -> None:
    sys.stdout.write(visible(line) + "\n")


def _dest(dest: Path | None, config: Config) -> Path:
    chosen = dest if dest is not None else config.preserve_dir
    if chosen is None:
        raise ConfigError(_NO_DEST)
    path = chosen.expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise ConfigError(f"--dest {chosen}: not a folder")
    return path


def _verify(dest: Path, models: list[str] | None, key: Path | None, strict: bool) -> int:
    from licheck.preserve import signing
    from licheck.preserve.space import human
    from licheck.preserve.verify import verify_store

    if key is not None:
        signing.check_key(key, "--verify-key")
    if not dest.is_dir():
        raise ConfigError(f"--dest {dest}: no such folder; nothing to verify")
    results, problem = verify_store(dest, models, key)
    for checked in results:
        where = f"{checked.model}@{checked.sha[:12]}"
        if checked.problems:
            _say(f"ALTERED     {where}  " + "; ".join(checked.problems))
        elif checked.incomplete:
            _say(f"incomplete  {where}  " + "; ".join(checked.notes))
        else:
            size = f"{checked.files} files, {human(checked.bytes)}" if checked.files else ""
            _say(f"ok          {where}  " + "; ".join(filter(None, [size, *checked.notes])))
    bad = sum(1 for c in results if c.problems)
    if problem is not None:
        sys.stderr.write(f"licheck: {visible(problem)}\n")
    sys.stderr.write(
        f"licheck: verified {len(results)} snapshots in {visible(str(dest))}: "
        f"{bad} missing or altered\n"
    )
    if bad or problem is not None:
        return EXIT_FINDINGS
    unchecked = any(c.signature_unchecked for c in results)
    return EXIT_UNVERIFIED if strict and unchecked else EXIT_OK


def _how(outcome: Outcome) -> str:
    if outcome.how == "head":
        return f"the head of {outcome.target.revision or 'the default branch'} today"
    return _HOW.get(outcome.how or "", "an unknown commit")


def _line(outcome: Outcome, endpoint: str) -> str:
    from licheck.preserve.space import human

    target, sha = outcome.target, (outcome.sha or "")[:12]
    if outcome.kept:
        assert outcome.snapshot is not None
        done = (
            f"{outcome.fetched} fetched ({human(outcome.fetched_bytes)})"
            if outcome.fetched
            else "all re-hashed in place"
        )
        notes = "".join(f"; {note}" for note in outcome.notes)
        return (
            f"{outcome.state:<10} {target.label}  at {sha} ({_how(outcome)})  "
            f"{outcome.files} files, {human(outcome.bytes)}, {done}{notes}  "
            f"-> {outcome.snapshot.folder}"
        )
    reason = outcome.reason or "no reason given"
    if outcome.gated:
        reason = (
            "gated: the Hub refuses its files until the model's terms are accepted; request "
            f"access at {endpoint}/{target.model}, then set HF_TOKEN (or `hf auth login`)"
        )
    elif outcome.state == "skipped" and "not found" in reason:
        reason += "; if it is private, set HF_TOKEN to a token that can read it"
    return f"{outcome.state:<10} {target.label}  {reason}"


def _exit(result: Preserved, strict: bool) -> int:
    if strict and (result.others or any(o.state == "skipped" for o in result.outcomes)):
        return EXIT_UNVERIFIED
    return EXIT_FINDINGS if any(o.state == "failed" for o in result.outcomes) else EXIT_OK


def _summary(result: Preserved, dest: Path) -> None:
    counts = {s: 0 for s in ("preserved", "unchanged", "skipped", "failed")}
    for outcome in result.outcomes:
        counts[outcome.state] += 1
    kept = counts["preserved"] + counts["unchanged"]
    parts = [
        f"{kept} {'model' if kept == 1 else 'models'} preserved in {dest} "
        f"({counts['unchanged']} unchanged)",
        f"{counts['skipped']} skipped",
        f"{counts['failed']} failed",
    ]
    if result.others:
        parts.append(f"{len(result.others)} references not on the Hub")
    recorded = result.recorded
    if recorded is None:
        parts.append("no licheck.lock to record the copies in (run `licheck lock`)")
    else:
        parts.append(f"licheck.lock: {recorded.updated} entries updated")
    sys.stderr.write(visible("licheck: " + "; ".join(parts)) + "\n")
    if recorded is not None and recorded.unlocked:
        names = ", ".join(recorded.unlocked)
        sys.stderr.write(
            visible(f"licheck: not in licheck.lock, so recorded in the store only: {names}") + "\n"
        )


def _preserve(
    root: Path,
    dest: Path,
    config: Config,
    models: list[str],
    selection: Selection,
    force: bool,
    sign_key: Path | None,
    quiet: bool,
) -> int:
    from licheck.hub import describe_endpoint
    from licheck.pipeline import preserve_project
    from licheck.preserve import signing
    from licheck.preserve.run import Options
    from licheck.progress import progress_wanted

    if sign_key is not None:
        signing.check_key(sign_key, "--sign-key")
    hub = hub_settings(config, None, False)
    options = Options(
        dest=dest,
        selection=selection,
        endpoint=describe_endpoint(hub),
        workers=config.workers,
        force=force,
        sign_key=sign_key,
        progress=progress_wanted(sys.stderr, quiet=quiet),
        offline=hub.offline,
    )
    result = preserve_project(root, models, config, hub, options)
    for outcome in result.outcomes:
        if not quiet or not outcome.kept:
            _say(_line(outcome, options.endpoint))
    for other in result.others:
        if not quiet:
            _say(f"{'not kept':<10} {other.model}  {other.reason}")
    if not quiet:
        _summary(result, dest)
    return _exit(result, config.strict)


@app.command("preserve")
def preserve_models(
    models: Annotated[
        list[str] | None,
        typer.Argument(help="MODEL[@REV] to keep (default: every Hub model the project uses)."),
    ] = None,
    dest: Annotated[
        Path | None,
        typer.Option("--dest", help="The store folder (default: [tool.licheck] preserve_dir)."),
    ] = None,
    weights: Annotated[bool, typer.Option("--weights", help="Also keep the weight files.")] = False,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", help="Also keep repo files matching this glob (repeatable)."),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Leave out repo files matching this glob (repeatable)."),
    ] = None,
    verify: Annotated[
        bool, typer.Option("--verify", help="Re-hash the store; exit 1 if anything changed.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Fetch even when the free space looks too small.")
    ] = False,
    sign_key: Annotated[
        Path | None,
        typer.Option("--sign-key", help="Sign each snapshot with this EC private key (PEM)."),
    ] = None,
    verify_key: Annotated[
        Path | None,
        typer.Option("--verify-key", help="Public (or private) key to check signatures with."),
    ] = None,
    project: Annotated[
        Path, typer.Option("--project", help="The project whose models and lock to use.")
    ] = Path("."),
    strict: Annotated[
        bool | None,
        typer.Option("--strict", help="Exit 3 if any model could not be preserved."),
    ] = None,
    offline: OfflineOption = None,
    config_file: ConfigOption = None,
    rules_dir: RulesDirOption = None,
    timeout: TimeoutOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> int:
    """Keep a verified copy of each model's card, licenses and configs (and weights) at the
    commit the project uses; --verify re-hashes that copy."""
    setup_logging(verbose=False, quiet=quiet)
    if not project.is_dir():
        raise ConfigError(f"--project {project}: not a directory")
    root = project.resolve()
    config = load(root, config_file, rules_dir).with_overrides(
        hub_timeout=KEEP if timeout is None else timeout,
        strict=KEEP if strict is None else strict,
        offline=KEEP if offline is None else offline,
    )
    store = _dest(dest, config)
    if verify:
        return _verify(store, models, verify_key or sign_key, config.strict)
    from licheck.preserve.selection import Selection

    selection = Selection(weights, tuple(include or ()), tuple(exclude or ()))
    return _preserve(root, store, config, models or [], selection, force, sign_key, quiet)
