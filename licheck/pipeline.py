"""Wires the stages together: scan -> hub -> rules -> Report.

The CLI calls this; tests may too. It decides nothing about output or exit codes, and it loads
the rules before touching the network so a broken rule file fails fast.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from licheck import lock
from licheck.config import Config
from licheck.hub import HubSettings, confirm_models, resolve_provenance
from licheck.models import ModelKey, ModelRecord, Reference, Report, ScanResult, Status, Unconfirmed
from licheck.rules import drift, evaluate, load_ruleset
from licheck.rules.engine import unknown_suppressions
from licheck.rules.project_policy import apply_policy, check_policy
from licheck.scan import scan
from licheck.scan.files import sort_key

log = logging.getLogger(__name__)


def run_scan(
    root: Path,
    paths: Sequence[Path] | None,
    config: Config,
    hub: HubSettings,
    on_resolved: Callable[[ModelRecord], None] | None = None,
    *,
    locked: bool = False,
) -> Report:
    """Scan ``paths`` (or the whole ``root``), resolve every model, evaluate the rules.

    ``locked`` enforces licheck.lock: references it does not list become findings. Without it,
    an existing lock still tells the vendor-drift rule which models were reviewed.
    """
    ruleset = load_ruleset(config.rules)
    check_policy(config.policy, ruleset)  # a misspelt category or rule fails before the network
    result = scan(
        root,
        paths,
        exclude=config.exclude,
        include=config.include,
        max_file_size=config.max_file_size,
        include_docs=config.include_docs,
    )
    references, unconfirmed = confirm_candidates(result, config, hub)
    for where in unknown_suppressions(ruleset, references):
        log.warning("%s names no rule, rule name or category; it silences nothing", where)
    keys = sorted({ref.key for ref in references})
    records = resolve_provenance(keys, hub, on_resolved)
    lock_view = lock.view(root, references, records, enforce=locked, whole_tree=paths is None)
    evaluation = evaluate(ruleset, references, records, lock=lock_view)
    policy = apply_policy(
        evaluation,
        references,
        ruleset,
        config.policy,
        today=drift.today(),
        root=root,
        whole_tree=paths is None,
    )
    return Report(
        root=str(root),
        references=references,
        models=tuple(records[key] for key in keys),
        licenses=evaluation.licenses,
        findings=policy.findings,
        skipped=result.skipped,
        files_scanned=result.files_scanned,
        offline=hub.offline,
        records=dict(records),
        effective=evaluation.effective,
        license_index=evaluation.license_index,
        waived=policy.waived,
        rules=tuple(rule.info for rule in ruleset.rules),
        candidates=unconfirmed,
    )


def confirm_candidates(
    result: ScanResult, config: Config, hub: HubSettings
) -> tuple[tuple[Reference, ...], tuple[Unconfirmed, ...]]:
    """The scan's references with its confirmed candidates among them, and the others apart.

    A candidate whose id a rule found elsewhere in the tree is that model (no question asked);
    the rest are asked about once each (``config.candidate_limit`` ids at most). A candidate on
    a line whose ``licheck: ignore`` silences everything is dropped unasked.
    """
    wanted = [r for r in result.candidates if "*" not in r.suppressed]
    if config.candidates == "ignore" or not wanted:
        return result.references, ()
    named = {ref.model for ref in result.references}
    known = [replace(r, candidate=False) for r in wanted if r.model in named]
    ask = [r for r in wanted if r.model not in named]
    answers = confirm_models([r.model for r in ask], hub, config.candidate_limit)
    confirmed = [r for r in ask if answers[r.model] is None]
    references = sorted([*result.references, *known, *confirmed], key=sort_key)
    rest = tuple(Unconfirmed(r, why) for r in ask if (why := answers[r.model]) is not None)
    return tuple(references), rest


def lock_entries(
    report: Report, previous: Mapping[ModelKey, lock.LockEntry], now: datetime | None = None
) -> list[lock.LockEntry]:
    """The lock entries describing ``report``'s models.

    An entry whose facts did not change keeps its old ``checked`` time, so re-locking an
    unchanged project leaves the file as it was; a model that could not be resolved now
    (offline, an error) keeps its previous entry rather than losing what was reviewed.
    """
    entries: list[lock.LockEntry] = []
    for record in report.models:
        key = record.key
        old = previous.get(key)
        if record.status is not Status.OK and old is not None:
            entries.append(old)
            continue
        effective = report.effective.get(key)
        origin = effective.origin[0] if effective is not None and effective.origin else None
        new = lock.entry_for(key, record, report.license_of(record), origin, now)
        if old is not None and replace(new, checked=old.checked) == old:
            new = old
        entries.append(new)
    return entries
