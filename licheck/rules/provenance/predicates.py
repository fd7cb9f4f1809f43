"""Predicates over the provenance facts of a ``Context``: effective license, inherited licenses,
LICENSE file, history, head and family, and the publishers up the chain.

Registered into ``predicates.REGISTRY`` on import (``pack`` imports this module). A fact that
was not looked up (None) matches neither ``true`` nor ``false``: unknown is never "fine", and
rules that want to flag the gap say so with their own predicate. No I/O here.
"""

from __future__ import annotations

from licheck.rules import drift
from licheck.rules.context import Context
from licheck.rules.predicates import predicate
from licheck.rules.provenance.fields import stricter_inherited

DIRECTIONS = ("stricter", "looser", "lateral")


def _directions(_taxonomy: object) -> tuple[str, ...]:
    return DIRECTIONS


@predicate(
    "effective_category",
    choices=lambda t: tuple(t.categories),
    topics=("license", "provenance"),
)
def effective_category(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The effective license (whole chain; unknown where it has gaps) is in these categories."""
    return ctx.effective is not None and ctx.effective.category in arg


@predicate(
    "known_effective_category",
    choices=lambda t: tuple(t.categories),
    topics=("license", "provenance"),
)
def known_effective_category(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The strictest license known in the chain (gaps ignored) is in these categories."""
    return ctx.effective is not None and ctx.effective.known_category in arg


@predicate("inherits_stricter", topics=("license", "provenance"))
def inherits_stricter(ctx: Context, arg: bool) -> bool:
    """The model declares a recognised license looser than one it inherits up its chain."""
    if ctx.effective is None or ctx.license is None:
        return False
    return bool(stricter_inherited(ctx)) == arg


@predicate("ancestor_unchecked", topics=("provenance",))
def ancestor_unchecked(ctx: Context, arg: bool) -> bool:
    """Part of the chain could not be checked (missing, unresolved, cut) (true), or none (false)."""
    return ctx.effective is not None and (not ctx.effective.complete) == arg


@predicate("license_file_contradicts", choices=_directions, topics=("license", "license_file"))
def license_file_contradicts(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The LICENSE file clearly names another license than the card, stricter/looser/lateral."""
    return ctx.license_file is not None and ctx.license_file.contradicts in arg


@predicate("license_changed", choices=_directions, topics=("license", "history"))
def license_changed(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The repo's newest license change went this way (a reference pinned to a revision whose
    license differs from the head's is left to ``head_license_differs``)."""
    if not ctx.changes or ctx.head is not None:
        return False
    return ctx.changes[0].direction in arg


@predicate("head_license_differs", choices=_directions, topics=("license", "head", "history"))
def head_license_differs(ctx: Context, arg: tuple[str, ...]) -> bool:
    """The reference's revision has another license than the default branch, which is this way."""
    return ctx.head is not None and ctx.head.direction in arg


@predicate("family_split", topics=("license", "family"))
def family_split(ctx: Context, arg: bool) -> bool:
    """Siblings carry a split category (provenance.toml) (true), or none do (false)."""
    if ctx.family is None:
        return False
    return any(s.split for s in ctx.family) == arg


@predicate("publisher_drifting", topics=("drift",))
def publisher_drifting(ctx: Context, arg: bool) -> bool:
    """The model's publisher or an origin publisher up its chain has open-to-closed events."""
    return bool(drift.drifting(ctx)) == arg
