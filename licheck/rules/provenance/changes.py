"""License movement and disagreement around one model: changes in its repo's history, a pinned
revision whose license differs from the head's, siblings whose licenses split the family, and a
LICENSE file that names another license than the card.

Pure functions over records already resolved; licenses are classified with the taxonomy. A fact
the Hub side did not look up stays None here, so no rule can read it as "nothing to report".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from licheck.records import FamilyMember, HistoryEntry, LicenseFile, LicenseInfo, ModelRecord
from licheck.rules.taxonomy import UNKNOWN, LicenseEntry, Taxonomy

Classify = Callable[[str | None, str | None], LicenseInfo]


def direction(taxonomy: Taxonomy, before: LicenseInfo, after: LicenseInfo) -> str:
    """``stricter``, ``looser`` or ``lateral``: how ``after`` compares with ``before``."""
    old, new = taxonomy.rank(before.category), taxonomy.rank(after.category)
    return "stricter" if new > old else "looser" if new < old else "lateral"


def same_license(a: LicenseInfo, b: LicenseInfo) -> bool:
    """Whether two classified licenses are the same license (case and spacing aside)."""
    if a.spdx and b.spdx:
        return a.spdx.lower() == b.spdx.lower()
    return (a.label.strip().lower(), a.category) == (b.label.strip().lower(), b.category)


@dataclass(frozen=True)
class LicenseChange:
    """One change in a repo's declared license, between two commits of its history."""

    before: LicenseInfo
    after: LicenseInfo
    before_date: str
    after_date: str
    after_commit: str
    direction: str

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form for finding details."""
        return {
            "from": self.before.label,
            "from_category": self.before.category,
            "from_date": self.before_date[:10],
            "to": self.after.label,
            "to_category": self.after.category,
            "date": self.after_date[:10],
            "commit": self.after_commit,
            "direction": self.direction,
        }


def history_changes(
    history: Sequence[HistoryEntry], classify: Classify, taxonomy: Taxonomy
) -> tuple[LicenseChange, ...]:
    """Every license change in a history given newest first; the result is newest first too."""
    classified = [(e, classify(e.license, e.license_name)) for e in history]
    changes: list[LicenseChange] = []
    for (new, new_info), (old, old_info) in pairwise(classified):
        if not same_license(old_info, new_info):
            changes.append(
                LicenseChange(
                    old_info,
                    new_info,
                    old.date,
                    new.date,
                    new.commit,
                    direction(taxonomy, old_info, new_info),
                )
            )
    return tuple(changes)


@dataclass(frozen=True)
class HeadDrift:
    """A pinned revision whose license differs from the default branch's."""

    head: ModelRecord
    license: LicenseInfo
    since: str | None  # the date main first carried its current license, when history says
    since_commit: str | None
    direction: str


def head_drift(
    pinned: LicenseInfo,
    head: ModelRecord,
    head_license: LicenseInfo,
    history: Sequence[HistoryEntry] | None,
    classify: Classify,
    taxonomy: Taxonomy,
) -> HeadDrift | None:
    """How the head differs from a pinned revision's license; None when they agree."""
    if same_license(pinned, head_license):
        return None
    since = since_commit = None
    for entry in history or ():
        if not same_license(classify(entry.license, entry.license_name), head_license):
            break
        since, since_commit = entry.date, entry.commit
    return HeadDrift(
        head, head_license, since, since_commit, direction(taxonomy, pinned, head_license)
    )


@dataclass(frozen=True)
class Sibling:
    """A family member with its classified license; ``split`` when its category splits it."""

    model: str
    license: LicenseInfo
    split: bool


def siblings(
    model: str, family: Sequence[FamilyMember], classify: Classify, split: Sequence[str]
) -> tuple[Sibling, ...]:
    """The family without ``model`` itself, each marked when its category is in ``split``."""
    out: list[Sibling] = []
    seen = {model.strip().lower()}
    for member in family:
        name = member.model.strip().lower()
        if name in seen:
            continue
        seen.add(name)
        info = classify(member.license, member.license_name)
        out.append(Sibling(member.model, info, info.category in split))
    return tuple(out)


@dataclass(frozen=True)
class FileReading:
    """What a repo's LICENSE file says, read by the taxonomy's text markers."""

    path: str
    sha256: str
    license: LicenseInfo | None  # None: no marker set, or several, matched
    matches: tuple[str, ...]
    contradicts: str | None  # stricter / looser / lateral when it names another license


def read_license_file(
    file: LicenseFile, declared: Sequence[LicenseEntry | None], taxonomy: Taxonomy
) -> FileReading:
    """Classify a LICENSE head and compare it with the card's recognised license entries.

    ``declared`` holds one entry per license the card lists (None: not recognised). The file
    contradicts the card when it names none of them, and is then compared with the strictest;
    with any of them unrecognised there is nothing sure to compare with.
    """
    matches = taxonomy.text_matches(file.head)
    entry = matches[0] if len(matches) == 1 else None
    contradicts = None
    known = [d for d in declared if d is not None and d.category != UNKNOWN]
    if (
        entry is not None
        and known
        and len(known) == len(declared)
        and entry.spdx.lower() not in {d.spdx.lower() for d in known}
    ):
        strictest = max(known, key=lambda d: taxonomy.rank(d.category))
        contradicts = direction(taxonomy, strictest.info(), entry.info())
    info = entry.info() if entry is not None else None
    return FileReading(file.path, file.sha256, info, tuple(m.key for m in matches), contradicts)
