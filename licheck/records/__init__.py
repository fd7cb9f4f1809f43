"""The frozen records every pipeline stage passes to the next.

scan -> ``Reference`` / ``Skipped`` (``references``); hub -> ``ModelRecord`` (``resolved``);
rules -> ``LicenseInfo`` / ``EffectiveLicense`` (``licenses``) and ``Finding`` (``report``);
report reads them all through ``Report``. Nothing here does I/O; the stages depend on this
package, never the other way round. Import the names from ``licheck.records``.
"""

from licheck.records.licenses import (
    LICENSE_SEPARATOR,
    ChainStep,
    EffectiveLicense,
    LicenseInfo,
    join_licenses,
    split_licenses,
)
from licheck.records.references import (
    ModelKey,
    PinKind,
    Reference,
    ScanResult,
    Skipped,
    Source,
    Unconfirmed,
    Use,
    canonical_revision,
    classify_revision,
)
from licheck.records.report import Finding, Report, RuleInfo, Severity, Waived
from licheck.records.resolved import (
    BaseModel,
    FamilyMember,
    HistoryEntry,
    LicenseFile,
    ModelRecord,
    Status,
)

__all__ = [
    "LICENSE_SEPARATOR",
    "BaseModel",
    "ChainStep",
    "EffectiveLicense",
    "FamilyMember",
    "Finding",
    "HistoryEntry",
    "LicenseFile",
    "LicenseInfo",
    "ModelKey",
    "ModelRecord",
    "PinKind",
    "Reference",
    "Report",
    "RuleInfo",
    "ScanResult",
    "Severity",
    "Skipped",
    "Source",
    "Status",
    "Unconfirmed",
    "Use",
    "Waived",
    "canonical_revision",
    "classify_revision",
    "join_licenses",
    "split_licenses",
]
