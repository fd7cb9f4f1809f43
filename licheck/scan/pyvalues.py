"""Static evaluation of the string values a Python expression may take.

Follows names, attributes, containers, loops, ``os.getenv`` defaults, concatenation, ``%`` and
``str.format`` and f-strings through the tables pyscope.py builds. What cannot be known becomes
a ``{hole}`` in a pattern value rather than a guess. Bounded (depth, value count) so a hostile
file cannot make it loop or explode; never imports or runs anything.
The container side (bindings, literal entries, loop targets) is pycontainers.py.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager

from licheck.scan.pyast import call_name, const_str, hole_name, is_environ, returns
from licheck.scan.pycontainers import MAX_DEPTH, ContainerReader
from licheck.scan.pyformat import MAX_VALUES, Val, brace_format, dedupe, joined, percent, product
from licheck.scan.pyscope import Binding, Scope, Tables

_NAMED = (ast.Name, ast.Attribute)  # the expressions whose values are read from bindings
# Expressions one top-level question may visit: names bound many times (``unet = ...`` in each of
# fifty methods) branch at every level, and depth alone lets that grow past any time bound.
MAX_STEPS = 5_000


class Resolver(ContainerReader):
    """Answers "which strings may this expression be?" for one module."""

    def __init__(self, tables: Tables) -> None:
        super().__init__(tables)
        # (id(scope), parameter) -> values, while a local helper's return is being read.
        self._params: dict[tuple[int, str], list[Val]] = {}
        self._steps = 0
        self.limit = MAX_STEPS  # a caller asking a cheaper question may lower it
        # (name, id(scope), limit) -> (values, bindings reached, steps taken): a top-level read
        # of a name or an attribute, which every call passing ``hidden_states`` would otherwise
        # walk again.
        self._names_read: dict[tuple[str, int, int], tuple[list[Val], set[int], int]] = {}
        self._returns: dict[int, list[ast.expr]] = {}  # id(function) -> what it returns

    @contextmanager
    def tentatively(self, limit: int | None = None) -> Iterator[set[int]]:
        """Read without consuming: the bindings reached go to the set yielded, not to
        ``used``, for the caller to merge when the read counts; ``limit`` lowers the step
        budget for a cheaper question."""
        used, budget = self.used, self.limit
        self.used = set()
        if limit is not None:
            self.limit = limit
        try:
            yield self.used
        finally:
            self.used, self.limit = used, budget

    def values(self, expr: ast.expr, scope: Scope, depth: int = 0) -> list[Val]:
        """The possible string values of ``expr`` ([] when nothing is known, and past the
        MAX_STEPS budget of one top-level question)."""
        if depth == 0:
            if type(expr) in _NAMED and not self._active and not self._params:
                return self._name_values(expr, scope)  # type: ignore[arg-type]
            self._steps = 0
        self._steps += 1
        if depth > MAX_DEPTH or self._steps > self.limit:
            return []
        d = depth + 1
        text = const_str(expr)
        if text is not None:
            return [Val(text, at=(expr.lineno, expr.col_offset))]
        if isinstance(expr, ast.JoinedStr):
            return product([self._part(v, scope, d, expr) for v in expr.values])
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            return product([self.holey(expr.left, scope, d), self.holey(expr.right, scope, d)])
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod):
            right = expr.right.elts if isinstance(expr.right, ast.Tuple) else [expr.right]
            args = [self.holey(a, scope, d) for a in right]
            return percent(self.values(expr.left, scope, d), args)
        if isinstance(expr, ast.Name) and (id(scope), expr.id) in self._params:
            return self._params[id(scope), expr.id]
        if isinstance(expr, ast.Name | ast.Attribute):
            return self._from_bindings(self.bindings_of(expr, scope), d)
        if isinstance(expr, ast.Subscript):
            return self._subscript(expr, scope, d)
        if isinstance(expr, ast.Call):
            return self._call(expr, scope, d)
        if isinstance(expr, ast.IfExp):
            return self.values(expr.body, scope, d) + self.values(expr.orelse, scope, d)
        if isinstance(expr, ast.BoolOp):
            return [v for e in expr.values for v in self.values(e, scope, d)][:MAX_VALUES]
        return []

    def _name_values(self, expr: ast.Name | ast.Attribute, scope: Scope) -> list[Val]:
        """``values`` of a name or attribute asked at the top level, read once per spelling
        and scope.

        Outside a helper's parameters and any read in progress, the answer depends on what
        ``bindings_of`` looks up (a name; an attribute's name and whether it is read from
        ``self``/``cls``), the scope and the step budget alone (the tables do not change once
        built), so it is kept, with the bindings it reached, which each asker marks used again
        as a fresh read would, and the steps it took, which the step count is left at as after a
        fresh read.
        """
        if isinstance(expr, ast.Name):
            spelling = expr.id
        else:
            owner = expr.value
            own = isinstance(owner, ast.Name) and owner.id in ("self", "cls")
            spelling = ("self." if own else ".") + expr.attr
        key = (spelling, id(scope), self.limit)
        known = self._names_read.get(key)
        if known is None:
            outer, self.used = self.used, set()
            try:
                # What ``values`` does for a Name at depth 0: one step, then its bindings.
                self._steps = 1
                found = self._from_bindings(self.bindings_of(expr, scope), 1)
            finally:
                reached, self.used = self.used, outer
            known = (found, reached, self._steps)
            self._names_read[key] = known
        self.used |= known[1]
        self._steps = known[2]
        return list(known[0])

    def holey(self, expr: ast.expr, scope: Scope, depth: int) -> list[Val]:
        """``values``, or a single ``{hole}`` pattern when nothing is known."""
        return self.values(expr, scope, depth) or [Val("{" + hole_name(expr) + "}", True)]

    def _part(self, part: ast.expr, scope: Scope, depth: int, whole: ast.JoinedStr) -> list[Val]:
        if isinstance(part, ast.FormattedValue):
            return self.holey(part.value, scope, depth)
        text = const_str(part)
        # The f-string's own place: its parts carry no reliable positions before Python 3.12.
        return [Val(text, at=(whole.lineno, whole.col_offset))] if text is not None else []

    def _from_bindings(self, bindings: list[Binding], depth: int) -> list[Val]:
        out: list[Val] = []
        for binding in bindings:
            if self._steps > self.limit:
                break
            key = id(binding)
            if key in self._active:
                continue
            self._active.add(key)
            self.used.add(id(binding.expr))
            try:
                if binding.kind == "iter":
                    out += self.iter_values(binding.expr, binding.scope, binding.index, depth)
                else:
                    out += self.values(binding.expr, binding.scope, depth)
            finally:
                self._active.discard(key)
        return dedupe(out)

    def _call(self, call: ast.Call, scope: Scope, depth: int) -> list[Val]:
        name = call_name(call)
        receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
        kwargs = {kw.arg: kw.value for kw in call.keywords if kw.arg}
        if name == "getenv" or (name in ("get", "setdefault", "pop") and is_environ(receiver)):
            default = call.args[1] if len(call.args) > 1 else kwargs.get("default")
            return self.values(default, scope, depth) if default is not None else []
        if name == "getattr" and receiver is None and len(call.args) == 3:
            return self.values(call.args[2], scope, depth)  # getattr(cfg, "model", "org/name")
        if name in ("config", "env") and "default" in kwargs and call.args:
            return self.values(kwargs["default"], scope, depth)  # config("LLM", default="...")
        if name in ("get", "pop") and receiver is not None and call.args:
            fake = ast.Subscript(value=receiver, slice=call.args[0], ctx=ast.Load())
            fallback = self.values(call.args[1], scope, depth) if len(call.args) > 1 else []
            return dedupe(self._subscript(fake, scope, depth) + fallback)
        if name == "format" and receiver is not None:
            args = [self.holey(a, scope, depth) for a in call.args]
            # An unknown keyword keeps the template's own hole name: {size}, not {args_size}.
            named = {
                kw.arg: self.values(kw.value, scope, depth) or [Val("{" + kw.arg + "}", True)]
                for kw in call.keywords
                if kw.arg
            }
            return brace_format(self.values(receiver, scope, depth), args, named)
        if name == "join" and isinstance(receiver, ast.Attribute) and receiver.attr == "path":
            return joined("/", [self.holey(a, scope, depth) for a in call.args])
        if name == "join" and receiver is not None and call.args:
            seps = self.values(receiver, scope, depth)
            entries = self.entries(call.args[0], scope, depth)
            if len(seps) != 1 or not entries or len(entries) > 8:
                return []
            return joined(seps[0].text, [self.holey(e.value, e.scope, depth) for e in entries])
        if isinstance(call.func, ast.Name) and name in self.tables.functions:
            return self._helper(call, scope, depth)
        if name in ("str", "Field", "field", "Option", "Param") and call.args:
            return self.values(call.args[0], scope, depth)
        if name in ("field", "Field", "Option", "Param") and "default" in kwargs:
            return self.values(kwargs["default"], scope, depth)
        return []

    def _helper(self, call: ast.Call, scope: Scope, depth: int) -> list[Val]:
        """What a module-local function returns for this call.

        A parameter takes the call's argument only when that is a string literal; otherwise it
        stays a ``{parameter}`` hole, so ``coder_id(args.size)`` is the family
        ``.../Coder-{size}-...`` rather than whatever one chain of call sites happens to reach.
        """
        out: list[Val] = []
        for func, func_scope in self.tables.functions[call_name(call)]:
            # A bare-name call never reaches a method, whatever its name.
            if (
                id(func) in self._active
                or func_scope.parent is None
                or (func_scope.parent.kind == "class")
            ):
                continue
            params = [a.arg for a in [*func.args.posonlyargs, *func.args.args]]
            given = dict(zip(params, call.args, strict=False))
            given.update((kw.arg, kw.value) for kw in call.keywords if kw.arg)
            saved = dict(self._params)
            for param in [*params, *(a.arg for a in func.args.kwonlyargs)]:
                arg = given.get(param)
                text = const_str(arg) if arg is not None else None
                value = (
                    Val(text, at=(arg.lineno, arg.col_offset))
                    if arg is not None and text is not None
                    else Val("{" + param + "}", True)
                )
                self._params[id(func_scope), param] = [value]
            self._active.add(id(func))
            try:
                exprs = self._returns.get(id(func))
                if exprs is None:
                    exprs = self._returns[id(func)] = returns(func)
                for expr in exprs:
                    out += self.values(expr, func_scope, depth)
            finally:
                self._active.discard(id(func))
                self._params = saved
        return dedupe(out)
