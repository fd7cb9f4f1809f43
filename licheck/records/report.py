"""Records of the verdict: ``Severity``, ``Finding``, ``Waived``, ``RuleInfo`` and the
``Report`` the formats receive (every stage's records of one run). Frozen and free of I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from licheck.records.licenses import EffectiveLicense, LicenseInfo
from licheck.records.references import ModelKey, Reference, Skipped, Unconfirmed
from licheck.records.resolved import ModelRecord


class Severity(str, Enum):
    """Finding severities, ordered from least to most severe."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """0 for info up to 4 for critical."""
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


# A dict, not list.index: ranks are compared for every finding a report sorts or filters.
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}


@dataclass(frozen=True)
class Finding:
    """One rule firing on one reference.

    ``fingerprint`` is stable across line moves: it hashes rule, model and path plus the text of
    the reference, not its line number (``licheck.rules.findings`` builds every finding).
    """

    rule: str
    name: str
    category: str
    severity: Severity
    model: str
    message: str
    advice: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    fingerprint: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Waived:
    """A finding an ``accept`` waiver of ``[tool.licheck]`` covers: reported apart, never counted.

    ``waiver`` is the waiver's model pattern (an id or a glob), ``rules`` what it names (ids,
    names or categories), ``expires`` its last day as an ISO date (None: no end).
    """

    finding: Finding
    reason: str
    waiver: str
    rules: tuple[str, ...] = ()
    expires: str | None = None


@dataclass(frozen=True)
class RuleInfo:
    """What a report format needs to describe a rule (SARIF rules, Markdown legends)."""

    id: str
    name: str
    severity: Severity
    category: str
    summary: str
    help: str
    help_uri: str | None = None


@dataclass(frozen=True)
class Report:
    """The whole result of one run, as the report formats receive it."""

    root: str
    references: tuple[Reference, ...]
    models: tuple[ModelRecord, ...]
    licenses: dict[ModelKey, LicenseInfo]
    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    files_scanned: int
    offline: bool = False
    rules: tuple[RuleInfo, ...] = ()
    # Every record resolved, including base models up the chain that no reference names.
    records: dict[ModelKey, ModelRecord] = field(default_factory=dict)
    # The rules stage's view of each record's provenance (Evaluation.effective).
    effective: dict[ModelKey, EffectiveLicense] = field(default_factory=dict)
    # Every (license, license_name) pair seen in records, history and family entries, classified
    # (Evaluation.license_index), so formats can show past and sibling licenses.
    license_index: dict[tuple[str | None, str | None], LicenseInfo] = field(default_factory=dict)
    # Findings an active waiver accepted (project policy): kept so nothing is silently lost, but
    # not in ``findings``, so they neither count nor fail the run.
    waived: tuple[Waived, ...] = ()
    # Candidates not confirmed as models: listed apart, never in ``references``.
    candidates: tuple[Unconfirmed, ...] = ()

    def license_of(self, record: ModelRecord) -> LicenseInfo | None:
        """The classified license of a resolved record, if any."""
        return self.licenses.get(record.key)
