"""Turn a branch's commits and the card read at each of them into a license history.

Pure: the commits and records come from ``deep.py``. The strategy it serves: list the newest
``history_limit`` commits of the default branch (one paginated call, stopped early), read the
card at each commit through ``model_info`` (works for gated repos, whose files are refused; every
answer at a 40-hex sha is cached forever, so a moved branch costs only its new commits), then
keep the commits where the declared license changed. Also the JSON form the cache stores.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from licheck.hub.facts import Commit
from licheck.records import FamilyMember, HistoryEntry, LicenseFile, ModelRecord


def _declared(record: ModelRecord) -> tuple[str | None, str | None]:
    # license_link alone moves often (blob/main -> a vendor URL) without a change of terms.
    return record.license, record.license_name


def build_history(commits: list[Commit], cards: dict[str, ModelRecord]) -> tuple[HistoryEntry, ...]:
    """Entries newest first: the head, each commit that set a new license, the oldest inspected.

    ``commits`` are newest first and every one has a card in ``cards``. A change lies between
    two consecutive entries whose licenses differ; the newer of the two is the commit that made
    it, so its date is the date of the change. Consecutive entries may share a license (the head
    and the commit that set its license, or the oldest commit and the next change).
    """
    entries: list[HistoryEntry] = []
    for index, commit in enumerate(commits):
        record = cards[commit.sha]
        older = cards[commits[index + 1].sha] if index + 1 < len(commits) else None
        if index == 0 or older is None or _declared(record) != _declared(older):
            entries.append(
                HistoryEntry(
                    date=commit.date or record.last_modified or "",
                    commit=commit.sha,
                    license=record.license,
                    license_name=record.license_name,
                    license_link=record.license_link,
                )
            )
    return tuple(entries)


def history_to_json(entries: tuple[HistoryEntry, ...]) -> list[dict[str, Any]]:
    """The cache form of a history."""
    return [asdict(e) for e in entries]


def history_from_json(data: Any) -> tuple[HistoryEntry, ...]:
    """A history read back from the cache (raises TypeError/KeyError when malformed)."""
    return tuple(HistoryEntry(**item) for item in data)


def family_to_json(members: tuple[FamilyMember, ...]) -> list[dict[str, Any]]:
    """The cache form of a family listing."""
    return [asdict(m) for m in members]


def family_from_json(data: Any) -> tuple[FamilyMember, ...]:
    """A family listing read back from the cache."""
    return tuple(FamilyMember(**item) for item in data)


def license_file_from_json(data: Any) -> LicenseFile | str:
    """A cached LICENSE file, or the note cached in its place."""
    if "note" in data:
        return str(data["note"])
    return LicenseFile(**data)
