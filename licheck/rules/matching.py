"""Which rules can fire for a context, and the contexts and template fields of a run, shared.

``RuleIndex`` sorts the rules by the facts every context knows outright (resolution status,
source, pin, whether the reference is in documentation): the conditions on those facts are
tested once per combination seen, and only the rules they admit test their other conditions.
``Contexts`` builds each model's context once (a model as written: id, source, revision) and
gives every other reference to it a copy with its own reference and lock facts; it also keeps
each model's template fields. Both give exactly the answers of ``Rule.matches``,
``build_context`` and ``Context.fields``; they only skip repeating them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from licheck.records import Reference
from licheck.rules.context import Context
from licheck.rules.gather import Knowledge, build_context
from licheck.rules.pack import Rule
from licheck.rules.predicates import Condition

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
        return (ctx.record.status.value, ref.source.value, ref.pin.value, ref.docs)

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


class Contexts:
    """Contexts of one run's references, each model's built once, and its template fields."""

    def __init__(self, know: Knowledge) -> None:
        self._know = know
        self._built: dict[ModelWritten, Context] = {}
        self._fields: dict[ModelWritten, dict[str, str]] = {}

    @staticmethod
    def _written(ref: Reference) -> ModelWritten:
        # Everything of a reference that build_context reads, apart from the lock.
        return (ref.model, ref.source.value, ref.revision)

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

    def fields(self, ctx: Context) -> dict[str, str]:
        """``ctx.fields()``, with the model's part computed once per run."""
        key = self._written(ctx.reference)
        shared = self._fields.get(key)
        if shared is None:
            shared = self._fields[key] = ctx.model_fields()
        return shared | ctx.reference_fields()
