"""The deeper lookups of a provenance run: license history, family siblings, the LICENSE file.

Started for referenced models whose lookup succeeded, run in the ``Run``'s pool, cached in its
``HubCache`` (answers about a 40-hex commit forever, family listings for the branch TTL). A
failure is a note on the record and leaves the fact None, never an exception and never "safe".
It must not import huggingface_hub.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any

from licheck.hub.client import Listing, fetch_commits, fetch_family, fetch_file
from licheck.hub.facts import Commit, Resolved
from licheck.hub.history import (
    build_history,
    family_from_json,
    family_to_json,
    history_from_json,
    license_file_from_json,
)
from licheck.hub.history import history_to_json as _history_json
from licheck.hub.outcomes import GATED_FILE, Failed
from licheck.hub.scheduler import Run, Slot, offline_reason
from licheck.hub.stem import family_stem, same_family
from licheck.model_id import ModelId
from licheck.records import FamilyMember, HistoryEntry, LicenseFile, ModelRecord, Status

HEAD_BYTES = 4096
NO_LICENSE_FILE = "no LICENSE file in the repo at this revision"


class Deep:
    """History, family and LICENSE file lookups, and their results, for one ``Run``."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.history: dict[str, tuple[HistoryEntry, ...]] = {}
        self.families: dict[tuple[str, str], tuple[FamilyMember, ...]] = {}
        self.license_files: dict[Slot, LicenseFile] = {}
        self.model_notes: dict[str, dict[str, str]] = {}
        self.slot_notes: dict[Slot, dict[str, str]] = {}
        self.models: set[str] = set()
        self._family_notes: dict[tuple[str, str], str] = {}
        self._licenses: set[Slot] = set()

    def start(self, slot: Slot, resolved: Resolved) -> None:
        """Start every deeper lookup for a referenced ``slot`` whose lookup landed."""
        if resolved.record.status is not Status.OK:
            return
        model = slot[0]
        if model not in self.models:
            self.models.add(model)
            self.run.want((model, None), 0, lambda head: self._history(model, head))
            self._family(model)
        self._license(slot, resolved)

    def family_of(self, model: str) -> tuple[FamilyMember, ...] | None:
        """The siblings of ``model`` (itself excluded), None when not looked up."""
        namespace = ModelId(model).namespace
        if namespace is None:
            return None
        members = self.families.get((namespace, family_stem(ModelId(model).name)))
        if members is None:
            return None
        return tuple(m for m in members if m.model.lower() != model.lower())

    def notes_for(self, model: str) -> dict[str, str]:
        """Why a model-wide fact (history, family) is missing."""
        notes = dict(self.model_notes.get(model, {}))
        namespace = ModelId(model).namespace
        if namespace is not None:
            stem = (namespace, family_stem(ModelId(model).name))
            note = self._family_notes.get(stem)
            if note:  # a listing that was cut short still gave the siblings it listed
                notes["family_partial" if stem in self.families else "family"] = note
        return notes

    def _note(self, model: str, fact: str, text: str) -> None:
        self.model_notes.setdefault(model, {})[fact] = text

    def _fact(self, kind: str, key: str) -> Any:
        run = self.run
        if run.cache is None:
            return None
        return run.cache.get_fact(run.shown, kind, key, allow_stale=run.settings.offline)

    def _keep(self, kind: str, key: str, value: Any, *, immutable: bool) -> None:
        if self.run.cache is not None:
            self.run.cache.put_fact(self.run.shown, kind, key, value, immutable=immutable)

    # -- license history ----------------------------------------------------------------------

    def _history(self, model: str, head: Resolved) -> None:
        record, run = head.record, self.run
        sha = record.sha
        if record.status is not Status.OK or not sha:
            self._note(model, "history", f"the default branch could not be read: {record.reason}")
            return
        limit = run.settings.history_limit
        key = f"{model}@{sha}#{limit}"
        cached = self._fact("history", key)
        if cached is not None:
            try:
                self.history[model] = history_from_json(cached)
                return
            except (TypeError, KeyError):
                pass
        if run.settings.offline:
            self._note(model, "history", offline_reason(run.cache))
            return
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
                self._keep("history", key, _history_json(entries), immutable=True)

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

    # -- family -------------------------------------------------------------------------------

    def _family(self, model: str) -> None:
        namespace = ModelId(model).namespace
        if namespace is None:
            self._note(model, "family", "a legacy id without a namespace: no family to list")
            return
        stem = family_stem(ModelId(model).name)
        if (namespace, stem) in self.families or (namespace, stem) in self._family_notes:
            return
        run = self.run
        limit = run.settings.family_limit
        # The list differs by who asks (private repos show to members only), so the two are
        # kept apart; offline, the one listed with a token (the fuller) is read first.
        key = f"{namespace}/{stem}#{limit}"
        if run.settings.offline:
            cached = self._fact("family", key + "+token")
            if cached is None:
                cached = self._fact("family", key)
        else:
            key += "+token" if run.signed_in() else ""
            cached = self._fact("family", key)
        if cached is not None:
            try:
                self.families[(namespace, stem)] = family_from_json(cached)
                return
            except (TypeError, KeyError):
                pass
        if run.settings.offline:
            self._family_notes[(namespace, stem)] = offline_reason(run.cache)
            return
        self._family_notes[(namespace, stem)] = "family lookup did not finish"

        def landed(answer: Listing[FamilyMember] | Failed) -> None:
            if isinstance(answer, Failed):
                note = f"could not list the family: {answer.reason}"
                self._family_notes[(namespace, stem)] = note
                return
            members = tuple(m for m in answer.items if same_family(stem, m.model))
            self.families[(namespace, stem)] = members
            if answer.note is not None:  # siblings may be missing: shown, not cached
                self._family_notes[(namespace, stem)] = f"family listing cut short: {answer.note}"
                return
            self._family_notes.pop((namespace, stem), None)
            self._keep("family", key, family_to_json(members), immutable=False)

        run.submit(lambda: fetch_family(namespace, stem, limit, run.conn), landed)

    # -- LICENSE file -------------------------------------------------------------------------

    def _license(self, slot: Slot, resolved: Resolved) -> None:
        if slot in self._licenses:
            return
        self._licenses.add(slot)
        model, sha = slot[0], resolved.record.sha
        notes = self.slot_notes.setdefault(slot, {})
        if not resolved.license_paths or not sha:
            notes["license_file"] = NO_LICENSE_FILE
            return
        path = resolved.license_paths[0]
        key = f"{model}@{sha}:{path}"
        cached = self._fact("license_file", key)
        if cached is not None:
            try:
                found = license_file_from_json(cached)
            except (TypeError, KeyError):
                found = None
            if isinstance(found, LicenseFile):
                self.license_files[slot] = found
                return
            # A refusal seen without a token is asked again once there is one (gates open).
            signed_in = isinstance(cached, dict) and cached.get("signed_in") is True
            if isinstance(found, str) and not self.run.asked_as_stranger(signed_in):
                notes["license_file"] = found
                return
        if self.run.settings.offline:
            notes["license_file"] = offline_reason(self.run.cache)
            return

        def landed(answer: bytes | Failed) -> None:
            if isinstance(answer, Failed):
                note = GATED_FILE if answer.gated else f"could not download {path}: {answer.reason}"
                notes["license_file"] = note
                if answer.gated or answer.status is Status.UNAVAILABLE:
                    refusal = {"note": note, "signed_in": self.run.signed_in()}
                    self._keep("license_file", key, refusal, immutable=False)
                return
            head = answer[:HEAD_BYTES].decode("utf-8", errors="replace").rstrip("\ufffd")
            found = LicenseFile(path, hashlib.sha256(answer).hexdigest(), head)
            self.license_files[slot] = found
            value = {"path": found.path, "sha256": found.sha256, "head": found.head}
            self._keep("license_file", key, value, immutable=True)

        conn = self.run.conn
        self.run.submit(lambda: fetch_file(model, sha, path, conn), landed)
