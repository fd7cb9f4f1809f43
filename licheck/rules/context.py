"""What the rules see about one reference, and the facts a finding can quote.

``Context`` bundles a reference with its record, its classified license and its vendor, plus the
provenance facts derived from the other records (effective license, history, head, family,
LICENSE file, publishers; see ``gather``). ``FIELDS`` lists every name a rule's ``message`` /
``advice`` template may use; the loader checks templates against it. This module only reads the
context; it decides nothing about findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from licheck.lock import CopyCheck, LockEntry
from licheck.records import EffectiveLicense, LicenseInfo, ModelRecord, Reference, Status
from licheck.rules.provenance import details as provenance_details
from licheck.rules.provenance import fields as provenance_fields
from licheck.rules.provenance.changes import FileReading, HeadDrift, LicenseChange, Sibling
from licheck.rules.vendors import Vendor, Vendors

if TYPE_CHECKING:
    from licheck.rules.drift import Publisher
    from licheck.rules.provenance.load import ProvenancePolicy
    from licheck.rules.taxonomy import Taxonomy

FIELDS: dict[str, str] = {
    "model": "the model id (or Ollama tag) as written",
    "source": "hf, url, ollama or local",
    "path": "file of the reference, relative to the scan root",
    "line": "1-based line of the reference",
    "context": "the construct that named the model (python:from_pretrained, ...)",
    "revision": "the revision as written, or 'none'",
    "pin": "commit, short-commit, branch, pr or none",
    "status": "ok, unavailable, unverified or not-resolved",
    "reason": "why the model could not be resolved",
    "sha": "the commit the Hub resolved, or 'unknown'",
    "license": "the most specific license label (license_name for 'other')",
    "license_id": "the card's license: value",
    "license_name": "the card's license_name value",
    "license_title": "the license's full title from the taxonomy",
    "license_note": "what makes the license restrictive (may be empty)",
    "spdx": "the SPDX id or LicenseRef",
    "category": "the license category from the taxonomy",
    "gated": "manual, auto, no or unknown",
    "vendor": "the publisher's display name",
    "vendor_slug": "the publisher's key in vendors.toml",
    "event_date": "date of the publisher's latest open-to-closed event",
    "event_kind": "kind of that event",
    "event_summary": "what happened in that event",
    "event_models": "the models that event concerns",
    "event_source": "where that event is documented",
    "event_confidence": "verified, secondary or unverified",
    "facts_source": "the facts bundle that answered instead of the Hub, or 'the Hub'",
    "recorded_at": "when that bundle's answer was fetched (ISO-8601 UTC), or 'now'",
    "lock_path": "the lock file, relative to the scan root",
    "lock_sha": "the commit recorded in licheck.lock, or 'unknown'",
    "lock_license": "the license recorded in licheck.lock, or 'unknown'",
    "lock_checked": "when the lock entry was written",
    **provenance_fields.FIELDS,
}


def place_fields(ref: Reference) -> dict[str, str]:
    """The template fields of where ``ref`` is written (``PLACE_FIELDS``)."""
    return {"path": ref.path, "line": str(ref.line), "context": ref.context or "unknown"}


PLACE_FIELDS = frozenset({"path", "line", "context"})
EVENT_FIELDS = frozenset(
    {
        "event_date",
        "event_kind",
        "event_summary",
        "event_models",
        "event_source",
        "event_confidence",
    }
)


@dataclass(frozen=True)
class Context:
    """Everything predicates may look at for one reference.

    ``license`` is set only for records the Hub resolved (status ok); ``license_note`` is the
    taxonomy's note on that license.
    """

    reference: Reference
    record: ModelRecord
    license: LicenseInfo | None = None
    license_note: str | None = None
    vendor: Vendor | None = None
    # Provenance facts; None means "not looked up", never "nothing there".
    effective: EffectiveLicense | None = None
    changes: tuple[LicenseChange, ...] | None = None
    head: HeadDrift | None = None
    family: tuple[Sibling, ...] | None = None
    license_file: FileReading | None = None
    publishers: tuple[Publisher, ...] = ()
    locked: bool | None = None  # in licheck.lock; None: unknown (counts as not locked)
    lock_states: tuple[str, ...] = ()  # licheck.lock states (lock.LOCK_STATES); () not checked
    lock_entry: LockEntry | None = None
    copy: CopyCheck | None = None  # the preserved copy licheck.lock records, as checked now
    provenance: ProvenancePolicy | None = None
    taxonomy: Taxonomy | None = None
    vendors_file: Vendors | None = None
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def status(self) -> Status:
        """The resolution status of the reference's model."""
        return self.record.status

    @property
    def gate_mode(self) -> str | None:
        """``manual`` or ``auto`` for gated models, None when open or unknown.

        A bare ``True`` (mode not reported) counts as manual: the stricter assumption.
        """
        gated = self.record.gated
        if gated is None or gated is False:
            return None
        return "auto" if gated == "auto" else "manual"

    def fields(self) -> dict[str, str]:
        """Values for every name in ``FIELDS``, as text for the message templates."""
        return self.model_fields() | self.reference_fields()

    def model_fields(self) -> dict[str, str]:
        """The fields that depend only on the model as written (id, source, revision): the same
        for every reference to it, so a run may compute them once per model."""
        return provenance_fields.fields(self) | self.record_fields() | self.event_fields()

    def record_fields(self) -> dict[str, str]:
        """The model's fields read from its record, license and vendor (cheap to make)."""
        rec, lic = self.record, self.license
        gated = self.gate_mode or ("no" if rec.gated is False else "unknown")
        return {
            "status": rec.status.value,
            "reason": rec.reason or "no reason given",
            "sha": rec.sha or "unknown",
            "facts_source": rec.facts_source or "the Hub",
            "recorded_at": rec.recorded_at or "now",
            "license": lic.label if lic else "unknown",
            "license_id": (lic.id if lic else None) or "none",
            "license_name": (lic.name if lic else None) or "none",
            "license_title": (lic.title if lic else None) or "an unrecognised license",
            "license_note": self.license_note or "",
            "spdx": (lic.spdx if lic else None) or "NOASSERTION",
            "category": lic.category if lic else "unknown",
            "gated": gated,
            "vendor": self.vendor.name if self.vendor else "unknown",
            "vendor_slug": self.vendor.slug if self.vendor else "",
        }

    def event_fields(self) -> dict[str, str]:
        """The fields of the latest closing event of the model's publishers (``EVENT_FIELDS``)."""
        event = provenance_fields.latest_event(self)
        return {
            "event_date": str(event.date) if event else "",
            "event_kind": event.kind if event else "",
            "event_summary": event.summary if event else "",
            "event_models": ", ".join(event.models) if event else "",
            "event_source": event.source if event else "",
            "event_confidence": event.confidence if event else "",
        }

    def reference_fields(self) -> dict[str, str]:
        """The fields of this one reference: where it is, how it is pinned, its lock entry."""
        ref = self.reference
        return {
            "model": ref.model,
            "source": ref.source.value,
            **place_fields(ref),
            "revision": ref.revision or "none",
            "pin": ref.pin.value,
            **self._lock_fields(),
        }

    def _lock_facts(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lock": list(self.lock_states)}
        entry, rec = self.lock_entry, self.record
        if entry is not None:
            out["locked"] = {
                "sha": entry.sha,
                "license": entry.license,
                "license_name": entry.license_name,
                "card_hash": entry.card_hash,
                "license_file_hash": entry.license_file_hash,
                "checked": entry.checked,
            }
        if entry is not None and rec.status is Status.OK:
            out["now"] = {"sha": rec.sha, "license": rec.license, "license_name": rec.license_name}
        return out

    def _lock_fields(self) -> dict[str, str]:
        entry = self.lock_entry
        label = None
        if entry is not None:
            label = entry.license_name if entry.license == "other" else entry.license
        return {
            "lock_path": "licheck.lock",
            "lock_sha": (entry.sha if entry else None) or "unknown",
            "lock_license": label or "unknown",
            "lock_checked": entry.checked if entry else "never",
        }

    def facts(self, topics: Iterable[str]) -> dict[str, Any]:
        """JSON-ready facts for a finding's ``details``, limited to the given topics.

        Topics are the ones predicates declare (status, license, gated, pin, source, vendor, and
        the provenance topics of ``provenance.details.TOPICS``); the model and source are always
        included.
        """
        ref, rec, lic = self.reference, self.record, self.license
        out: dict[str, Any] = {"model": ref.model, "source": ref.source.value}
        for topic in topics:
            if topic == "status":
                out |= {"status": rec.status.value, "reason": rec.reason}
            elif topic == "license" and lic is not None:
                out |= {
                    "license": lic.label,
                    "license_id": lic.id,
                    "license_name": lic.name,
                    "license_link": lic.link,
                    "spdx": lic.spdx,
                    "category": lic.category,
                    "note": self.license_note,
                }
            elif topic == "gated":
                out["gated"] = rec.gated
            elif topic == "pin":
                out |= {"pin": ref.pin.value, "revision": ref.revision}
            elif topic == "vendor" and self.vendor is not None:
                out["vendor"] = self.vendor.slug
                out["vendor_name"] = self.vendor.name
                # Newest first: the event a reader should see first.
                out["vendor_events"] = [e.to_dict() for e in reversed(self.vendor.closing_events)]
            elif topic == "lock":
                out |= self._lock_facts()
            elif topic in provenance_details.TOPICS:
                out |= provenance_details.facts(self, topic)
        return {k: v for k, v in out.items() if v is not None}
