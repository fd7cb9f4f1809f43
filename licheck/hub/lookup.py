"""Resolve the model keys of a scan into ``ModelRecord``s: cache first, then the Hub in parallel.

``resolve_models`` answers exactly the keys asked. ``resolve_provenance`` (what the pipeline
calls) also resolves each model's base_model chain, the head of every pinned model, and, for the
referenced models, the license history, family siblings and LICENSE file. Every key gets a
record whatever happens: non-Hub sources are ``not-resolved``, offline misses ``unverified``,
fetch failures carry their reason. This module must not import huggingface_hub.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial

from licheck.hub.cache import HubCache
from licheck.hub.deep import Deep
from licheck.hub.facts import Resolved, new_record
from licheck.hub.scheduler import HEAD_REVISIONS, Run, Slot
from licheck.hub.settings import HubSettings, describe_endpoint
from licheck.records import ModelKey, ModelRecord, Source, Status

__all__ = ["HubSettings", "describe_endpoint", "resolve_models", "resolve_provenance"]

_NOT_ON_HUB = {  # by value, so a Source added later still gets a reason
    "ollama": "an Ollama library model: not on the Hugging Face Hub, nothing to look up",
    "local": "a local path: not looked up on the Hub",
    "family": "a model id template the scan could not complete: not looked up on the Hub",
}
OnDone = Callable[[ModelRecord], None]


def _not_on_hub(key: ModelKey) -> ModelRecord:
    reason = _NOT_ON_HUB.get(key.source.value, f"source {key.source.value!r} is not looked up")
    return new_record(key, Status.NOT_RESOLVED, reason)


def resolve_models(
    keys: Iterable[ModelKey], settings: HubSettings, on_done: OnDone | None = None
) -> dict[ModelKey, ModelRecord]:
    """A record for every distinct key, in first-seen order (no chain, no deeper facts).

    Keys that differ only by source (a Hub id and the same id as a URL) share one lookup.
    ``on_done`` sees each distinct model once, always on the calling thread: a referenced Hub
    model as soon as its lookup lands (for progress displays; with ``resolve_provenance`` its
    deeper facts may still be coming), every other record at the end.
    """
    return _resolve(keys, settings, on_done, provenance=False)


def resolve_provenance(
    keys: Iterable[ModelKey], settings: HubSettings, on_done: OnDone | None = None
) -> dict[ModelKey, ModelRecord]:
    """``resolve_models`` plus provenance: the records of the keys asked, then the others.

    The others are ``ModelKey(model, Source.HF, revision)``: the head (revision None) of each
    model referenced at another revision, then every base model up the chain (revision None),
    ``settings.max_depth`` levels at most, each looked up once whatever cycles the cards make.
    A referenced ok record (and its model's head) carries ``history`` and ``family``; a
    referenced ok record carries ``license_file``; ``notes`` say why any of them is missing.
    """
    return _resolve(keys, settings, on_done, provenance=True)


def _resolve(
    keys: Iterable[ModelKey], settings: HubSettings, on_done: OnDone | None, *, provenance: bool
) -> dict[ModelKey, ModelRecord]:
    unique = list(dict.fromkeys(keys))
    out: dict[ModelKey, ModelRecord] = {}
    slots = list(dict.fromkeys((k.model, k.revision) for k in unique if k.source.on_hub))
    run: Run | None = None
    deep: Deep | None = None
    heads: list[Slot] = []
    reported: set[Slot] = set()
    if slots:
        cache = None
        if settings.use_cache:
            cache = HubCache.open(settings.cache_dir, branch_ttl=settings.branch_ttl)
        elif settings.facts is not None and not settings.facts.empty:
            cache = HubCache.memory()  # bundles still answer; nothing outlives the run
        if cache is not None:
            cache.layer = settings.facts
        try:
            listings = provenance and settings.deep  # the families list publishers anyway
            run = Run(
                settings, cache, chain=provenance and settings.max_depth > 0, listings=listings
            )
            deep = Deep(run) if provenance and settings.deep else None

            def referenced(slot: Slot, resolved: Resolved) -> None:
                assert run is not None
                ok = resolved.record.status is Status.OK
                if provenance and ok and slot[1] not in HEAD_REVISIONS:
                    head = (slot[0], None)
                    if head not in heads:
                        heads.append(head)
                    run.want(head, 0)
                if deep is not None:
                    deep.start(slot, resolved)
                if on_done is not None and slot not in reported:
                    # As soon as the main lookup lands, so a progress display moves while
                    # the deeper facts are still being fetched.
                    reported.add(slot)
                    on_done(resolved.record)

            for slot in slots:
                run.want(slot, 0, partial(referenced, slot))
            run.loop()
        finally:
            if cache is not None:
                cache.close()
    # Heads in the order their models were referenced, not the order their lookups landed.
    heads = [h for h in dict.fromkeys((model, None) for model, _ in slots) if h in heads]
    order = _returned(run, [*slots, *heads])
    wanted = {*slots, *heads}
    records = {slot: _assemble(slot, run, deep, slot in wanted) for slot in order}
    for key in unique:
        record = records[(key.model, key.revision)] if key.source.on_hub else _not_on_hub(key)
        out[key] = record if record.source is key.source else replace(record, source=key.source)
    for slot in order:
        out.setdefault(ModelKey(slot[0], Source.HF, slot[1]), records[slot])
    if on_done is not None:
        for key, record in out.items():
            if (key.model, key.revision) not in reported or not key.source.on_hub:
                reported.add((key.model, key.revision))
                on_done(record)
    return out


def _returned(run: Run | None, roots: list[Slot]) -> list[Slot]:
    """The referenced slots, the heads, then the ancestors breadth first (a stable order)."""
    if run is None:
        return []
    order = list(dict.fromkeys(roots))
    seen = set(order)
    queue = deque(order)
    while queue:
        record = run.lookups[queue.popleft()].record
        for base in record.base_models:
            parent: Slot = (base.model, None)
            if parent in run.depth and parent not in seen:  # followed, not capped off
                seen.add(parent)
                order.append(parent)
                queue.append(parent)
    return order


def _assemble(slot: Slot, run: Run | None, deep: Deep | None, referenced: bool) -> ModelRecord:
    """The final record of ``slot``; deeper facts only for referenced models and their heads."""
    assert run is not None
    record = run.lookups[slot].record
    notes = dict(run.notes.get(slot, {}))
    model = slot[0]
    if deep is None or model not in deep.models or not referenced:
        return replace(record, notes=notes) if notes else record
    notes.update(deep.notes_for(model))
    notes.update(deep.slot_notes.get(slot, {}))
    ok = record.status is Status.OK
    return replace(
        record,
        history=deep.history.get(model) if ok else None,
        family=deep.family_of(model) if ok else None,
        license_file=deep.license_files.get(slot),
        notes=notes,
    )
