"""Head lookups answered by their publisher's listing, in a run that lists publishers anyway.

A provenance run with families asks ``list_models(author=...)`` once per publisher of a found
referenced model (``publishers.py``), and each listed repo comes with what ``model_info`` gives
at its head. So a referenced model's head (revision None or main, never a pinned commit) waits
for that listing instead of asking ``model_info``; another head (a base model up the chain) uses
it when two or more of one publisher are wanted or the listing is asked anyway. A head the
listing does not hold (missing, private to another account, renamed, past the bound), a listing
that failed, or one slower than ``HubSettings.listing_patience``, gets its own ``model_info``
from the run: the statuses are those ``model_info`` gives, and no answer waits on a stalled
listing. It must not import huggingface_hub.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from licheck.hub.facts import resolved_from_info
from licheck.hub.outcomes import Failed
from licheck.hub.publishers import Listed
from licheck.records import ModelKey, Source

if TYPE_CHECKING:
    from licheck.hub.scheduler import Run, Slot


class Heads:
    """The head lookups of one ``Run`` that its publishers' listings may answer."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self._counted: dict[str, list[Slot]] = {}  # heads not referenced, by publisher

    def referenced(self, namespace: str, slot: Slot) -> None:
        """A referenced model's head: its family needs the listing once the model is found,
        so it waits for it; ``model_info`` when it cannot answer it or is too slow to."""
        run = self.run
        run.publishers.listing(namespace, lambda listed: self._answer([slot], listed))
        patience = min(run.settings.listing_patience, run.settings.stage_timeout / 4)
        run.later(max(0.0, patience), lambda: self._impatient(slot))

    def other(self, namespace: str, slot: Slot) -> None:
        """Another head: through the listing when it is asked anyway (two heads of one
        publisher, or its families), else on its own. Decided once the caller has wanted
        every referenced model, so the heads of one publisher are counted."""
        run = self.run
        if run.publishers.known(namespace):
            run.publishers.listing(namespace, lambda listed: self._answer([slot], listed))
            return
        key = namespace.lower()
        if key not in self._counted:
            run.soon(lambda: self._dispatch(namespace))
        self._counted.setdefault(key, []).append(slot)

    def _impatient(self, slot: Slot) -> None:
        if slot not in self.run.lookups and slot not in self.run.asked:
            self.run.fetch(slot)

    def _dispatch(self, namespace: str) -> None:
        run = self.run
        slots = self._counted.pop(namespace.lower(), [])
        if len(slots) < 2 and not run.publishers.known(namespace):
            for slot in slots:
                run.fetch(slot)
            return
        run.publishers.listing(namespace, lambda listed: self._answer(slots, listed))

    def _answer(self, slots: list[Slot], listed: Listed | Failed) -> None:
        run = self.run
        for slot in slots:
            if slot in run.asked:  # model_info answers it (the listing was too slow)
                continue
            info = None if isinstance(listed, Failed) else listed.infos.get(slot[0].lower())
            if info is None:
                # Not listed (missing, private to another account, renamed, past the bound)
                # or no listing: model_info answers, with the statuses it always gave.
                run.fetch(slot)
            else:
                run.fetched(slot, resolved_from_info(ModelKey(slot[0], Source.HF, slot[1]), info))
