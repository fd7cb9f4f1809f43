"""Command-line wiring and exit codes; no checking logic lives here.

``main(argv) -> int`` is the single entry point for the console script, ``python -m licheck``
and the tests. Every error licheck knows about becomes one message on stderr (with a hint where
one helps) and an exit code: 0 clean, 1 findings at or above ``--fail-on``, 2 usage, config or
rule-file error, 3 a model could not be verified under ``--strict`` (or an internal error),
130 interrupted.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from licheck import __version__
from licheck.config import KEEP, Config, find_pyproject, load_config, parse_severity
from licheck.errors import (
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNVERIFIED,
    EXIT_USAGE,
    ConfigError,
    LicheckError,
)
from licheck.models import Report, Status
from licheck.report import Format

app = typer.Typer(
    name="licheck",
    help="Find the AI models a codebase pulls and check their licenses, provenance and drift.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help text: "[tool.licheck]" in an option's help is not rich markup.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"licheck {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """licheck: license-risk checks for model dependencies."""


def _scan_root(paths: list[Path]) -> tuple[Path, list[Path] | None]:
    """The root that report paths are relative to, and the explicit paths (None: whole root)."""
    if len(paths) == 1 and paths[0].is_dir():
        return paths[0].resolve(), None
    # Explicit files (pre-commit passes staged files) are relative to the working directory.
    return Path.cwd().resolve(), paths


def _load(root: Path, config_path: Path | None) -> Config:
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"--config {config_path}: no such file")
    return load_config(config_path or find_pyproject(root))


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
            f"hint: {_NETWORK_HINT}\n"
        )


def setup_logging(*, verbose: bool, quiet: bool) -> None:
    """Warnings (a broken cache, a retried request) on stderr; more with -v, fewer with -q."""
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("licheck: %(levelname)s: %(message)s"))
    logger = logging.getLogger("licheck")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False


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
    offline: Annotated[
        bool | None,
        typer.Option("--offline/--online", help="No network: use the cache and built-in data."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Cache folder (default: user cache dir).")
    ] = None,
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
    include_docs: Annotated[
        bool | None, typer.Option("--include-docs", help="Also scan Markdown and reST docs.")
    ] = None,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="pyproject.toml holding [tool.licheck].")
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
) -> int:
    """Scan a project for model references and check each model."""
    from licheck.pipeline import run_scan
    from licheck.progress import resolve_progress
    from licheck.report import render

    setup_logging(verbose=verbose, quiet=quiet)
    targets = _targets(formats or ["text"], outputs or [])
    root, explicit = _scan_root(paths or [Path(".")])
    base = _load(root, config_file)
    config = base.with_overrides(
        fail_on=parse_severity(fail_on, "--fail-on") if fail_on is not None else KEEP,
        offline=KEEP if offline is None else offline,
        strict=KEEP if strict is None else strict,
        include_docs=KEEP if include_docs is None else include_docs,
        exclude=KEEP if not exclude else (*base.exclude, *exclude),
    )
    hub = _hub_settings(config, cache_dir, no_cache)
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


@app.command("lock")
def write_lock(
    path: Annotated[Path, typer.Argument(help="The project directory.")] = Path("."),
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 if the lock is stale.")
    ] = False,
    offline: Annotated[
        bool | None,
        typer.Option("--offline/--online", help="No network: use the cache and built-in data."),
    ] = None,
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Cache folder (default: user cache dir).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = False,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="pyproject.toml holding [tool.licheck].")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
) -> int:
    """Write licheck.lock for every model the project references (or check it with --check)."""
    from licheck import lock
    from licheck.pipeline import lock_entries, run_scan

    setup_logging(verbose=False, quiet=quiet)
    if not path.is_dir():
        raise ConfigError(f"{path}: not a directory (licheck lock records a whole project)")
    root = path.resolve()
    config = _load(root, config_file).with_overrides(offline=KEEP if offline is None else offline)
    report = run_scan(root, None, config, _hub_settings(config, cache_dir, no_cache))
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
            sys.stderr.write(f"licheck: {line}\n")
        if problems:
            sys.stderr.write(f"licheck: {lock.LOCK_NAME} is stale; run `licheck lock`\n")
            return EXIT_FINDINGS
        if not quiet:
            sys.stderr.write(f"licheck: {lock.LOCK_NAME} is up to date\n")
        return EXIT_OK
    entries = lock_entries(report, previous)
    lock.write(lock_path, entries)
    if not quiet:
        keys = {e.key for e in entries}
        added = len(keys - set(previous))
        removed = len(set(previous) - keys)
        unverified = sum(1 for m in report.models if m.status is not Status.OK)
        sys.stderr.write(
            f"licheck: wrote {lock.LOCK_NAME} with {len(entries)} models "
            f"({added} added, {removed} removed"
            + (f", {unverified} not verified: locked by id only" if unverified else "")
            + ")\n"
        )
    return EXIT_OK


@app.command("rules")
def list_rules(
    config_file: Annotated[
        Path | None, typer.Option("--config", help="pyproject.toml holding [tool.licheck].")
    ] = None,
) -> int:
    """List the loaded rules: id, severity, category, summary."""
    from licheck.rules import load_ruleset

    config = _load(Path.cwd(), config_file)
    ruleset = load_ruleset(config.rules)
    width = max((len(r.id) for r in ruleset.rules), default=4)
    for rule in ruleset.rules:
        typer.echo(
            f"{rule.id.ljust(width)}  {rule.severity.value.ljust(8)}  "
            f"{rule.category.ljust(22)}  {rule.summary}"
        )
    return EXIT_OK


def _hub_settings(config: Config, cache_dir: Path | None, no_cache: bool) -> Any:
    """Hub settings from the environment, the config and the cache options."""
    from licheck.hub import HubSettings

    env_cache = os.environ.get("LICHECK_CACHE_DIR")
    return HubSettings.from_env(
        cache_dir=cache_dir or (Path(env_cache) if env_cache else None),
        use_cache=not no_cache,
        branch_ttl=config.cache_ttl_hours * 3600.0,
        workers=config.workers,
        max_depth=config.chain_depth,
        history_limit=config.history_limit,
        family_limit=config.family_limit,
        **({"offline": True} if config.offline else {}),
    )


def _text_or_json(value: str) -> str:
    choice = value.strip().lower()
    if choice not in ("text", "json"):
        raise ConfigError(f"--format {value!r}: choose text or json")
    return choice


@app.command("explain")
def explain_model(
    model: Annotated[str, typer.Argument(help="A Hub model id or URL, or an Ollama name.")],
    revision: Annotated[
        str | None, typer.Option("--revision", "-r", help="A commit sha, tag or branch.")
    ] = None,
    offline: Annotated[
        bool | None,
        typer.Option("--offline/--online", help="No network: use the cache and built-in data."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    cache_dir: Annotated[
        Path | None, typer.Option("--cache-dir", help="Cache folder (default: user cache dir).")
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
    ] = False,
    config_file: Annotated[
        Path | None, typer.Option("--config", help="pyproject.toml holding [tool.licheck].")
    ] = None,
) -> int:
    """Explain one model: provenance chain, license history, family, vendor events, findings."""
    from licheck.explain import parse_target, run
    from licheck.rules import load_ruleset

    choice = _text_or_json(fmt)
    base = _load(Path.cwd(), config_file)
    config = base.with_overrides(offline=KEEP if offline is None else offline)
    ruleset = load_ruleset(config.rules)
    explanation = run(
        parse_target(model, revision), ruleset, _hub_settings(config, cache_dir, no_cache)
    )
    if choice == "json":
        import json

        from licheck.explain.data import to_dict

        sys.stdout.write(json.dumps(to_dict(explanation), indent=2, default=str) + "\n")
    else:
        from licheck.explain.text import render_text

        sys.stdout.write(render_text(explanation))
    return EXIT_OK


@app.command("vendors")
def list_vendors(
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> int:
    """List the vendor knowledge file: namespaces, drift, dated events with their sources."""
    from licheck.explain import vendors as listing
    from licheck.rules import builtin_rules_dir
    from licheck.rules.vendors import load_vendors

    vendors = load_vendors(builtin_rules_dir() / "vendors.toml")
    render = listing.render_json if _text_or_json(fmt) == "json" else listing.render_text
    sys.stdout.write(render(vendors))
    return EXIT_OK


_NETWORK_HINT = (
    "check your network, or run with --offline; set HF_TOKEN for private or gated models "
    "and HF_ENDPOINT for a mirror"
)


def _usage_error_class() -> type[Exception]:
    """click's ClickException, from whichever click typer runs on (newer typer vendors one).

    typer re-exports BadParameter from that click, so its base class is found without importing
    a private module.
    """
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code instead of exiting."""
    usage_error = _usage_error_class()
    try:
        result: Any = app(args=argv, prog_name="licheck", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        return EXIT_INTERRUPTED
    except usage_error as exc:
        exc.show()  # type: ignore[attr-defined]
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("licheck: interrupted\n")
        return EXIT_INTERRUPTED
    except LicheckError as exc:
        hint = f"\n  hint: {exc.hint}" if exc.hint else ""
        sys.stderr.write(f"licheck: error: {exc}{hint}\n")
        return exc.exit_code
    except Exception:
        import traceback

        traceback.print_exc()
        sys.stderr.write(
            f"licheck: internal error (please report it); if it involves the Hub: {_NETWORK_HINT}\n"
        )
        return EXIT_UNVERIFIED
    return result if isinstance(result, int) else EXIT_OK
