"""Which rules can fire for a context, and the contexts, fields and findings of a run, shared.

``RuleIndex`` sorts the rules by the facts every context knows outright (resolution status,
source, pin, whether the reference is in documentation): the conditions on those facts are
tested once per combination seen, and only the rules they admit test their other conditions.
``Contexts`` builds each model's context once (a model as written: id, source, revision) and
gives every other reference to it a copy with its own reference and lock facts; it also keeps
each model's template fields. ``Verdicts`` judges once per model as written and documentation
flag, and only places each finding at its reference. All give exactly the answers of
``Rule.matches``, ``build_context``, ``Context.fields`` and ``make_finding``; they only skip
repeating them.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from licheck.records import Finding, Reference, Severity
from licheck.rules.context import EVENT_FIELDS, PLACE_FIELDS, Context, place_fields
from licheck.rules.findings import judged, placed, render
from licheck.rules.gather import Knowledge, build_context
from licheck.rules.pack import Rule
from licheck.rules.predicates import Condition
from licheck.rules.provenance import fields as provenance_fields

# Predicates whose answer depends only on ``RuleIndex.facts``: a condition on one of them is
# decided for every context with the same facts by testing it on any one of them.
GATES = frozenset({"status", "source", "on_hub", "pin", "docs", "policy"})
Facts = tuple[str, str, str, bool]
ModelWritten = tuple[str, str, str | None]


class RuleIndex:
    """The rules of a rule set, indexed by the outright facts their conditions test."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._rules = tuple(
            (
                rule,
                tuple(c for c in rule.conditions if c.predicate in GATES),
                tuple(c for c in rule.conditions if c.predicate not in GATES),
            )
            for rule in rules
        )
        self._admitted: dict[Facts, tuple[tuple[Rule, tuple[Condition, ...]], ...]] = {}

    @staticmethod
    def facts(ctx: Context) -> Facts:
        """What the gate predicates read: status, source, pin and docs."""
        ref = ctx.reference
        # The members themselves: str enums, equal to and hashed as their values, and the
        # value property costs more than the tuple.
        return (ctx.record.status, ref.source, ref.pin, ref.docs)

    def matching(self, ctx: Context) -> list[Rule]:
        """The rules whose conditions all hold for ``ctx``, in rule-set order."""
        key = self.facts(ctx)
        admitted = self._admitted.get(key)
        if admitted is None:
            admitted = tuple(
                (rule, rest) for rule, gates, rest in self._rules if all(c.test(ctx) for c in gates)
            )
            self._admitted[key] = admitted
        return [rule for rule, rest in admitted if all(c.test(ctx) for c in rest)]


# The template fields that cost most to make (provenance, the publishers' latest event), made
# only when a template names one of them: most rules' messages name none.
LATER = frozenset(provenance_fields.FIELDS) | EVENT_FIELDS


class Fields(dict[str, str]):
    """``ctx.fields()``, with those of ``LATER`` made when first asked for (``later``)."""

    def __init__(
        self, values: Mapping[str, str], later: Callable[[], dict[str, str]] | None
    ) -> None:
        super().__init__(values)
        self._later = later

    def __missing__(self, name: str) -> str:
        if name not in LATER or self._later is None:
            raise KeyError(name)
        later, self._later = self._later, None
        for key, value in later().items():
            self.setdefault(key, value)  # made later, they never replace a field made before
        return self[name]

    def __or__(self, other: Mapping[str, str]) -> Fields:  # type: ignore[override]
        return Fields(dict(self) | dict(other), self._later)


class Contexts:
    """Contexts of one run's references, each model's built once, and its template fields."""

    def __init__(self, know: Knowledge) -> None:
        self._know = know
        self._built: dict[ModelWritten, Context] = {}
        self._fields: dict[ModelWritten, dict[str, str]] = {}
        self._later: dict[ModelWritten, dict[str, str]] = {}
        self._first: dict[ModelWritten, Context] = {}

    @staticmethod
    def _written(ref: Reference) -> ModelWritten:
        # Everything of a reference that build_context reads, apart from the lock.
        return (ref.model, ref.source, ref.revision)

    def context(self, ref: Reference) -> Context:
        """``build_context(know, ref)``."""
        key = self._written(ref)
        shared = self._built.get(key)
        if shared is None:
            ctx = build_context(self._know, ref)
            self._built[key] = ctx
            return ctx
        know = self._know
        locked = know.locked(ref) if know.locked is not None else None
        if know.lock is None:
            return replace(shared, reference=ref, locked=locked)
        view = know.lock
        return replace(
            shared,
            reference=ref,
            locked=view.locked(ref),
            lock_states=view.states(ref),
            lock_entry=view.entry(ref),
            copy=view.copy(ref),
        )

    def fields(self, ctx: Context) -> Fields:
        """``ctx.fields()``, with the model's part computed once per run (from its first
        context, as ``ctx.model_fields()`` always was), and its costly part (``LATER``) only if
        a template asks for it."""
        key = self._written(ctx.reference)
        shared = self._fields.get(key)
        if shared is None:
            shared = self._fields[key] = ctx.record_fields()
            self._first[key] = ctx

        def later() -> dict[str, str]:
            made = self._later.get(key)
            if made is None:
                first = self._first[key]
                made = provenance_fields.fields(first) | first.event_fields()
                self._later[key] = made
            return made

        return Fields(shared | ctx.reference_fields(), later)


# What a reference's verdict depends on besides its place (path, line, column, context): the
# model as written, whose lock facts follow from it, and whether it is in documentation.
Written = tuple[str, str, str | None, bool]
# A rule's finding as judged for a Written: details, severity, and message and advice when
# their templates do not name the place (None: filled at each reference).
Judged = tuple[Rule, dict[str, Any], Severity, str | None, str | None]


@cache
def _names_place(template: str) -> bool:
    fields = (name for _, name, _, _ in string.Formatter().parse(template) if name)
    return any(name.split(".", 1)[0].split("[", 1)[0] in PLACE_FIELDS for name in fields)


def _judged(rule: Rule, ctx: Context, values: Mapping[str, str]) -> Judged:
    details, severity = judged(rule, ctx)
    message = None if _names_place(rule.message) else render(rule.message, values)
    advice = None if _names_place(rule.advice) else render(rule.advice, values)
    return rule, details, severity, message, advice


class Verdicts:
    """The findings of each reference, judged once per model as written (``Written``).

    Every predicate, detail and score reads the reference only through its model, source,
    revision (and so its pin and lock facts) and documentation flag; the templates read its
    place too, so a finding is placed at each reference. Only for a run whose lock facts come
    from a ``LockView`` (``Knowledge.locked`` unset: that callback may read anything).
    """

    def __init__(self, index: RuleIndex, contexts: Contexts) -> None:
        self._index = index
        self._contexts = contexts
        self._judged: dict[Written, tuple[tuple[Judged, ...], dict[str, str]]] = {}

    def findings(self, ref: Reference) -> list[tuple[Rule, Finding]]:
        """``make_finding`` for each rule matching ``ref``'s context, in rule-set order."""
        key = (ref.model, ref.source, ref.revision, ref.docs)
        known = self._judged.get(key)
        if known is None:
            ctx = self._contexts.context(ref)
            matched = self._index.matching(ctx)
            values = self._contexts.fields(ctx) if matched else {}
            known = self._judged[key] = (tuple(_judged(r, ctx, values) for r in matched), values)
        rules, values = known
        out = []
        here: dict[str, str] | None = None
        for rule, details, severity, message, advice in rules:
            if message is None or advice is None:
                here = here or values | place_fields(ref)
                message = message if message is not None else render(rule.message, here)
                advice = advice if advice is not None else render(rule.advice, here)
            out.append((rule, placed(rule, ref, message, advice, details, severity)))
        return out
