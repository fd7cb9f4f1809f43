"""The storage of Python symbol tables and the dispatch of the one walk that fills them.

``TableStore`` holds what ``Tables`` (pyscope.py) records (scopes, attributes, calls, functions,
imports, configs and literals kept as data), dispatches the walk through a per-type cache, binds
assignment targets and empties itself once read. Never imports or runs the scanned code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from typing import Any

from licheck.scan.pyast import LEAF_TYPES, child_fields
from licheck.scan.pybindings import Binding, Scope, renamed

# The children of the node kinds ``TableStore.direct`` enters, in their field order. A keyword
# dispatches to ``visit_keyword`` like any child.
_CHILDREN: dict[type, Callable[[Any], Iterable[Any]]] = {
    ast.Expr: lambda n: (n.value,),
    ast.Return: lambda n: (n.value,),
    ast.Starred: lambda n: (n.value,),
    ast.UnaryOp: lambda n: (n.operand,),
    ast.BinOp: lambda n: (n.left, n.right),
    ast.Subscript: lambda n: (n.value, n.slice),
    ast.Compare: lambda n: (n.left, *n.comparators),
    ast.If: lambda n: (n.test, *n.body, *n.orelse),
    ast.Assign: lambda n: (*n.targets, n.value),
    ast.Call: lambda n: (n.func, *n.args, *n.keywords),
    ast.List: lambda n: n.elts,
    ast.Tuple: lambda n: n.elts,
    ast.Set: lambda n: n.elts,
    ast.JoinedStr: lambda n: n.values,
    ast.BoolOp: lambda n: n.values,
}


class TableStore(ast.NodeVisitor):
    """The tables one walk of a module fills, the walk's dispatch, and target binding."""

    def __init__(self) -> None:
        self.module = Scope("module")
        self.scopes: list[Scope] = [self.module]
        self.attrs: dict[str, list[Binding]] = {}
        self.calls: list[tuple[ast.Call, Scope]] = []
        self.functions: dict[str, list[tuple[ast.FunctionDef | ast.AsyncFunctionDef, Scope]]] = {}
        self.imported_from: dict[str, str] = {}  # local name -> module of ``from m import x``
        # Lists and tuples holding a "-flag" string: command lines kept as data.
        self.flag_lists: list[ast.List | ast.Tuple] = []
        # Dict literals with a string key (``{"model": ...}``): configs kept as data.
        self.dicts: list[tuple[ast.Dict, Scope]] = []
        # ``cfg["path"] = value``: (container name, key, value, scope), configs built in steps.
        self.item_stores: list[tuple[str, ast.expr, ast.expr, Scope]] = []
        # Defaults of parameters and fields whose type says model (``seg: PipelineModel = ...``).
        self.typed_models: list[Binding] = []
        # Id-shaped string literals written directly in a call, a dict, a list or an assignment,
        # with the name of their place (keyword, key, target) and the call they are given to.
        self.literals: list[tuple[ast.Constant, str, ast.Call | None]] = []
        self._place = ""  # the assignment target whose value is being visited
        self._scope = self.module
        self._methods: dict[type, Callable[[Any], None] | None] = {}

    def release(self) -> None:
        """Empty the tables once read: without scope/binding cycles the tree is freed at once."""
        for scope in self.scopes:
            scope.names.clear()
            scope.self_attrs.clear()
            scope.appends.clear()
            scope.cls = None
        self.attrs.clear()
        self.calls.clear()
        self.functions.clear()
        self.flag_lists.clear()
        self.dicts.clear()
        self.item_stores.clear()
        self.typed_models.clear()
        self.literals.clear()

    def visit(self, node: ast.AST) -> None:
        """Dispatch through a per-type cache (NodeVisitor's name lookup is the hot spot)."""
        try:
            handler = self._methods[type(node)]
        except KeyError:
            handler = self._handler(type(node))
        if handler is not None:
            handler(node)

    def _handler(self, kind: type) -> Callable[[Any], None] | None:
        """The method for nodes of ``kind``; None for leaves and non-nodes, which are skipped."""
        handler = None
        if issubclass(kind, ast.AST) and kind not in LEAF_TYPES:
            handler = getattr(self, "visit_" + kind.__name__, None) or self.generic_visit
        self._methods[kind] = handler
        return handler

    def generic_visit(self, node: ast.AST) -> None:
        """Visit children, skipping leaves that can bind nothing and call nothing."""
        methods = self._methods
        for name in child_fields(type(node)):
            value = getattr(node, name, None)
            if type(value) is not list:  # one child: no one-item tuple to loop over
                try:
                    handler = methods[type(value)]
                except KeyError:
                    handler = self._handler(type(value))
                if handler is not None:
                    handler(value)
                continue
            for item in value:
                try:
                    handler = methods[type(item)]
                except KeyError:
                    handler = self._handler(type(item))
                if handler is not None:
                    handler(item)

    # Attributes and keywords are a third of the nodes the walk meets, and each has one child
    # worth entering: visited without generic_visit's field scan. An attribute chain still
    # recurses once per dot, so a chain nested past Python's limit is refused as before.
    def visit_Attribute(self, node: ast.Attribute) -> None:
        """``a.b``: the value ``a``."""
        self.visit(node.value)

    def visit_keyword(self, node: ast.keyword) -> None:
        """``f(key=value)``: the value."""
        self.visit(node.value)

    # The statement and expression kinds that are most of the rest have a fixed set of children
    # (``_CHILDREN``): entered directly, in field order as generic_visit would, with the
    # dispatch inlined, so a nesting level still costs one frame and deep code is refused as
    # before. Tables' own visitors for some of them end here too.
    def direct(self, node: ast.AST) -> None:
        """Visit the children ``_CHILDREN`` lists for ``node``'s kind."""
        methods = self._methods
        for item in _CHILDREN[type(node)](node):
            try:
                handler = methods[type(item)]
            except KeyError:
                handler = self._handler(type(item))
            if handler is not None:
                handler(item)

    visit_Expr = visit_Return = visit_Starred = visit_UnaryOp = direct
    visit_BinOp = visit_Subscript = visit_Compare = visit_If = direct
    visit_JoinedStr = visit_BoolOp = direct

    def _attr(self, name: str, binding: Binding) -> None:
        self.attrs.setdefault(name, []).append(binding)

    def _bind_target(self, target: ast.expr, binding: Binding) -> None:
        if isinstance(target, ast.Name):
            self._scope.bind(target.id, renamed(binding, target.id))
        elif isinstance(target, ast.Attribute):
            named = renamed(binding, target.attr)
            self._attr(target.attr, named)
            owner = self._scope.cls
            value = target.value
            if owner is not None and isinstance(value, ast.Name) and value.id in ("self", "cls"):
                owner.self_attrs.setdefault(target.attr, []).append(named)
        elif isinstance(target, ast.Tuple | ast.List):
            value = binding.expr
            for i, elt in enumerate(target.elts):
                if binding.kind == "value" and isinstance(value, ast.Tuple | ast.List):
                    if len(value.elts) == len(target.elts):
                        self._bind_target(elt, Binding("value", value.elts[i], binding.scope))
                elif binding.kind == "iter":
                    index = (*binding.index, i)
                    self._bind_target(elt, Binding("iter", binding.expr, binding.scope, index))
