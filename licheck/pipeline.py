"""Wires the stages together: scan -> hub -> rules -> Report.

The CLI calls this; tests may too. It decides nothing about output or exit codes, and it loads
the rules before touching the network so a broken rule file fails fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from licheck.config import Config
from licheck.hub import HubSettings, resolve_provenance
from licheck.models import ModelRecord, Report, RuleInfo
from licheck.rules import evaluate, load_ruleset
from licheck.scan import scan


def run_scan(
    root: Path,
    paths: Sequence[Path] | None,
    config: Config,
    hub: HubSettings,
    on_resolved: Callable[[ModelRecord], None] | None = None,
) -> Report:
    """Scan ``paths`` (or the whole ``root``), resolve every model, evaluate the rules."""
    ruleset = load_ruleset(config.rules)
    result = scan(
        root,
        paths,
        exclude=config.exclude,
        include=config.include,
        max_file_size=config.max_file_size,
        include_docs=config.include_docs,
    )
    keys = sorted({ref.key for ref in result.references})
    records = resolve_provenance(keys, hub, on_resolved)
    evaluation = evaluate(ruleset, result.references, records)
    return Report(
        root=str(root),
        references=result.references,
        models=tuple(records[key] for key in keys),
        licenses=evaluation.licenses,
        findings=evaluation.findings,
        skipped=result.skipped,
        files_scanned=result.files_scanned,
        offline=hub.offline,
        records=dict(records),
        effective=evaluation.effective,
        license_index=evaluation.license_index,
        rules=tuple(
            RuleInfo(r.id, r.name, r.severity, r.category, r.summary, r.help, r.help_uri)
            for r in ruleset.rules
        ),
    )
