"""The deeper lookups of a provenance run: license history, family siblings, the LICENSE file.

Started for referenced models whose lookup succeeded, run in the ``Run``'s pool, cached in its
``HubCache`` (answers about a 40-hex commit forever, listings for the branch TTL). The license
history is read where it can change a verdict (``HubSettings.reads_history``: a pinned
reference, a drifting publisher, ``--deep``); elsewhere a note says it was not read. Families
are in ``families.py``, LICENSE files in ``license_text.py``. A failure is a note on the record
and leaves the fact None, never an exception and never "safe". It must not import
huggingface_hub.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from licheck.hub.facts import Commit, Resolved
from licheck.hub.families import Families
from licheck.hub.history import build_history, history_from_json
from licheck.hub.history import history_to_json as _history_json
from licheck.hub.license_text import HEAD_BYTES, NO_LICENSE_FILE, LicenseTexts
from licheck.hub.outcomes import Failed
from licheck.hub.scheduler import HEAD_REVISIONS, Run, Slot, offline_reason
from licheck.records import FamilyMember, HistoryEntry, LicenseFile, ModelRecord, Status

if TYPE_CHECKING:
    from licheck.hub.client import Listing

__all__ = ["HEAD_BYTES", "NOT_READ", "NO_LICENSE_FILE", "Deep"]

NOT_READ = (
    "not read: the reference is not pinned and its publisher has no open-to-closed events on "
    "record, so the history changes no verdict (licheck scan --deep reads it)"
)


class Deep:
    """History, family and LICENSE file lookups, and their results, for one ``Run``."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.history: dict[str, tuple[HistoryEntry, ...]] = {}
        self.model_notes: dict[str, dict[str, str]] = {}
        self.models: set[str] = set()
        self.families = Families(run)
        self.texts = LicenseTexts(run)
        self._history_asked: set[str] = set()

    @property
    def license_files(self) -> dict[Slot, LicenseFile]:
        """The LICENSE file found for each referenced slot."""
        return self.texts.files

    @property
    def slot_notes(self) -> dict[Slot, dict[str, str]]:
        """Why a slot's LICENSE file is missing."""
        return self.texts.notes

    def start(self, slot: Slot, resolved: Resolved) -> None:
        """Start every deeper lookup for a referenced ``slot`` whose lookup landed."""
        if resolved.record.status is not Status.OK:
            return
        model = slot[0]
        if model not in self.models:
            self.models.add(model)
            if (note := self.families.want(model)) is not None:
                self._note(model, "family", note)
        pinned = slot[1] not in HEAD_REVISIONS
        if model not in self._history_asked and self.run.settings.reads_history(model, pinned):
            self._history_asked.add(model)
            self.run.want((model, None), 0, lambda head: self._history(model, head))
        self.texts.want(slot, resolved)

    def family_of(self, model: str) -> tuple[FamilyMember, ...] | None:
        """The siblings of ``model`` (itself excluded), None when not looked up."""
        return self.families.of(model)

    def notes_for(self, model: str) -> dict[str, str]:
        """Why a model-wide fact (history, family) is missing."""
        notes = dict(self.model_notes.get(model, {}))
        if model not in self._history_asked and model not in self.history:
            notes["history"] = NOT_READ
        notes.update(self.families.notes_for(model))
        return notes

    def _note(self, model: str, fact: str, text: str) -> None:
        self.model_notes.setdefault(model, {})[fact] = text

    # -- license history ----------------------------------------------------------------------

    def _history(self, model: str, head: Resolved) -> None:
        record, run = head.record, self.run
        sha = record.sha
        if record.status is not Status.OK or not sha:
            self._note(model, "history", f"the default branch could not be read: {record.reason}")
            return
        limit = run.settings.history_limit
        key = f"{model}@{sha}#{limit}"
        cached = self.run.fact("history", key)
        if cached is not None:
            try:
                self.history[model] = history_from_json(cached)
                return
            except (TypeError, KeyError):
                pass
        if run.settings.offline:
            self._note(model, "history", offline_reason(run.cache))
            return
        # The network module loads with the first question: an offline run asks none.
        from licheck.hub.client import fetch_commits

        run.submit(
            lambda: fetch_commits(model, sha, limit, run.conn),
            lambda answer: self._commits(model, record, key, answer),
        )

    def _commits(
        self, model: str, head: ModelRecord, key: str, answer: Listing[Commit] | Failed
    ) -> None:
        if isinstance(answer, Failed):
            self._note(model, "history", f"could not list the commits: {answer.reason}")
            return
        commits = answer.items
        if answer.note is not None:
            # A cut listing is a shorter history, not a wrong one; say so and keep it uncached.
            self._note(model, "history_partial", f"commit history cut short: {answer.note}")
        cards: dict[str, ModelRecord] = {head.sha or "": head}
        todo = sorted({c.sha for c in commits} - set(cards))

        def finish() -> None:
            for commit in commits:
                card = cards[commit.sha]
                if card.status is not Status.OK:
                    reason = f"could not read the card at {commit.sha[:12]}: {card.reason}"
                    self._note(model, "history", reason)
                    return
            entries = build_history(commits, cards)
            self.history[model] = entries
            if answer.note is None:
                self.run.keep("history", key, _history_json(entries), immutable=True)

        if not todo:
            finish()
            return
        remaining = [len(todo)]

        def collect(sha: str, resolved: Resolved) -> None:
            cards[sha] = resolved.record
            remaining[0] -= 1
            if remaining[0] == 0:
                finish()

        for sha in todo:
            self.run.want((model, sha), None, partial(collect, sha))
