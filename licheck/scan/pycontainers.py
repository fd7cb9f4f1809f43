"""Containers for the resolver: the literal elements an expression may hold, and loop targets.

``ContainerReader`` finds the bindings a name or attribute refers to, the entries of list,
tuple, set and dict literals (through names, comprehensions, ``+``, ``list()``/``dict()`` and
later ``append``/``extend``), subscripts into them, and the values a ``for`` target takes
(``enumerate``, ``zip``, ``.items()``). The string values themselves are pyvalues.py's
``Resolver``, which builds on this class; nothing here imports or runs anything.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from licheck.scan.pyast import call_name
from licheck.scan.pyformat import Val, dedupe
from licheck.scan.pyscope import Binding, Scope, Tables

MAX_DEPTH = 12
# The container kinds whose entries are read off the node itself (``ContainerReader._literal``).
_LITERALS = frozenset(
    {ast.Dict, ast.DictComp, ast.List, ast.Tuple, ast.Set, ast.ListComp, ast.SetComp}
    | {ast.GeneratorExp}
)


@dataclass(frozen=True)
class Entry:
    """One element of a list/tuple/set literal, or one key/value of a dict literal."""

    key: ast.expr | None
    value: ast.expr
    scope: Scope
    is_dict: bool


def _unwrap_param(expr: ast.expr) -> ast.expr:
    """``pytest.param("org/name", 1, marks=...)`` is the row ``("org/name", 1)``."""
    if isinstance(expr, ast.Call) and call_name(expr) == "param" and expr.args:
        return ast.copy_location(ast.Tuple(elts=list(expr.args), ctx=ast.Load()), expr)
    return expr


class ContainerReader:
    """Bindings, container entries and loop values for one module; ``values`` is the
    resolver's (pyvalues.Resolver)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.used: set[int] = set()  # id() of binding expressions some loader consumed
        self._active: set[int] = set()
        self._literal_entries: dict[tuple[int, int], tuple[ast.expr, Scope, list[Entry]]] = {}

    def values(self, expr: ast.expr, scope: Scope, depth: int = 0) -> list[Val]:
        """The possible string values of ``expr``: pyvalues.Resolver answers."""
        raise NotImplementedError

    def bindings_of(self, expr: ast.expr, scope: Scope) -> list[Binding]:
        """The bindings a Name or Attribute refers to (for container lookups)."""
        if isinstance(expr, ast.Attribute):
            return self._attr_bindings(expr, scope)
        if isinstance(expr, ast.Name):
            current: Scope | None = scope
            while current is not None:
                # Class bodies are not visible from their methods (Python scoping).
                if (current.kind != "class" or current is scope) and expr.id in current.names:
                    return current.names[expr.id]
                current = current.parent
        return []

    def _attr_bindings(self, expr: ast.Attribute, scope: Scope) -> list[Binding]:
        owner = scope.cls
        value = expr.value
        if owner is not None and isinstance(value, ast.Name) and value.id in ("self", "cls"):
            found = owner.names.get(expr.attr, []) + owner.self_attrs.get(expr.attr, [])
            if found:
                return found
        return self.tables.attrs.get(expr.attr, [])

    def entries(self, expr: ast.expr, scope: Scope, depth: int = 0) -> list[Entry]:
        """The literal elements a container expression may hold."""
        if depth > MAX_DEPTH:
            return []
        if type(expr) in _LITERALS:
            # A literal's entries depend on it and its scope alone: built once (a loop target
            # read along many paths asks for the same list comprehension thousands of times).
            # The cache holds both, so neither id can be reused by another object meanwhile.
            key = (id(expr), id(scope))
            known = self._literal_entries.get(key)
            if known is None:
                known = self._literal_entries[key] = (expr, scope, self._literal(expr, scope))
            return list(known[2])
        d = depth + 1
        if isinstance(expr, ast.Name | ast.Attribute):
            out: list[Entry] = []
            grown: set[int] = set()
            for binding in self.bindings_of(expr, scope):
                if binding.kind == "value" and id(binding) not in self._active:
                    self._active.add(id(binding))
                    self.used.add(id(binding.expr))
                    out += self.entries(binding.expr, binding.scope, d)
                    if isinstance(expr, ast.Name) and id(binding.scope) not in grown:
                        grown.add(id(binding.scope))
                        out += self._grown(binding.scope.appends.get(expr.id, []), d)
                    self._active.discard(id(binding))
            return out
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            return self.entries(expr.left, scope, d) + self.entries(expr.right, scope, d)
        if isinstance(expr, ast.Call):
            name = call_name(expr)
            if name == "dict" and not expr.args:
                return [
                    Entry(ast.Constant(kw.arg), kw.value, scope, True)
                    for kw in expr.keywords
                    if kw.arg
                ]
            if name in ("list", "tuple", "sorted", "set", "reversed", "frozenset") and expr.args:
                return self.entries(expr.args[0], scope, d)
        if isinstance(expr, ast.Subscript):
            return [
                sub
                for entry in self._matching(expr, scope, d)
                for sub in self.entries(entry.value, entry.scope, d)
            ]
        return []

    @staticmethod
    def _literal(expr: ast.expr, scope: Scope) -> list[Entry]:
        """``entries`` of a literal container or a comprehension."""
        if isinstance(expr, ast.Dict):
            return [
                Entry(k, v, scope, True)
                for k, v in zip(expr.keys, expr.values, strict=True)
                if k is not None
            ]
        if isinstance(expr, ast.List | ast.Tuple | ast.Set):
            return [
                Entry(ast.Constant(i), _unwrap_param(e), scope, False)
                for i, e in enumerate(expr.elts)
                if not isinstance(e, ast.Starred)
            ]
        if isinstance(expr, ast.DictComp):
            return [Entry(expr.key, expr.value, scope, True)]
        # One entry stands for every element: its value expression reads the loop targets,
        # which pyscope bound to the iterated containers.
        assert isinstance(expr, ast.ListComp | ast.SetComp | ast.GeneratorExp)
        return [Entry(ast.Constant(0), expr.elt, scope, False)]

    def _grown(self, appends: list[Binding], depth: int) -> list[Entry]:
        """What ``append``/``insert``/``add`` and ``extend`` put into a container later on."""
        out: list[Entry] = []
        for added in appends:
            if added.kind == "iter":
                out += self.entries(added.expr, added.scope, depth)
            else:
                out.append(Entry(ast.Constant(len(out)), added.expr, added.scope, False))
        return out

    def _matching(self, expr: ast.Subscript, scope: Scope, depth: int) -> list[Entry]:
        entries = self.entries(expr.value, scope, depth)
        key = expr.slice
        if isinstance(key, ast.Constant):
            hits = [
                e for e in entries if isinstance(e.key, ast.Constant) and e.key.value == key.value
            ]
            return hits or entries
        return entries

    def _subscript(self, expr: ast.Subscript, scope: Scope, depth: int) -> list[Val]:
        return dedupe(
            [
                v
                for e in self._matching(expr, scope, depth)
                for v in self.values(e.value, e.scope, depth)
            ]
        )

    def iter_values(
        self, expr: ast.expr, scope: Scope, index: tuple[int, ...], depth: int
    ) -> list[Val]:
        """The values a loop target (or one position of a tuple target) takes over ``expr``."""
        if depth > MAX_DEPTH:
            return []
        d = depth + 1
        if isinstance(expr, ast.Call):
            name, args = call_name(expr), expr.args
            receiver = expr.func.value if isinstance(expr.func, ast.Attribute) else None
            if name == "enumerate" and args:
                return self.iter_values(args[0], scope, index[1:], d) if index[:1] == (1,) else []
            if name == "zip" and index and index[0] < len(args):
                return self.iter_values(args[index[0]], scope, index[1:], d)
            if name in ("list", "tuple", "sorted", "set", "reversed") and args:
                return self.iter_values(args[0], scope, index, d)
            if receiver is not None and name in ("items", "keys", "values"):
                entries = self.entries(receiver, scope, d)
                if name == "keys" or (name == "items" and index[:1] == (0,)):
                    return self._vals([e.key for e in entries if e.key is not None], entries, d)
                rest = index[1:] if name == "items" else index
                return self._elements(entries, rest, d, use_keys=False)
        entries = self.entries(expr, scope, d)
        return self._elements(entries, index, d, use_keys=bool(entries and entries[0].is_dict))

    def _vals(self, exprs: list[ast.expr], entries: list[Entry], depth: int) -> list[Val]:
        scope = entries[0].scope if entries else self.tables.module
        return dedupe([v for e in exprs for v in self.values(e, scope, depth)])

    def _elements(
        self, entries: list[Entry], index: tuple[int, ...], depth: int, *, use_keys: bool
    ) -> list[Val]:
        out: list[Val] = []
        for entry in entries:
            node: ast.expr | None = entry.key if use_keys else entry.value
            for i in index:
                if isinstance(node, ast.Tuple | ast.List) and i < len(node.elts):
                    node = node.elts[i]
                else:
                    node = None
                    break
            if node is not None:
                out += self.values(node, entry.scope, depth)
        return dedupe(out)
