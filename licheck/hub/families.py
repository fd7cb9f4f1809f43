"""Family siblings of referenced models: one listing per publisher serves all its families.

``list_models(author=...)`` with licenses is asked once per namespace (``publishers.py``, at
most ``author_limit`` repos); each family stem of that publisher is then the listed repos whose
stem matches (``stem.same_family``), at most ``family_limit`` of them, cached per family (the
``family`` fact, for the branch TTL) exactly as a search for that family would be. When a
publisher has more repos than the bound, the listing is cut (and says so) and each family is
searched on its own instead (``author=...&search=<stem>``), so a big publisher costs one
request per family, never a wrong empty family. A failure is a note and leaves the family None
(unknown), never empty. It must not import huggingface_hub.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from licheck.hub.history import family_from_json, family_to_json
from licheck.hub.outcomes import Failed
from licheck.hub.publishers import Listed
from licheck.hub.scheduler import Run, offline_reason
from licheck.hub.stem import family_stem, same_family
from licheck.model_id import ModelId
from licheck.records import FamilyMember

if TYPE_CHECKING:
    from licheck.hub.client import Listing

Stem = tuple[str, str]  # (namespace, family stem)


class Families:
    """The family lookups of one ``Run``: ``want`` a model, then read ``of`` and ``notes``."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.found: dict[Stem, tuple[FamilyMember, ...]] = {}
        self.notes: dict[Stem, str] = {}
        self.author_notes: dict[str, str] = {}  # why a publisher's listing was not used whole
        self._authors: dict[str, tuple[FamilyMember, ...] | None] = {}  # None: in flight
        self._waiting: dict[str, list[str]] = {}

    def want(self, model: str) -> str | None:
        """Start the lookup of ``model``'s family; a note when it has none to look up."""
        namespace = ModelId(model).namespace
        if namespace is None:
            return "a legacy id without a namespace: no family to list"
        stem = family_stem(ModelId(model).name)
        if (namespace, stem) in self.found or (namespace, stem) in self.notes:
            return None
        if self._from_cache(namespace, stem):
            return None
        self.notes[(namespace, stem)] = "family lookup did not finish"
        key = namespace.lower()
        if key in self._authors:
            listed = self._authors[key]
            if listed is None:
                self._waiting[key].append(stem)
            else:
                self._pick(namespace, stem, listed)
            return None
        self._authors[key] = None
        self._waiting[key] = [stem]
        self._list_author(namespace)
        return None

    def notes_for(self, model: str) -> dict[str, str]:
        """Why ``model``'s family is missing or partial, and how it was listed."""
        namespace = ModelId(model).namespace
        if namespace is None:
            return {}
        notes = {}
        if (listing := self.author_notes.get(namespace.lower())) is not None:
            notes["family_listing"] = listing
        where = (namespace, family_stem(ModelId(model).name))
        note = self.notes.get(where)
        if note:  # a listing that was cut short still gave the siblings it listed
            notes["family_partial" if where in self.found else "family"] = note
        return notes

    def of(self, model: str) -> tuple[FamilyMember, ...] | None:
        """The siblings of ``model`` (itself excluded), None when not looked up."""
        namespace = ModelId(model).namespace
        if namespace is None:
            return None
        members = self.found.get((namespace, family_stem(ModelId(model).name)))
        if members is None:
            return None
        return tuple(m for m in members if m.model.lower() != model.lower())

    # -- the publisher's listing ---------------------------------------------------------------

    def _cached(self, kind: str, key: str) -> Any:
        run = self.run
        if run.cache is None:
            return None
        allow_stale = run.settings.offline
        # The list differs by who asks (private repos show to members only), so the two are
        # kept apart; offline, the one listed with a token (the fuller) is read first.
        if run.settings.offline:
            found = run.cache.get_fact(run.shown, kind, key + "+token", allow_stale=True)
            if found is not None:
                return found
            return run.cache.get_fact(run.shown, kind, key, allow_stale=True)
        key += "+token" if run.signed_in() else ""
        return run.cache.get_fact(run.shown, kind, key, allow_stale=allow_stale)

    def _keep(self, kind: str, key: str, value: Any) -> None:
        run = self.run
        if run.cache is not None:
            key += "+token" if run.signed_in() else ""
            run.cache.put_fact(run.shown, kind, key, value, immutable=False)

    def _list_author(self, namespace: str) -> None:
        run = self.run
        if run.settings.offline:
            self._listed(namespace, None)  # each family from the cache (or a facts bundle)
            return

        def landed(answer: Listed | Failed) -> None:
            if isinstance(answer, Failed):
                self._failed(namespace, f"could not list the family: {answer.reason}")
                return
            if answer.note is not None:
                # Cut: the families are searched one by one, each complete in itself.
                note = f"{answer.note}; each family of {namespace} searched on its own"
                self.author_notes[namespace.lower()] = note
                self._listed(namespace, None)
                return
            self._listed(namespace, answer.members)

        run.publishers.listing(namespace, landed)

    def _listed(self, namespace: str, members: tuple[FamilyMember, ...] | None) -> None:
        key = namespace.lower()
        stems = self._waiting.pop(key, [])
        if members is None:
            del self._authors[key]  # each family of this publisher is now searched on its own
            for stem in stems:
                self._search(namespace, stem)
            return
        self._authors[key] = members
        for stem in stems:
            self._pick(namespace, stem, members)

    def _failed(self, namespace: str, note: str) -> None:
        key = namespace.lower()
        for stem in self._waiting.pop(key, []):
            self.notes[(namespace, stem)] = note
        del self._authors[key]  # not cached: the next model of this publisher asks again

    def _pick(self, namespace: str, stem: str, listed: tuple[FamilyMember, ...]) -> None:
        """One family out of its publisher's whole listing, kept under the family's own key
        (as a search for it would be), so later and offline runs read it per family."""
        limit = self.run.settings.family_limit
        members = tuple(m for m in listed if same_family(stem, m.model))
        self.found[(namespace, stem)] = members[:limit]
        self.notes.pop((namespace, stem), None)
        if len(members) > limit:  # shown, not cached: a later run may keep a larger bound
            self.notes[(namespace, stem)] = f"family cut at {limit} repos (family_limit)"
            return
        self._keep("family", self._key(namespace, stem), family_to_json(members))

    def _key(self, namespace: str, stem: str) -> str:
        return f"{namespace}/{stem}#{self.run.settings.family_limit}"

    def _from_cache(self, namespace: str, stem: str) -> bool:
        cached = self._cached("family", self._key(namespace, stem))
        if cached is None:
            return False
        try:
            self.found[(namespace, stem)] = family_from_json(cached)
        except (TypeError, KeyError):
            return False
        self.notes.pop((namespace, stem), None)
        return True

    # -- one family on its own (a publisher too big to list whole) -----------------------------

    def _search(self, namespace: str, stem: str) -> None:
        run = self.run
        limit = run.settings.family_limit
        key = self._key(namespace, stem)
        if self._from_cache(namespace, stem):
            return
        if run.settings.offline:
            self.notes[(namespace, stem)] = offline_reason(run.cache)
            return
        # The network module loads with the first question: an offline run asks none.
        from licheck.hub.client import fetch_family

        run.submit(
            lambda: fetch_family(namespace, stem, limit, run.conn),
            self._searched(namespace, stem, key),
        )

    def _searched(self, namespace: str, stem: str, key: str) -> Callable[[Any], None]:
        def landed(answer: Listing[FamilyMember] | Failed) -> None:
            where = (namespace, stem)
            if isinstance(answer, Failed):
                self.notes[where] = f"could not list the family: {answer.reason}"
                return
            members = tuple(m for m in answer.items if same_family(stem, m.model))
            self.found[where] = members
            if answer.note is not None:  # siblings may be missing: shown, not cached
                self.notes[where] = f"family listing cut short: {answer.note}"
                return
            self.notes.pop(where, None)
            self._keep("family", key, family_to_json(members))

        return landed
