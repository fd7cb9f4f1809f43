"""Values that travel together through one loop: ``for repo, rev in PINS: load(repo, rev)``.

Taken one by one, ``repo`` may be any first element of ``PINS`` and ``rev`` any second, so a
pinned revision could not be joined to its model. When both names are unpacked from the same
loop target over a literal container, this pairs them element by element instead. Reads the
resolver's tables only; never evaluates anything.
"""

from __future__ import annotations

import ast

from licheck.scan.pyformat import Val
from licheck.scan.pyscope import Binding, Scope
from licheck.scan.pyvalues import Resolver


def _loop_binding(resolver: Resolver, expr: ast.expr, scope: Scope) -> Binding | None:
    if not isinstance(expr, ast.Name):
        return None
    bindings = resolver.bindings_of(expr, scope)
    if len(bindings) != 1 or bindings[0].kind != "iter" or not bindings[0].index:
        return None
    return bindings[0]


def _element(node: ast.expr, index: tuple[int, ...]) -> ast.expr | None:
    for i in index:
        if not isinstance(node, ast.Tuple | ast.List) or i >= len(node.elts):
            return None
        node = node.elts[i]
    return node


def paired(
    resolver: Resolver, model: ast.expr, revision: ast.expr, scope: Scope
) -> list[tuple[Val, str | None]] | None:
    """Each (model value, revision) the two loop targets take together, or None when the two
    are not unpacked from one loop over a literal container (then each is resolved alone)."""
    first = _loop_binding(resolver, model, scope)
    second = _loop_binding(resolver, revision, scope)
    if first is None or second is None or first.expr is not second.expr:
        return None
    if isinstance(first.expr, ast.Call):  # zip(), .items(), enumerate(): not one container
        return None
    entries = resolver.entries(first.expr, first.scope)
    if not entries or entries[0].is_dict:
        return None
    resolver.used.add(id(first.expr))
    out: list[tuple[Val, str | None]] = []
    for entry in entries:
        model_node = _element(entry.value, first.index)
        revision_node = _element(entry.value, second.index)
        if model_node is None:
            continue
        revisions = {
            v.text
            for v in (resolver.values(revision_node, entry.scope) if revision_node else [])
            if not v.pattern
        }
        pinned = revisions.pop() if len(revisions) == 1 else None
        out += [(val, pinned) for val in resolver.values(model_node, entry.scope)]
    return out
