"""Records of the rules stage's license reading: a classified license (``LicenseInfo``), a
card's list of licenses in one field, and the effective license of a ``base_model`` chain
(``ChainStep``, ``EffectiveLicense``). Frozen and free of I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# How a record keeps a card that lists several licenses (``license: [apache-2.0, cc-by-nc-4.0]``)
# in its one ``license`` field: the ids in the card's order, joined. Hub license ids hold no comma.
LICENSE_SEPARATOR = ", "


def join_licenses(values: Iterable[object]) -> str | None:
    """The ``license`` field for a card listing ``values``: each once (case aside), in order.

    A value that is not text (a number, a mapping) is kept as text, so it classifies as an
    unknown license rather than vanishing and leaving the others to look complete.
    """
    seen: dict[str, str] = {}
    for value in values:
        if value is None:
            continue
        text = (value if isinstance(value, str) else str(value)).strip()
        if text:
            seen.setdefault(text.lower(), text)
    return LICENSE_SEPARATOR.join(seen.values()) or None


def split_licenses(value: str | None) -> tuple[str, ...]:
    """The licenses a ``license`` field holds (one, or each of a card's list)."""
    if value is None:
        return ()
    return tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))


@dataclass(frozen=True)
class LicenseInfo:
    """A license as classified by the taxonomy in ``rules/licenses.toml``.

    ``id`` is the Hub's ``license:`` value, ``name`` the ``license_name`` that goes with
    ``other``; ``category`` is one of the taxonomy's categories, ``unknown`` when nothing matched.
    A card listing several licenses gives one ``LicenseInfo`` per license in ``parts``; the
    whole takes the strictest category among them, since nobody can tell from a list whether
    the publisher meant a choice or that all apply.
    """

    id: str | None
    name: str | None
    spdx: str | None
    category: str
    link: str | None = None
    title: str | None = None
    parts: tuple[LicenseInfo, ...] = ()

    @property
    def label(self) -> str:
        """The most specific human name: license_name for ``other``, else the id; every
        license of a list joined with ``+``."""
        if self.parts:
            return " + ".join(part.label for part in self.parts)
        if self.id == "other" and self.name:
            return self.name
        return self.id or self.name or "no license declared"

    def each(self) -> tuple[LicenseInfo, ...]:
        """Every single license this one stands for: its parts, or itself."""
        return self.parts or (self,)


@dataclass(frozen=True)
class ChainStep:
    """One ``base_model`` edge of a provenance chain, as the rules stage walked it.

    ``parent`` declares ``model`` as its base with ``relation`` (inferred when the card and tags
    were silent: ``relation_inferred``). ``depth`` is 1 for a direct base. ``status`` is the
    base's record status (``ok``, ``unavailable``, ``unverified``) or why the walk stopped there
    (``not-looked-up``, ``cycle``, ``depth-limit``); ``license`` is set only for ``ok``.
    """

    model: str
    parent: str
    relation: str
    depth: int
    status: str
    license: LicenseInfo | None = None
    relation_inferred: bool = False


@dataclass(frozen=True)
class EffectiveLicense:
    """The licenses a model's weights carry once its whole ``base_model`` chain is counted.

    ``sources`` pairs each license with the model it comes from (the model itself first).
    ``category`` is the most restrictive category among them, or ``unknown`` when part of the
    chain could not be checked (``complete`` False); ``known_category`` ignores the gaps.
    ``origin`` holds the Hub namespaces of the chain's roots.
    """

    category: str
    known_category: str
    sources: tuple[tuple[str, LicenseInfo], ...] = ()
    complete: bool = True
    origin: tuple[str, ...] = ()
    chain: tuple[ChainStep, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def licenses(self) -> tuple[LicenseInfo, ...]:
        """The distinct licenses, in the order of ``sources``."""
        seen: dict[tuple[str | None, str | None], LicenseInfo] = {}
        for _model, info in self.sources:
            seen.setdefault((info.id, info.name), info)
        return tuple(seen.values())

    def describe_chain(self, model: str) -> str:
        """The chain on one line: ``A <- quantized of B (x) <- finetune of C (y)``.

        Several parents of one model are joined with ``+`` (bracketed when they have parents of
        their own); an inferred relation reads ``inferred finetune``; an ancestor that was not
        resolved shows its status instead of a license.
        """
        children: dict[str, dict[str, ChainStep]] = {}
        for step in self.chain:
            children.setdefault(step.parent.lower(), {}).setdefault(step.model.lower(), step)

        def after(name: str, seen: frozenset[str]) -> str:
            steps = list(children.get(name.lower(), {}).values())
            if not steps:
                return ""
            parts = []
            for step in steps:
                what = (
                    step.license.label
                    if step.license
                    else _STEP_STATUS.get(step.status, step.status)
                )
                key = step.model.lower()
                deeper = "" if key in seen else after(step.model, seen | {key})
                parts.append(f"{step.model} ({what}){deeper}")
            relations = {("inferred " if s.relation_inferred else "") + s.relation for s in steps}
            relation = relations.pop() if len(relations) == 1 else "derived"
            if len(parts) > 1:
                parts = [f"[{p}]" if " <- " in p else p for p in parts]
            return f" <- {relation} of " + " + ".join(parts)

        return model + after(model, frozenset({model.lower()}))


_STEP_STATUS = {
    "not-looked-up": "not looked up",
    "depth-limit": "beyond the depth limit",
    "cycle": "cycle, not followed",
}
