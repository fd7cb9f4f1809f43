"""Build the ``Context`` of one reference from every record of the run.

``Knowledge`` is what ``evaluate`` derives once per run (classified licenses, the record index,
effective licenses, the day, lock status); ``build_context`` adds, per reference, its record
(unverified when missing), vendor, history changes, head, family, LICENSE file and publishers.
A Hub reference without a record counts as unverified, never as fine. No I/O here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from licheck.lock import LockView
from licheck.records import (
    EffectiveLicense,
    LicenseInfo,
    ModelKey,
    ModelRecord,
    Reference,
    Status,
)
from licheck.rules import drift
from licheck.rules.context import Context
from licheck.rules.provenance.chain import RecordIndex
from licheck.rules.provenance.changes import (
    FileReading,
    HeadDrift,
    LicenseChange,
    Sibling,
    head_drift,
    history_changes,
    read_license_file,
    siblings,
)
from licheck.rules.ruleset import RuleSet

LockLookup = Callable[[Reference], bool | None]


@dataclass(frozen=True)
class Knowledge:
    """What every reference's context is built from."""

    ruleset: RuleSet
    records: Mapping[ModelKey, ModelRecord]
    licenses: Mapping[ModelKey, LicenseInfo]
    index: RecordIndex
    effective: Mapping[ModelKey, EffectiveLicense]
    today: dt.date
    locked: LockLookup | None = None
    lock: LockView | None = None

    def classify(self, license_id: str | None, license_name: str | None) -> LicenseInfo:
        """A license as the taxonomy classifies it."""
        return self.ruleset.taxonomy.classify(license_id, license_name)


def _record(ref: Reference, records: Mapping[ModelKey, ModelRecord]) -> ModelRecord:
    record = records.get(ref.key)
    if ref.source.on_hub:
        if record is None:
            return ModelRecord(
                ref.model, ref.source, ref.revision, Status.UNVERIFIED, reason="not looked up"
            )
        if record.status is Status.NOT_RESOLVED:
            # A Hub model nobody asked the Hub about is unverified, whatever the caller says.
            return replace(
                record, status=Status.UNVERIFIED, reason=record.reason or "not looked up"
            )
        return record
    if record is None:
        reason = f"{ref.source.value} references are not looked up on the Hub"
        return ModelRecord(ref.model, ref.source, ref.revision, Status.NOT_RESOLVED, reason=reason)
    return record


def _head(know: Knowledge, ref: Reference, record: ModelRecord) -> ModelRecord | None:
    """The default-branch record when the reference names another revision."""
    if ref.revision is None:
        return None
    head = know.index.head(ref.key)
    if head is None or head is record or head.status is not Status.OK:
        return None
    if head.sha and record.sha and head.sha == record.sha:
        return None
    return head


def build_context(know: Knowledge, ref: Reference) -> Context:
    """Everything the rules may look at for ``ref``."""
    ruleset = know.ruleset
    record = _record(ref, know.records)
    locked = know.locked(ref) if know.locked is not None else None
    lock_states: tuple[str, ...] = ()
    lock_entry = None
    copy = None
    if know.lock is not None:
        locked = know.lock.locked(ref)
        lock_states = know.lock.states(ref)
        lock_entry = know.lock.entry(ref)
        copy = know.lock.copy(ref)
    facts = _Facts()
    if record.status is Status.OK and ref.source.on_hub:
        facts = _facts(know, ref, record)
    # Made once with every fact: a run builds a context per model, and dataclasses.replace on
    # one this size costs as much as making it.
    return Context(
        ref,
        record,
        license=facts.license,
        license_note=facts.license_note,
        vendor=ruleset.vendors.for_model(ref.model, ref.source),
        effective=facts.effective,
        changes=facts.changes,
        head=facts.head,
        family=facts.family,
        license_file=facts.license_file,
        publishers=drift.publishers(ref, facts.effective, ruleset.vendors),
        locked=locked,
        lock_states=lock_states,
        lock_entry=lock_entry,
        copy=copy,
        provenance=ruleset.provenance,
        taxonomy=ruleset.taxonomy,
        vendors_file=ruleset.vendors,
        today=know.today,
    )


@dataclass(frozen=True)
class _Facts:
    """What a resolved Hub record adds to its context (nothing for any other record)."""

    license: LicenseInfo | None = None
    license_note: str | None = None
    effective: EffectiveLicense | None = None
    changes: tuple[LicenseChange, ...] | None = None
    head: HeadDrift | None = None
    family: tuple[Sibling, ...] | None = None
    license_file: FileReading | None = None


def _facts(know: Knowledge, ref: Reference, record: ModelRecord) -> _Facts:
    ruleset = know.ruleset
    info = know.licenses.get(ref.key) or know.classify(record.license, record.license_name)
    entry = ruleset.taxonomy.resolve(record.license, record.license_name)
    head = _head(know, ref, record)
    history = head.history if head is not None and head.history is not None else record.history
    changes = None
    if history is not None:
        changes = history_changes(history, know.classify, ruleset.taxonomy)
    moved: HeadDrift | None = None
    if head is not None:
        head_info = know.licenses.get(head.key) or know.classify(head.license, head.license_name)
        moved = head_drift(info, head, head_info, history, know.classify, ruleset.taxonomy)
    family_facts = record.family if record.family is not None else (head.family if head else None)
    family = None
    if family_facts is not None:
        family = siblings(
            ref.model, family_facts, know.classify, ruleset.provenance.split_categories
        )
    license_file = None
    if record.license_file is not None:
        declared = ruleset.taxonomy.resolve_each(record.license, record.license_name)
        license_file = read_license_file(record.license_file, declared, ruleset.taxonomy)
    return _Facts(
        info,
        entry.note if entry else None,
        know.effective.get(ref.key),
        changes,
        moved,
        family,
        license_file,
    )
