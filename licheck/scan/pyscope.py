"""Symbol tables for one Python module: what each name and attribute may be bound to.

One pass over the AST records, per scope, every binding of a name (assignment, loop target,
parameter default, argument at a call site of a local function) and, per attribute name, the
values that reach it (class bodies, ``self.x = ...``, argparse ``add_argument(default=...)``,
dataclass/pydantic field defaults, click/typer options). It never evaluates anything: pyvalues.py
reads these tables. Never imports or runs the scanned code.

The records (Binding, Scope) live in pybindings.py and the tables' storage and dispatch in
pytables.py; ``Tables`` here is the walk's handler for each kind of node.
"""

from __future__ import annotations

import ast

from licheck.scan.pyast import call_name, const_str, is_environ, option_dest, unwrap_default
from licheck.scan.pybindings import (
    COMMAND_NAMES,
    Binding,
    Scope,
    model_type,
    shaped,
    target_name,
)
from licheck.scan.pytables import TableStore

__all__ = ["COMMAND_NAMES", "Binding", "Scope", "Tables"]


# Methods that add to a list or set in place.
_GROWERS = frozenset({"append", "extend", "insert", "add"})


class Tables(TableStore):
    """Walks a module once and fills the scopes, attribute table and call list."""

    def build(self, tree: ast.Module) -> Tables:
        """Fill the tables from ``tree``, then bind call-site arguments to parameters."""
        self.visit(tree)
        self._bind_call_sites()
        return self

    def visit_Dict(self, node: ast.Dict) -> None:
        if any(type(k) is ast.Constant and type(k.value) is str for k in node.keys):
            self.dicts.append((node, self._scope))
        for key, value in zip(node.keys, node.values, strict=True):
            if shaped(value):
                self.literals.append(
                    (value, (const_str(key) if key is not None else None) or "", None)
                )
            if key is not None and shaped(key):
                self.literals.append((key, self._place, None))
        self.generic_visit(node)

    def visit_List(self, node: ast.List | ast.Tuple | ast.Set) -> None:
        if not isinstance(node, ast.Set):
            self._flag_list(node)
        for item in node.elts:
            if shaped(item):
                self.literals.append((item, self._place, None))
        self.direct(node)

    visit_Tuple = visit_List
    visit_Set = visit_List

    def _flag_list(self, node: ast.List | ast.Tuple) -> None:
        first = node.elts[0] if node.elts else None
        if type(first) is ast.Constant and first.value in COMMAND_NAMES:
            self.flag_lists.append(node)  # ["ollama", "pull", "llama3"]: a command line
            return
        for item in node.elts:
            if (
                type(item) is ast.Constant
                and type(item.value) is str
                and item.value.startswith("-")
            ):
                self.flag_lists.append(node)
                return

    def visit_Assign(self, node: ast.Assign) -> None:
        place = self._place
        last = node.targets[-1]
        self._place = last.id if type(last) is ast.Name else target_name(last)
        value, scope = node.value, self._scope
        if shaped(value):
            self.literals.append((value, self._place, None))
        for target in node.targets:
            if type(target) is ast.Name:  # most assignments: what _bind_target does for a name
                scope.bind(target.id, Binding("value", value, scope, (), target.id))
                continue
            self._bind_target(target, Binding("value", value, scope))
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                # MODELS["org/name"] = X grows the container by its key and its value.
                grown = self._scope.appends.setdefault(target.value.id, [])
                for item in (target.slice, node.value):
                    grown.append(Binding("value", item, self._scope, (), target.value.id))
                self.item_stores.append((target.value.id, target.slice, node.value, self._scope))
            elif isinstance(target, ast.Subscript) and is_environ(target.value):
                # os.environ["MODEL"] = "org/name": a setting for code this script starts.
                self.item_stores.append(("environ", target.slice, node.value, self._scope))
        self.direct(node)
        self._place = place

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        value = unwrap_default(node.value) if node.value is not None else None
        if value is not None:
            self._bind_target(node.target, Binding("value", value, self._scope))
            if model_type(node.annotation):
                self.typed_models.append(Binding("value", value, self._scope))
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._bind_target(node.target, Binding("value", node.value, self._scope))
        self.generic_visit(node)

    def visit_For(self, node: ast.For | ast.AsyncFor) -> None:
        self._bind_target(node.target, Binding("iter", node.iter, self._scope))
        self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self._bind_target(node.target, Binding("iter", node.iter, self._scope))
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for deco in node.decorator_list:
            self.visit(deco)
        outer = self._scope
        self._scope = Scope("class", outer, None)
        self._scope.cls = self._scope
        self.scopes.append(self._scope)
        for stmt in node.body:
            self.visit(stmt)
        # Class attributes are reachable as ``self.x``, ``Cls.x`` and ``instance.x`` alike.
        for name, bindings in self._scope.names.items():
            self.attrs.setdefault(name, []).extend(bindings)
        self._scope = outer

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer = self._scope
        args = node.args
        defaults = args.defaults
        for expr in [*node.decorator_list, *defaults, *args.kw_defaults]:
            if expr is not None:
                self.visit(expr)
        scope = Scope("function", outer, outer.cls)
        self.scopes.append(scope)
        if defaults:  # most functions have none (this runs for every def of every parsed file)
            params = [*args.posonlyargs, *args.args]
            for arg, default in zip(params[len(params) - len(defaults) :], defaults, strict=True):
                self._param_default(scope, arg, default, outer)
        for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
            if kw_default is not None:
                self._param_default(scope, arg, kw_default, outer)
        if node.decorator_list:
            self._click_options(node, scope, outer)
        self.functions.setdefault(node.name, []).append((node, scope))
        self._scope = scope
        visit = self.visit
        for stmt in node.body:
            visit(stmt)
        self._scope = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def _param_default(self, scope: Scope, arg: ast.arg, default: ast.expr, outer: Scope) -> None:
        value = unwrap_default(default)
        if value is not None:
            binding = Binding("value", value, outer, (), arg.arg)
            scope.bind(arg.arg, binding)
            if arg.annotation is not None and model_type(arg.annotation):
                self.typed_models.append(binding)

    def _click_options(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, scope: Scope, outer: Scope
    ) -> None:
        for deco in node.decorator_list:
            if isinstance(deco, ast.Call) and call_name(deco) in ("option", "argument"):
                self._option(deco, outer, scope)
            elif isinstance(deco, ast.Call) and call_name(deco) == "parametrize":
                self._parametrize(deco, scope, outer)

    def _parametrize(self, call: ast.Call, scope: Scope, outer: Scope) -> None:
        """``@pytest.mark.parametrize("model_id", [...])``: the parameter takes each value."""
        if len(call.args) < 2 or not isinstance(call.args[0], ast.Constant):
            return
        names = call.args[0].value
        if not isinstance(names, str):
            return
        params = [n.strip() for n in names.split(",")]
        for i, name in enumerate(params):
            index = (i,) if len(params) > 1 else ()
            scope.bind(name, Binding("iter", call.args[1], outer, index, name))

    def _option(self, call: ast.Call, where: Scope, param_scope: Scope | None = None) -> None:
        kws = {kw.arg: kw.value for kw in call.keywords if kw.arg}
        dest_expr = kws.get("dest")
        dest = dest_expr.value if isinstance(dest_expr, ast.Constant) else None
        name = option_dest(call.args, dest if isinstance(dest, str) else None)
        if name is None:
            return
        for key, kind in (("default", "value"), ("choices", "iter")):
            if key in kws:
                binding = Binding(kind, kws[key], where, (), name)
                self._attr(name, binding)
                if param_scope is not None:
                    param_scope.bind(name, binding)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            self.imported_from[alias.asname or alias.name] = node.module or ""

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname and "." in alias.name:  # import outlines.models as models
                parent, _, name = alias.name.rpartition(".")
                if name == alias.asname:
                    self.imported_from[name] = parent

    def visit_Call(self, node: ast.Call) -> None:
        self.calls.append((node, self._scope))
        func = node.func  # call_name inlined: this runs for every call in every parsed file
        name = (
            func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else ""
        )
        for arg in node.args:
            if shaped(arg):
                self.literals.append((arg, "", node))
        for kw in node.keywords:
            if shaped(kw.value):
                self.literals.append((kw.value, kw.arg or "", node))
        if name == "add_argument":
            self._option(node, self._scope)
        elif name in _GROWERS and node.args and isinstance(node.func, ast.Attribute):
            target = node.func.value
            if isinstance(target, ast.Name):
                kind = "iter" if name == "extend" else "value"
                binding = Binding(kind, node.args[-1], self._scope, (), target.id)
                self._scope.appends.setdefault(target.id, []).append(binding)
        self.direct(node)

    def _bind_call_sites(self) -> None:
        functions = self.functions
        if not functions:
            return
        known: dict[int, list[str]] = {}
        for call, caller in self.calls:
            called = call.func
            if type(called) is ast.Name:
                found = functions.get(called.id)
            elif type(called) is ast.Attribute:
                found = functions.get(called.attr)
            else:
                found = functions.get("")
            for func, scope in found or ():
                # Each function's parameters once: a method may be called from many places.
                params = known.get(id(func))
                if params is None:
                    params = known[id(func)] = [
                        a.arg for a in [*func.args.posonlyargs, *func.args.args]
                    ]
                if params and params[0] in ("self", "cls") and isinstance(call.func, ast.Attribute):
                    params = params[1:]
                for param, arg in zip(params, call.args, strict=False):
                    if not isinstance(arg, ast.Starred):
                        scope.bind(param, Binding("value", arg, caller, (), param))
                for kw in call.keywords:
                    if kw.arg is not None:
                        scope.bind(kw.arg, Binding("value", kw.value, caller, (), kw.arg))
