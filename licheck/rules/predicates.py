"""The predicates a rule's ``when`` table can use, and their argument checks.

Each predicate is a small function ``(ctx, arg) -> bool`` registered with the type of argument
it takes (a boolean, or a list of names from a fixed or taxonomy-defined set) and the fact
topics it reads, which become the finding's details. Arguments are checked when a rule file is
loaded, so a typo fails there and never at evaluation time. Predicates must not do I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from licheck.lock import LOCK_STATES
from licheck.records import PinKind, Source, Status
from licheck.rules._toml import Table, type_name
from licheck.rules.context import Context
from licheck.rules.taxonomy import Taxonomy

PredicateFunc = Callable[[Context, Any], bool]
Choices = Callable[[Taxonomy], Collection[str]]


@dataclass(frozen=True)
class Predicate:
    """A registered predicate: ``choices`` is None for a boolean argument."""

    name: str
    func: PredicateFunc
    choices: Choices | None
    topics: tuple[str, ...]
    doc: str


REGISTRY: dict[str, Predicate] = {}


def predicate(
    name: str, *, choices: Choices | None = None, topics: tuple[str, ...] = ()
) -> Callable[[PredicateFunc], PredicateFunc]:
    """Register a predicate; without ``choices`` its argument is a boolean."""

    def register(func: PredicateFunc) -> PredicateFunc:
        if name in REGISTRY:
            raise ValueError(f"predicate {name!r} registered twice")
        REGISTRY[name] = Predicate(name, func, choices, topics, (func.__doc__ or "").strip())
        return func

    return register


def _values(enum: Any) -> Choices:
    names = tuple(member.value for member in enum)
    return lambda _taxonomy: names


@dataclass(frozen=True)
class Condition:
    """One checked ``predicate = argument`` pair of a rule's ``when`` table."""

    predicate: str
    arg: bool | tuple[str, ...]

    def test(self, ctx: Context) -> bool:
        """Whether the condition holds for ``ctx``."""
        return REGISTRY[self.predicate].func(ctx, self.arg)

    @property
    def topics(self) -> tuple[str, ...]:
        """The fact topics this condition reads."""
        return REGISTRY[self.predicate].topics


def compile_condition(when: Table, name: str, taxonomy: Taxonomy) -> Condition:
    """Check ``when.<name>`` against the registry; raise ``RuleFileError`` naming the key."""
    spec = REGISTRY.get(name)
    if spec is None:
        raise when.error(name, f"unknown predicate; known: {', '.join(sorted(REGISTRY))}")
    value = when.data[name]
    if spec.choices is None:
        if not isinstance(value, bool):
            raise when.error(name, f"expected true or false, got {type_name(value)}")
        return Condition(name, value)
    allowed = spec.choices(taxonomy)
    expected = f"expected a non-empty array of: {', '.join(sorted(allowed))}"
    if not isinstance(value, list) or not value:
        raise when.error(name, f"{expected}; got {type_name(value)}")
    for item in value:
        if item not in allowed:
            raise when.error(name, f"{expected}; got {item!r}")
    return Condition(name, tuple(value))


@predicate("status", choices=_values(Status), topics=("status",))
def status(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The model's resolution status is one of these."""
    return ctx.status.value in arg


@predicate("license_category", choices=lambda t: tuple(t.categories), topics=("license",))
def license_category(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The Hub resolved the model and its license falls in one of these categories."""
    return ctx.license is not None and ctx.license.category in arg


@predicate("gated", topics=("gated",))
def gated(ctx: Context, arg: bool) -> bool:
    """The model is gated (true) or known to be open (false); unknown matches neither."""
    if ctx.record.gated is None:
        return False
    return (ctx.gate_mode is not None) == arg


@predicate("gate_mode", choices=lambda _t: ("auto", "manual"), topics=("gated",))
def gate_mode(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The model is gated with one of these approval modes."""
    return ctx.gate_mode in arg


@predicate("pin", choices=_values(PinKind), topics=("pin",))
def pin(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The reference's revision is pinned in one of these ways."""
    return ctx.reference.pin.value in arg


@predicate("source", choices=_values(Source), topics=())
def source(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The reference comes from one of these sources."""
    return ctx.reference.source.value in arg


@predicate("on_hub", topics=())
def on_hub(ctx: Context, arg: bool) -> bool:
    """The reference is (true) or is not (false) looked up on the Hub."""
    return ctx.reference.source.on_hub == arg


@predicate("vendor_drifting", topics=("vendor",))
def vendor_drifting(ctx: Context, arg: bool) -> bool:
    """The model's publisher has (true) or has not (false) open-to-closed events on record."""
    return (ctx.vendor is not None and ctx.vendor.drifting) == arg


@predicate("facts_stale", topics=("status",))
def facts_stale(ctx: Context, arg: bool) -> bool:
    """A facts bundle answered for the model, recorded longer ago (true) or more recently
    (false) than ``facts_max_age_days``; an answer from the Hub or the cache matches neither."""
    stale = ctx.record.facts_stale
    return stale is not None and stale == arg


@predicate("docs", topics=())
def docs(ctx: Context, arg: bool) -> bool:
    """The reference was (true) or was not (false) found in documentation."""
    return ctx.reference.docs == arg


@predicate("lock", choices=lambda _t: LOCK_STATES, topics=("lock",))
def lock(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The reference is in one of these licheck.lock states (only when the lock is checked)."""
    return any(state in arg for state in ctx.lock_states)


# The findings licheck.policy.apply makes from [tool.licheck]; rules/policy.toml names them.
POLICY_FINDINGS = ("license-denied", "waiver-expired", "waiver-unused")


@predicate("policy", choices=lambda _t: POLICY_FINDINGS)
def policy_finding(ctx: Context, arg: tuple[str, ...]) -> bool:
    """Never true when rules are evaluated: the project policy ([tool.licheck]) makes these."""
    return False
