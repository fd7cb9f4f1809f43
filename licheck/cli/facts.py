"""``licheck facts export|import|diff``: carry Hub answers between machines and watch them drift.

Wiring and exit codes only: the format is ``licheck.facts.format``, the comparison
``licheck.facts.diff``, and an export runs the scan's own pipeline (``run_scan``) to learn which
answers the project uses.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from licheck.cli.app import app
from licheck.cli.common import (
    CacheDirOption,
    ConfigOption,
    OfflineOption,
    RulesDirOption,
    TextOrJsonOption,
    hub_settings,
    load,
    setup_logging,
    text_or_json,
)
from licheck.errors import EXIT_FINDINGS, EXIT_OK, ConfigError

if TYPE_CHECKING:
    from licheck.facts.diff import Diff
    from licheck.hub.bundled import Row

facts_app = typer.Typer(
    help="Export, import and compare facts bundles (Hub answers recorded for later).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(facts_app, name="facts")
LIVE = "hub"  # ``licheck facts diff OLD hub``: compare with the live Hub

QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Log cache and Hub activity on stderr.")
]


def _say(text: str, quiet: bool) -> None:
    if not quiet:
        sys.stderr.write(f"licheck: {text}\n")


@facts_app.command("export")
def export(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The bundle to write (.gz: compressed).")
    ],
    path: Annotated[Path, typer.Argument(help="The project whose facts to export.")] = Path("."),
    every: Annotated[
        bool, typer.Option("--all", help="Every answer the cache holds, not only the project's.")
    ] = False,
    note: Annotated[
        str | None, typer.Option("--note", help="A note written in the bundle's header.")
    ] = None,
    offline: OfflineOption = None,
    cache_dir: CacheDirOption = None,
    config_file: ConfigOption = None,
    rules_dir: RulesDirOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> int:
    """Write the Hub facts a project uses (or the whole cache) to a facts bundle."""
    from licheck.facts import format as bundle
    from licheck.facts.sources import excluding, with_bundles
    from licheck.hub.bundled import Bundled
    from licheck.hub.cache import HubCache
    from licheck.pipeline import run_scan

    setup_logging(verbose=verbose, quiet=quiet)
    root = path.resolve()
    if not root.is_dir():
        raise ConfigError(f"{path}: not a folder")
    config = load(root, config_file, rules_dir)
    config = config.with_overrides(offline=config.offline if offline is None else offline)
    hub = hub_settings(config, cache_dir, no_cache=False)
    rows: list[Row]
    named: list[tuple[str, str | None]] = []
    if every:
        cache = HubCache.open(hub.cache_dir)
        rows = cache.rows()
        cache.close()
    else:
        hub, config = with_bundles(hub, root, config)
        config = excluding(root, config, [output])  # an earlier export is not a dependency
        layer = hub.facts if hub.facts is not None else Bundled()
        report = run_scan(root, None, config, replace(hub, facts=layer))
        cache = HubCache.open(hub.cache_dir)
        used = {row.key: row for row in cache.rows() if row.key in layer.used}
        cache.close()
        for row in layer.rows():  # answers a bundle gave this run travel on
            if row.key in layer.used:
                used.setdefault(row.key, row)
        rows = list(used.values())
        named = [(r.model, r.revision) for r in report.references if r.source.on_hub]
        _say(f"{len(report.models)} models in {root}", quiet)
    document, left_out = bundle.to_document(rows, note=note, token=hub.token, referenced=named)
    for problem in left_out:
        _say(problem, quiet)
    bundle.write(output, document)
    lookups = sum(len(m["lookups"]) for m in document["models"])
    _say(
        f"wrote {lookups} lookups of {len(document['models'])} models and "
        f"{len(document['facts'])} deeper facts to {output}",
        quiet,
    )
    return EXIT_OK


@facts_app.command("import")
def import_(
    bundle_path: Annotated[Path, typer.Argument(help="The facts bundle to load.")],
    cache_dir: CacheDirOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> int:
    """Load a facts bundle into the cache (a newer cached answer is kept)."""
    from licheck.facts.sources import load_bundles
    from licheck.hub.cache import HubCache

    setup_logging(verbose=verbose, quiet=quiet)
    _, loaded = load_bundles([bundle_path])
    rows = loaded[0].rows
    hub = hub_settings(load(Path.cwd(), None), cache_dir, no_cache=False)
    cache = HubCache.open(hub.cache_dir)
    if not cache.enabled:
        raise ConfigError(f"the cache {cache.path} cannot be used; nothing imported")
    stored = cache.load_rows(rows)
    cache.close()
    skipped = len(loaded[0].skipped)
    _say(
        f"imported {stored} of {len(rows)} answers from {bundle_path} into {cache.path} "
        f"({len(rows) - stored} older than the cache's, {skipped} invalid entries skipped)",
        quiet,
    )
    return EXIT_OK


def _live_rows(old: list[Row], offline: bool, cache_dir: Path | None) -> list[Row]:
    """What the live Hub says now about every lookup of ``old`` (a fresh cache, then read)."""
    from licheck.hub import resolve_provenance
    from licheck.hub.bundled import RECORDS
    from licheck.hub.cache import HubCache
    from licheck.records import ModelKey, Source

    if offline:
        raise ConfigError(f"facts diff OLD {LIVE}: comparing with the live Hub needs network")
    keys = [ModelKey(r.first, Source.HF, r.second or None) for r in old if r.table == RECORDS]
    hub = hub_settings(load(Path.cwd(), None), cache_dir, no_cache=False)
    with tempfile.TemporaryDirectory(prefix="licheck-facts-") as fresh:
        resolve_provenance(keys, replace(hub, cache_dir=Path(fresh), offline=False))
        cache = HubCache.open(Path(fresh))
        rows = cache.rows()
        cache.close()
    return rows


def _render(result: Diff, old: Path, new: str, fmt: str) -> str:
    if fmt == "json":
        changes = [
            {
                "model": c.model,
                "revision": c.revision,
                "what": c.what,
                "old": c.old,
                "new": c.new,
                "raises": list(c.raises),
            }
            for c in result.changes
        ]
        data = {"old": str(old), "new": new, "changes": changes, "raised": result.raised}
        return json.dumps(data, indent=2) + "\n"
    lines = [f"licheck facts diff: {old} -> {new}"]
    for c in result.changes:
        where = c.revision or "default branch"
        mark = f"  [raises {', '.join(c.raises)}]" if c.raises else ""
        lines.append(f"  {c.model} @ {where}: {c.what}: {c.old} -> {c.new}{mark}")
    if not result.changes:
        lines.append("  no upstream change")
    return "\n".join(lines) + "\n"


@facts_app.command("diff")
def diff_(
    old: Annotated[Path, typer.Argument(help="The older facts bundle.")],
    new: Annotated[str, typer.Argument(help=f"The newer bundle, or '{LIVE}' for the live Hub.")],
    fmt: TextOrJsonOption = "text",
    offline: OfflineOption = None,
    cache_dir: CacheDirOption = None,
    config_file: ConfigOption = None,
    rules_dir: RulesDirOption = None,
    verbose: VerboseOption = False,
) -> int:
    """List what changed upstream; exit 1 when a change made a finding more severe."""
    from licheck.facts.diff import diff
    from licheck.facts.format import referenced
    from licheck.facts.sources import load_bundles
    from licheck.report.safe_text import visible

    setup_logging(verbose=verbose, quiet=False)
    choice = text_or_json(fmt)
    config = load(Path.cwd(), config_file, rules_dir)
    _, (loaded_old,) = load_bundles([old])
    if new == LIVE:
        new_rows = _live_rows(loaded_old.rows, bool(offline or config.offline), cache_dir)
    else:
        _, (loaded_new,) = load_bundles([Path(new)])
        new_rows = loaded_new.rows
    result = diff(loaded_old.rows, new_rows, config, referenced=referenced(loaded_old))
    text = _render(result, old, new, choice)
    sys.stdout.write(visible(text) if choice == "text" else text)
    return EXIT_FINDINGS if result.raised else EXIT_OK
