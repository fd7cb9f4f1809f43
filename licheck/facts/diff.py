"""``licheck facts diff``: what changed upstream between two recordings of a project's facts.

Compares the lookups both bundles hold (a key only one of them asked about is not a change):
license and license text, gating, availability (deleted, private, disabled), visibility, new or
dropped base-model links, and a branch that moved to another commit. Then it judges every lookup
of the old bundle twice, once from each bundle alone, through the scan's own pipeline step
(``licheck.pipeline.judge``), and marks the models where some rule's finding appeared or got
more severe: that is what the exit code reports (a model moving back to Apache can raise one
too: the vendor-drift rule watches permissive models of drifting publishers). It prints
nothing; the CLI renders ``Diff``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from licheck.config import Config
from licheck.hub.bundled import FACTS, RECORDS, Bundled, Row
from licheck.records import (
    ModelKey,
    PinKind,
    Reference,
    Severity,
    Source,
    classify_revision,
)

DIFF_PATH = "<facts>"
Slot = tuple[str, str | None]


Worst = dict[tuple[str, str], Severity]  # (model, rule id) -> its most severe finding


@dataclass(frozen=True)
class Change:
    """One upstream change to a lookup: ``what`` changed from ``old`` to ``new``; ``raises``
    names the rules whose finding on the model appeared or got more severe (``RULE->level``)."""

    model: str
    revision: str | None
    what: str
    old: str
    new: str
    raises: tuple[str, ...] = ()


@dataclass(frozen=True)
class Diff:
    """Every change, and each (model, rule)'s worst severity before and after."""

    changes: tuple[Change, ...]
    before: Worst
    after: Worst

    @property
    def raised(self) -> bool:
        """Whether some change made a finding more severe (exit 1)."""
        return any(c.raises for c in self.changes)


def _records(rows: Iterable[Row]) -> dict[Slot, dict[str, Any]]:
    out: dict[Slot, dict[str, Any]] = {}
    for row in rows:
        if row.table == RECORDS:
            out.setdefault((row.first, row.second or None), json.loads(row.data))
    return out


def _license_texts(rows: Iterable[Row]) -> dict[str, str]:
    """LICENSE file hashes by ``model@sha:path`` (the cache's key for that fact)."""
    out: dict[str, str] = {}
    for row in rows:
        if row.table == FACTS and row.first == "license_file":
            value = json.loads(row.data)
            if isinstance(value, dict) and isinstance(value.get("sha256"), str):
                out[row.second] = value["sha256"]
    return out


def _label(record: dict[str, Any]) -> str:
    if record.get("status") != "ok":
        return f"{record.get('status')} ({record.get('reason') or 'no reason given'})"
    name = record.get("license_name")
    license_id = record.get("license") or "none"
    return f"{license_id} ({name})" if name else license_id


def _text_key(model: str, record: dict[str, Any]) -> str | None:
    paths = record.get("license_paths") or []
    sha = record.get("sha")
    return f"{model}@{sha}:{paths[0]}" if paths and sha else None


def _compare(
    slot: Slot, old: dict[str, Any], new: dict[str, Any], texts: tuple[dict[str, str], ...]
) -> list[Change]:
    model, revision = slot
    found: list[Change] = []

    def add(what: str, before: object, after: object) -> None:
        found.append(Change(model, revision, what, str(before), str(after)))

    if old.get("status") != new.get("status"):
        add("availability", _label(old), _label(new))
    elif old.get("status") == "ok":
        if _label(old) != _label(new) or old.get("license_link") != new.get("license_link"):
            add("license", _label(old), _label(new))
        if old.get("gated") != new.get("gated"):
            add("gating", old.get("gated"), new.get("gated"))
        if old.get("private") != new.get("private"):
            add("visibility", "private" if old.get("private") else "public", new.get("private"))
        before = {b[0] for b in old.get("base_models") or []}
        after = {b[0] for b in new.get("base_models") or []}
        for base in sorted(after - before):
            add("base-model", "none", f"new link to {base}")
        for base in sorted(before - after):
            add("base-model", f"link to {base}", "dropped")
        moving = classify_revision(revision) is not PinKind.COMMIT
        if moving and old.get("sha") and old.get("sha") != new.get("sha"):
            add("branch-moved", old.get("sha"), new.get("sha"))
        keys = (_text_key(model, old), _text_key(model, new))
        if keys[0] and keys[1]:
            hashes = (texts[0].get(keys[0]), texts[1].get(keys[1]))
            if hashes[0] and hashes[1] and hashes[0] != hashes[1]:
                add("license-text", f"sha256 {hashes[0][:12]}", f"sha256 {hashes[1][:12]}")
    return found


def _worst(rows: Sequence[Row], slots: Sequence[Slot], config: Config, today: dt.date) -> Worst:
    """Each (model, rule)'s worst finding when only ``rows`` answer (offline, no cache)."""
    from licheck.hub import HubSettings, resolve_provenance
    from licheck.pipeline import judge
    from licheck.rules import ruleset_for

    settings = HubSettings(
        offline=True,
        use_cache=False,
        facts=Bundled(rows, max_age_days=float("inf")),
        max_depth=config.chain_depth,
        history_limit=config.history_limit,
        family_limit=config.family_limit,
    )
    keys = [ModelKey(model, Source.HF, revision) for model, revision in slots]
    records = resolve_provenance(keys, settings)
    references = [Reference(DIFF_PATH, 0, 0, k.model, Source.HF, k.revision, "facts") for k in keys]
    ruleset = ruleset_for(config)
    judged = judge(
        None,
        references,
        records,
        ruleset,
        config.policy,
        locked=False,
        whole_tree=False,
        today=today,
    )
    worst: Worst = {}
    for finding in judged.policy.findings:
        key = (finding.model, finding.rule)
        if key not in worst or finding.severity > worst[key]:
            worst[key] = finding.severity
    return worst


def diff(
    old: Sequence[Row],
    new: Sequence[Row],
    config: Config,
    *,
    referenced: Sequence[Slot] = (),
    today: dt.date | None = None,
) -> Diff:
    """The changes from ``old`` to ``new``, each marked with the findings it raised; the
    findings are those of ``referenced`` (what the project names), else of every lookup."""
    day = today or dt.date.today()
    before, after = _records(old), _records(new)
    texts = (_license_texts(old), _license_texts(new))
    changes: list[Change] = []
    for slot in sorted(set(before) & set(after), key=lambda s: (s[0], s[1] or "")):
        changes.extend(_compare(slot, before[slot], after[slot], texts))
    slots = list(referenced) or sorted(before, key=lambda s: (s[0], s[1] or ""))
    worst_before = _worst(old, slots, config, day)
    worst_after = _worst(new, slots, config, day)

    def raises(model: str) -> tuple[str, ...]:
        return tuple(
            f"{rule}->{level.value}"
            for (name, rule), level in sorted(worst_after.items())
            if name == model
            and ((model, rule) not in worst_before or level > worst_before[(model, rule)])
        )

    marked = tuple(replace(c, raises=raises(c.model)) for c in changes)
    return Diff(marked, worst_before, worst_after)
