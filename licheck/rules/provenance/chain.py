"""Walk a model's ``base_model`` chain through the resolved records and derive its effective
license: the licenses its weights carry once every ancestor is counted.

A quantization or adapter carries its base's license (its own declaration only adds to it when
it is recognised and stricter); a fine-tune carries its own license plus its base's; a merge
carries all of its parents'. A relation nobody declared is inferred (``provenance.toml``) and
marked as such. An ancestor that is missing, unresolved, beyond the depth cap or not looked up
makes the effective license ``unknown``: never safe. Cycles are cut, not followed. This module
reads records only; it never fetches one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from licheck.model_id import ModelId
from licheck.records import ChainStep, EffectiveLicense, LicenseInfo, ModelKey, ModelRecord, Status
from licheck.rules.provenance.load import RELATIONS, RelationPolicy
from licheck.rules.taxonomy import UNKNOWN, Taxonomy

CARRY_BASE = frozenset({"quantized", "adapter"})
MAX_STEPS = 500  # a merge of merges can fan out; past this the chain is cut (and incomplete)


class RecordIndex:
    """Records by model id, as a chain walk needs them: the default-branch record first."""

    def __init__(self, records: Mapping[ModelKey, ModelRecord]) -> None:
        self._records = records
        self._by_model: dict[str, ModelRecord] = {}
        for key, record in records.items():
            if not key.source.on_hub:
                continue
            name = key.model.lower()
            current = self._by_model.get(name)
            if current is None or _preference(record) < _preference(current):
                self._by_model[name] = record

    def base(self, model: str) -> ModelRecord | None:
        """The record a ``base_model`` id points at (its default branch when resolved)."""
        return self._by_model.get(model.strip().lower())

    def head(self, key: ModelKey) -> ModelRecord | None:
        """The default-branch record of the model ``key`` names, if it was resolved."""
        if key.revision is None:
            return self._records.get(key)
        found = self._records.get(ModelKey(key.model, key.source, None))
        if found is None:
            record = self.base(key.model)
            found = record if record is not None and record.revision is None else None
        return found


def _preference(record: ModelRecord) -> tuple[bool, bool]:
    return (record.revision is not None, record.source.value != "hf")


@dataclass
class _Walk:
    index: RecordIndex
    licenses: Mapping[ModelKey, LicenseInfo]
    taxonomy: Taxonomy
    relations: RelationPolicy
    steps: list[ChainStep] = field(default_factory=list)
    roots: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    complete: bool = True

    def license(self, record: ModelRecord) -> LicenseInfo:
        found = self.licenses.get(record.key)
        if found is None:
            found = self.taxonomy.classify(record.license, record.license_name, record.license_link)
        return found

    def stop(self, step: ChainStep, note: str) -> None:
        self.steps.append(step)
        self.roots.append(step.model)
        self.complete = False
        self.notes.append(note)

    def sources(
        self, record: ModelRecord, depth: int, path: frozenset[str]
    ) -> list[tuple[str, LicenseInfo]]:
        info = self.license(record)
        own = [(record.model, part) for part in info.each()]  # each license a card lists
        if not record.base_models:
            self.roots.append(record.model)
            return own
        inherited: list[tuple[str, LicenseInfo]] = []
        relations: list[str] = []
        for base in record.base_models:
            relation, inferred = base.relation, False
            if relation not in RELATIONS:
                relation, inferred = (
                    self.relations.infer(record.model, len(record.base_models)),
                    True,
                )
                self.notes.append(
                    f"{record.model} -> {base.model}: relation not declared, taken as {relation}"
                )
            relations.append(relation)
            inherited += self.follow(record.model, base.model, relation, inferred, depth + 1, path)
        if inherited and all(r in CARRY_BASE for r in relations):
            # The base's terms govern a quantization or adapter; a recognised stricter claim of
            # its own still counts, an empty or unrecognised one does not loosen anything.
            top = max(self.taxonomy.rank(i.category) for _, i in inherited)
            stricter = info.category != UNKNOWN and self.taxonomy.rank(info.category) > top
            return [*own, *inherited] if stricter else inherited
        return [*own, *inherited]

    def follow(
        self,
        parent: str,
        model: str,
        relation: str,
        inferred: bool,
        depth: int,
        path: frozenset[str],
    ) -> list[tuple[str, LicenseInfo]]:
        def step(status: str, info: LicenseInfo | None = None) -> ChainStep:
            return ChainStep(model, parent, relation, depth, status, info, inferred)

        if len(self.steps) >= MAX_STEPS:
            self.stop(step("depth-limit"), f"chain cut after {MAX_STEPS} steps at {model}")
            return []
        if model.strip().lower() in path:
            # A loop has no root; its members' namespace is the best origin there is.
            self.steps.append(step("cycle"))
            self.roots.append(model)
            self.notes.append(f"{parent} -> {model}: base_model cycle, not followed")
            return []
        if depth > self.relations.max_depth:
            self.stop(step("depth-limit"), f"chain cut at depth {self.relations.max_depth}")
            return []
        record = self.index.base(model)
        if record is None:
            self.stop(step("not-looked-up"), f"{model} was not looked up: its license is unknown")
            return []
        if record.status is not Status.OK:
            why = record.reason or record.status.value
            self.stop(step(record.status.value), f"{model} is {record.status.value}: {why}")
            return []
        self.steps.append(step("ok", self.license(record)))
        return self.sources(record, depth, path | {model.strip().lower()})


def effective_license(
    record: ModelRecord,
    index: RecordIndex,
    licenses: Mapping[ModelKey, LicenseInfo],
    taxonomy: Taxonomy,
    relations: RelationPolicy,
) -> EffectiveLicense:
    """The effective license of a resolved ``record``, with its chain and origin."""
    walk = _Walk(index, licenses, taxonomy, relations)
    found = walk.sources(record, 0, frozenset({record.model.strip().lower()}))
    sources = tuple(dict.fromkeys((m, i) for m, i in found))
    known = taxonomy.most_restrictive(info.category for _, info in sources)
    namespaces = (ModelId(root.strip()).namespace for root in walk.roots)
    origin = tuple(dict.fromkeys(ns for ns in namespaces if ns))
    return EffectiveLicense(
        category=known if walk.complete else UNKNOWN,
        known_category=known,
        sources=sources,
        complete=walk.complete,
        origin=origin,
        chain=tuple(walk.steps),
        notes=tuple(dict.fromkeys(walk.notes)),
    )


def inherited(effective: EffectiveLicense, model: str) -> tuple[tuple[str, LicenseInfo], ...]:
    """The licenses that come from ancestors, not from ``model`` itself."""
    return tuple((m, i) for m, i in effective.sources if m != model)
