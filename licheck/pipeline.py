"""Wires the stages together: scan -> hub -> rules -> Report.

The CLI calls this; tests may too. It decides nothing about output or exit codes, and it loads
the rules before touching the network so a broken rule file fails fast.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from licheck import lock
from licheck.config import Config
from licheck.facts.detect import without_bundles
from licheck.hub import HubSettings, confirm_models, resolve_provenance
from licheck.lock import CopyCheck
from licheck.policy.apply import PolicyOutcome, apply_policy, check_policy
from licheck.policy.parse import ProjectPolicy
from licheck.records import (
    ModelKey,
    ModelRecord,
    Reference,
    Report,
    ScanResult,
    Unconfirmed,
)
from licheck.rules import drift, evaluate, ruleset_for
from licheck.rules.evaluation import Evaluation, unknown_suppressions
from licheck.rules.ruleset import RuleSet
from licheck.scan import scan
from licheck.scan.files import sort_key

if TYPE_CHECKING:  # the preserve command's types; a scan never imports its machinery
    from licheck.hub.listing import LicenseFacts
    from licheck.preserve.record import Recorded
    from licheck.preserve.run import Options, Outcome
    from licheck.preserve.targets import NotATarget

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
    ruleset = ruleset_for(config, scan_cache_dir(hub))  # the built-ins' parse kept there
    check_policy(config.policy, ruleset)  # a misspelt category or rule fails before the network
    result, references, unconfirmed = find_references(root, paths, config, hub)
    for where in unknown_suppressions(ruleset, references):
        log.warning("%s names no rule, rule name or category; it silences nothing", where)
    keys = sorted({ref.key for ref in references})
    records = resolve_provenance(keys, with_drift(hub, ruleset), on_resolved)
    judged = judge(
        root, references, records, ruleset, config.policy, locked=locked, whole_tree=paths is None
    )
    evaluation = judged.evaluation
    return Report(
        root=str(root),
        references=references,
        models=tuple(records[key] for key in keys),
        licenses=evaluation.licenses,
        findings=judged.policy.findings,
        skipped=result.skipped,
        files_scanned=result.files_scanned,
        offline=hub.offline,
        records=dict(records),
        effective=evaluation.effective,
        license_index=evaluation.license_index,
        waived=judged.policy.waived,
        rules=tuple(rule.info for rule in ruleset.rules),
        candidates=unconfirmed,
    )


def with_drift(hub: HubSettings, ruleset: RuleSet) -> HubSettings:
    """``hub`` told which publishers drift (the rules' vendor events), so the hub stage reads
    license histories only where they can change a verdict; unchanged when already told."""
    if hub.drifting is not None:
        return hub
    drifting = frozenset(
        namespace.lower()
        for vendor in ruleset.vendors.all()
        if vendor.drifting
        for namespace in vendor.namespaces
    )
    return replace(hub, drifting=drifting)


@dataclass(frozen=True)
class Judged:
    """What the rules and the project's policy made of some resolved references: the lock as
    compared with them (None without a project root), the rules' evaluation, and the findings
    the policy kept, re-graded and waived."""

    lock: lock.LockView | None
    evaluation: Evaluation
    policy: PolicyOutcome


def judge(
    root: Path | None,
    references: Sequence[Reference],
    records: Mapping[ModelKey, ModelRecord],
    ruleset: RuleSet,
    policy: ProjectPolicy,
    *,
    locked: bool,
    whole_tree: bool,
    today: dt.date | None = None,
) -> Judged:
    """The verdict on ``references``: licheck.lock compared with them (with the preserved copies
    it records checked), the rules evaluated, then the project's policy (allow and deny lists,
    categories, waivers). ``licheck scan`` and ``licheck explain`` both come through here, so
    they cannot disagree about a model.

    ``whole_tree`` False (some files, or one model) reports no unused lock entries or waivers,
    and checks only the copies of the models referenced.
    """
    day = today or drift.today()
    view = None
    if root is not None:
        view = lock.view(root, references, records, enforce=locked, whole_tree=whole_tree)
        entries = dict(view.entries)
        if not whole_tree and entries:  # only the referenced models' copies are checked
            wanted = {ref.key for ref in references}
            entries = {k: e for k, e in entries.items() if k in wanted}
        view = replace(view, copies=check_copies(root, entries))
    evaluation = evaluate(ruleset, references, records, lock=view, today=day)
    outcome = apply_policy(
        evaluation,
        references,
        ruleset,
        policy,
        today=day,
        root=root,
        whole_tree=whole_tree,
        ordered=True,  # evaluate's findings
    )
    return Judged(view, evaluation, outcome)


def store_excludes(root: Path, store: Path | None) -> tuple[str, ...]:
    """A glob skipping ``licheck preserve``'s store when it lies inside the scanned tree: the
    cards and configs kept there name models the project does not load."""
    return _inside(root, store, "/**") if store is not None else ()


def rules_excludes(root: Path, rules: Sequence[Path]) -> tuple[str, ...]:
    """Globs skipping the rules folders (and files) inside the scanned tree: rule data is
    policy, and the models its vendor and alternative entries name are not dependencies."""
    return tuple(g for path in rules for g in _inside(root, path, "" if path.is_file() else "/**"))


def _inside(root: Path, path: Path, suffix: str) -> tuple[str, ...]:
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return ()
    return (f"{rel}{suffix}",) if rel not in ("", ".") else ()


def find_references(
    root: Path, paths: Sequence[Path] | None, config: Config, hub: HubSettings
) -> tuple[ScanResult, tuple[Reference, ...], tuple[Unconfirmed, ...]]:
    """Scan ``paths`` (or the whole ``root``) and confirm its candidates on the Hub: the scan,
    the references, and the candidates left unconfirmed."""
    result = scan(
        root,
        paths,
        exclude=(
            *config.exclude,
            *store_excludes(root, config.preserve_dir),
            *rules_excludes(root, config.rules),
        ),
        include=config.include,
        max_file_size=config.max_file_size,
        include_docs=config.include_docs,
        cache_dir=scan_cache_dir(hub),
    )
    log.info(
        "scan: %d files parsed, %d from the scan cache", result.files_parsed, result.files_cached
    )
    result = without_bundles(root, result)  # a facts bundle's ids are answers, not dependencies
    references, unconfirmed = confirm_candidates(result, config, hub)
    return result, references, unconfirmed


def scan_cache_dir(hub: HubSettings) -> Path | None:
    """Where the scan keeps its per-file results: the Hub cache's folder (None: --no-cache)."""
    if not hub.use_cache:
        return None
    if hub.cache_dir is not None:
        return hub.cache_dir
    from licheck.hub.cache import default_cache_dir

    return default_cache_dir()


def check_copies(
    root: Path, entries: Mapping[ModelKey, lock.LockEntry]
) -> dict[ModelKey, CopyCheck]:
    """The cheap check of every preserved copy licheck.lock records, with a warning for each
    copy that no longer verifies and one per store that cannot be reached from here."""
    if not entries:
        return {}  # no lock: the preserve machinery need not even load
    from licheck.preserve.check import check_copies as check_preserved

    copies = check_preserved(root, entries)
    unreachable: dict[str, int] = {}
    for key, copy in sorted(copies.items()):
        if copy.state == "broken":
            log.warning(
                "%s: the preserved copy at %s no longer verifies: %s; run `licheck preserve` "
                "to repair it (`licheck preserve --verify` re-hashes the whole store)",
                key.model,
                copy.where,
                copy.reason,
            )
        elif copy.state == "unreachable":
            store = entries[key].preserved_store or "?"
            unreachable[store] = unreachable.get(store, 0) + 1
    for store, count in sorted(unreachable.items()):
        log.warning(
            "the preserve store %s named in licheck.lock is not reachable here; "
            "%d preserved copies not checked (they count as not preserved)",
            store,
            count,
        )
    return copies


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


@dataclass(frozen=True)
class Preserved:
    """What a ``licheck preserve`` run did: an outcome per model, the references it could not
    keep (not Hub models), and what licheck.lock learned (None: the project has no lock)."""

    outcomes: tuple[Outcome, ...]
    others: tuple[NotATarget, ...]
    recorded: Recorded | None


def preserve_project(
    root: Path, specs: Sequence[str], config: Config, hub: HubSettings, options: Options
) -> Preserved:
    """Preserve the models named by ``specs`` (else every Hub model the project references) at
    the commit licheck.lock, a pin or the Hub names, then record the copies in the lock."""
    from licheck.preserve import targets
    from licheck.preserve.record import record_in_lock, store_label
    from licheck.preserve.run import preserve as preserve_targets

    lock_path = root / lock.LOCK_NAME
    entries = lock.read(lock_path) if lock_path.is_file() else {}
    ruleset = ruleset_for(config)  # a broken rule file fails before the network
    others: list[NotATarget] = []
    if specs:
        chosen = targets.from_specs(specs, entries)
    else:
        scanning = config.with_overrides(preserve_dir=options.dest)  # never scan the store
        _, references, _ = find_references(root, None, scanning, hub)
        chosen, others = targets.from_references(references, entries)

    def classify(facts: LicenseFacts) -> tuple[str | None, str | None]:
        info = ruleset.taxonomy.classify(facts.license, facts.license_name, facts.license_link)
        return info.spdx, info.category

    outcomes = preserve_targets(chosen, options, hub.connection(), classify)
    recorded = record_in_lock(root, outcomes, store_label(root, options.dest))
    return Preserved(tuple(outcomes), tuple(others), recorded)
