"""Gather everything ``licheck explain`` shows about one model.

Resolves the model with its provenance (online, or from the cache with ``offline``), judges a
synthetic reference (path ``<explain>``) through the scan's own pipeline step
(``licheck.pipeline.judge``: rules, the project's licheck.lock and policy) and keeps the facts
the rules saw: chain, effective license, history, head, LICENSE file, family, publishers,
findings and waived findings. Rendering is ``text`` / ``data``'s job; this module prints nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from licheck.errors import ConfigError
from licheck.pipeline import judge
from licheck.policy.parse import ProjectPolicy
from licheck.records import (
    Finding,
    HistoryEntry,
    LicenseInfo,
    ModelKey,
    ModelRecord,
    Reference,
    Source,
    Waived,
)
from licheck.rules import RuleSet, build_context, knowledge
from licheck.rules.alternatives import Alternative
from licheck.rules.context import Context
from licheck.scan.ids import is_valid_part, ollama_ref
from licheck.scan.legacy import LEGACY_IDS

EXPLAIN_PATH = "<explain>"
_URL_PREFIXES = ("https://huggingface.co/", "http://huggingface.co/", "https://hf.co/", "hf.co/")
_REV_MARKERS = frozenset({"tree", "blob", "resolve", "commit"})


@dataclass(frozen=True)
class Explanation:
    """One model's facts as the rules saw them, plus the findings they produced."""

    reference: Reference
    context: Context
    history: tuple[tuple[HistoryEntry, LicenseInfo], ...] | None
    findings: tuple[Finding, ...]
    alternatives: tuple[Alternative, ...]
    offline: bool
    # Findings a waiver of the project's policy accepted, as ``licheck scan`` reports them.
    waived: tuple[Waived, ...] = ()

    @property
    def record(self) -> ModelRecord:
        """The record of the model at the revision asked."""
        return self.context.record


def parse_target(text: str, revision: str | None) -> ModelKey:
    """The model key for a command-line argument: a Hub id or URL, or an Ollama name.

    The scan's placeholder filters do not apply: a model named on the command line is meant.
    """
    value = text.strip()
    source = Source.HF
    for prefix in _URL_PREFIXES:
        if value.startswith(prefix):
            segments = [s for s in value[len(prefix) :].split("?")[0].split("/") if s]
            if len(segments) >= 4 and segments[2] in _REV_MARKERS and revision is None:
                revision = segments[3]
            value, source = "/".join(segments[:2]), Source.URL
            break
    parts = value.split("/")
    if len(parts) == 2 and all(is_valid_part(part) for part in parts):
        return ModelKey(value, source, revision)
    if value in LEGACY_IDS:
        return ModelKey(value, source, revision)
    candidate = ollama_ref(value) if source is Source.HF else None
    if candidate is not None:
        return ModelKey(candidate.model, candidate.source, revision)
    raise ConfigError(f"{text!r} is neither a Hub model id, a Hub URL nor an Ollama name")


def explain(
    key: ModelKey,
    ruleset: RuleSet,
    records: dict[ModelKey, ModelRecord],
    *,
    offline: bool = False,
    today: dt.date | None = None,
    policy: ProjectPolicy | None = None,
    root: Path | None = None,
) -> Explanation:
    """Judge ``key`` over ``records`` (resolved with provenance) as ``licheck scan`` would: the
    same pipeline step, with the project's ``policy`` and, when ``root`` is given, its
    licheck.lock."""
    ref = Reference(EXPLAIN_PATH, 0, 0, key.model, key.source, key.revision, "explain")
    judged = judge(
        root,
        [ref],
        records,
        ruleset,
        policy or ProjectPolicy(),
        locked=False,
        whole_tree=False,
        today=today,
    )
    ctx = build_context(knowledge(ruleset, records, today=today, lock=judged.lock), ref)
    history_facts = ctx.record.history
    head = ctx.head.head if ctx.head is not None else None
    if head is not None and head.history is not None:
        history_facts = head.history
    history = None
    if history_facts is not None:
        classify = ruleset.taxonomy.classify
        history = tuple((e, classify(e.license, e.license_name)) for e in history_facts)
    slugs = tuple(p.vendor.slug for p in ctx.publishers if p.vendor.drifting)
    return Explanation(
        reference=ref,
        context=ctx,
        history=history,
        findings=judged.policy.findings,
        alternatives=ruleset.vendors.alternatives_for(slugs),
        offline=offline,
        waived=judged.policy.waived,
    )
