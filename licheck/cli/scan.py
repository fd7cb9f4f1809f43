"""``licheck scan``: scan, resolve, evaluate, report, and the exit code CI gates on."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from licheck.cli.app import app
from licheck.cli.common import (
    NETWORK_HINT,
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
from licheck.config import KEEP, Config, parse_candidates, parse_severity
from licheck.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNVERIFIED, ConfigError
from licheck.records import Report, Status
from licheck.report import Format


def _scan_root(paths: list[Path]) -> tuple[Path, list[Path] | None]:
    """The root that report paths are relative to, and the explicit paths (None: whole root)."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0].resolve(), None
    # Explicit files (pre-commit passes staged files) are relative to the working directory.
    return Path.cwd().resolve(), paths


def _targets(formats: list[str], outputs: list[Path]) -> list[tuple[Format, Path | None]]:
    """Pair each --format with its --output; at most one format may go to stdout."""
    chosen: list[Format] = []
    for name in formats:
        try:
            chosen.append(Format(name.strip().lower()))
        except ValueError:
            names = ", ".join(k.value for k in Format)
            raise ConfigError(f"--format {name!r}: choose one of {names}") from None
    if len(outputs) > len(chosen):
        raise ConfigError("more --output files than --format options")
    paired: list[tuple[Format, Path | None]] = [
        (fmt, outputs[i] if i < len(outputs) else None) for i, fmt in enumerate(chosen)
    ]
    if sum(1 for _, out in paired if out is None) > 1:
        raise ConfigError("only one --format can write to stdout; give the others an --output")
    return paired


def _enforce_lock(root: Path, locked: bool | None) -> bool:
    """--locked as given; by default on in CI (CI set) when the project has a lock file."""
    if locked is not None:
        return locked
    from licheck.lock import LOCK_NAME

    return bool(os.environ.get("CI")) and (root / LOCK_NAME).is_file()


def _exit_code(report: Report, config: Config) -> int:
    if config.strict and any(
        m.status in (Status.UNVERIFIED, Status.NOT_RESOLVED) for m in report.models
    ):
        return EXIT_UNVERIFIED
    if config.fail_on is not None and any(f.severity >= config.fail_on for f in report.findings):
        return EXIT_FINDINGS
    if config.candidates == "fail" and report.candidates:
        return EXIT_FINDINGS
    return EXIT_OK


def _stderr_summary(report: Report, *, text_on_stdout: bool) -> None:
    """One line on stderr (unless the text report on stdout already ends with it), plus a hint
    when the network, not the model, is why something could not be verified."""
    from licheck.report.text import summary_line

    if not text_on_stdout:
        sys.stderr.write(summary_line(report) + "\n")
    failed = [m for m in report.models if m.status is Status.UNVERIFIED]
    if failed and not report.offline:
        sys.stderr.write(
            f"licheck: {len(failed)} model(s) could not be verified on the Hub; "
            f"hint: {NETWORK_HINT}\n"
        )


def _use_color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


@app.command()
def scan(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="A directory to scan, or files (as pre-commit passes them)."),
    ] = None,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help="text, json, sarif, markdown or cyclonedx; repeat with one --output each.",
        ),
    ] = None,
    outputs: Annotated[
        list[Path] | None,
        typer.Option("--output", "-o", help="File for the matching --format (repeatable)."),
    ] = None,
    offline: OfflineOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    fail_on: Annotated[
        str | None,
        typer.Option("--fail-on", help="Exit 1 on findings at or above: info..critical, never."),
    ] = None,
    strict: Annotated[
        bool | None, typer.Option("--strict", help="Exit 3 if any model could not be verified.")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Glob of paths to skip (repeatable).")
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option("--include", help="Scan only paths matching this glob (repeatable)."),
    ] = None,
    include_docs: Annotated[
        bool | None, typer.Option("--include-docs", help="Also scan Markdown and reST docs.")
    ] = None,
    config_file: ConfigOption = None,
    rules_dir: RulesDirOption = None,
    timeout: TimeoutOption = None,
    candidates: Annotated[
        str | None,
        typer.Option(
            "--candidates",
            help="Ids in weak contexts: report (ask the Hub, list the rest), ignore, or fail.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log cache and Hub activity on stderr.")
    ] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Plain text output.")] = False,
    locked: Annotated[
        bool | None,
        typer.Option(
            "--locked/--no-locked",
            help="Compare with licheck.lock (default: on in CI when a lock exists).",
        ),
    ] = None,
    deep: Annotated[
        bool,
        typer.Option(
            "--deep",
            help="Read every model's license history (default: pinned ones and drifting "
            "publishers' only).",
        ),
    ] = False,
    facts: Annotated[
        list[Path] | None,
        typer.Option(
            "--facts",
            help="A facts bundle answering below the live Hub (repeatable; also "
            "[tool.licheck] facts and LICHECK_FACTS).",
        ),
    ] = None,
) -> int:
    """Scan a project for model references and check each model."""
    from licheck.facts.sources import with_bundles
    from licheck.pipeline import run_scan
    from licheck.progress import resolve_progress
    from licheck.report import render

    setup_logging(verbose=verbose, quiet=quiet)
    targets = _targets(formats or ["text"], outputs or [])
    root, explicit = _scan_root(paths or [Path(".")])
    base = load(root, config_file, rules_dir)
    config = base.with_overrides(
        fail_on=parse_severity(fail_on, "--fail-on") if fail_on is not None else KEEP,
        offline=KEEP if offline is None else offline,
        strict=KEEP if strict is None else strict,
        include_docs=KEEP if include_docs is None else include_docs,
        exclude=KEEP if not exclude else (*base.exclude, *exclude),
        include=KEEP if not include else (*base.include, *include),
        hub_timeout=KEEP if timeout is None else timeout,
        candidates=KEEP if candidates is None else parse_candidates(candidates, "--candidates"),
    )
    settings = hub_settings(config, cache_dir, no_cache, deep=deep)
    hub, config = with_bundles(settings, root, config, facts or [])
    with resolve_progress(quiet=quiet, color=not no_color) as on_resolved:
        report = run_scan(
            root, explicit, config, hub, on_resolved, locked=_enforce_lock(root, locked)
        )
    for fmt, output in targets:
        text = render(report, fmt, color=output is None and _use_color(no_color))
        if output is None:
            sys.stdout.write(text)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
    if not quiet:
        _stderr_summary(report, text_on_stdout=any(t == (Format.TEXT, None) for t in targets))
    return _exit_code(report, config)
