"""Small, stateless helpers over Python AST nodes shared by the Python extractor's modules.

Names of calls, option destinations, default-value wrappers, readable hole names. Reads nodes
only; never evaluates or imports anything.
"""

from __future__ import annotations

import ast

from licheck.scan.text import words

# Nodes that can neither bind a name nor contain a call: the table walk does not enter them.
LEAVES = (
    ast.Constant,
    ast.Name,
    ast.expr_context,
    ast.operator,
    ast.cmpop,
    ast.unaryop,
    ast.boolop,
    ast.alias,
    ast.Pass,
)
_NEW_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
_DEFAULT_WRAPPERS = frozenset({"field", "Field", "Option", "Argument"})


def _subclasses(kind: type) -> set[type]:
    found = {kind}
    subs: list[type] = kind.__subclasses__()
    for sub in subs:
        found |= _subclasses(sub)
    return found


# LEAVES and their concrete subclasses, for an exact-type test (``type(node) in LEAF_TYPES``).
LEAF_TYPES = frozenset(cls for leaf in LEAVES for cls in _subclasses(leaf))
# Fields that hold names, flags, operators or aliases: never a node the table walk must enter.
_NOT_CHILDREN = words(
    "ctx op ops id attr arg name names type_comment kind module level is_async conversion simple"
)


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def child_fields(kind: type) -> tuple[str, ...]:
    """The fields of AST node type ``kind`` that may hold nodes worth visiting."""
    try:
        return _CHILD_FIELDS[kind]
    except KeyError:
        fields = tuple(f for f in getattr(kind, "_fields", ()) if f not in _NOT_CHILDREN)
        _CHILD_FIELDS[kind] = fields
        return fields


def call_name(call: ast.Call) -> str:
    """The called function's last name: ``a.b.from_pretrained(...)`` -> ``from_pretrained``."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def const_str(expr: ast.expr) -> str | None:
    """The value of a string literal, else None."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def unwrap_default(expr: ast.expr) -> ast.expr | None:
    """The default inside ``field(default=X)``, ``Field(X)``, ``typer.Option(X)``; else expr.

    None when the wrapper has no usable default (``Field(...)``, ``field(default_factory=f)``).
    """
    if not isinstance(expr, ast.Call):
        return expr
    name = call_name(expr)
    if name not in _DEFAULT_WRAPPERS:
        return expr
    for kw in expr.keywords:
        if kw.arg == "default":
            return kw.value
    if name == "field" or not expr.args:
        return None
    first = expr.args[0]
    if isinstance(first, ast.Name):
        return first
    if isinstance(first, ast.Constant) and first.value is not Ellipsis:
        return first
    return None


def option_dest(args: list[ast.expr], dest: str | None) -> str | None:
    """The attribute argparse/click stores an option under: ``--model-id`` -> ``model_id``."""
    if dest:
        return dest
    names = [a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    longs = [n for n in names if n.startswith("--")]
    chosen = longs[0] if longs else (names[0] if names else None)
    if chosen is None or (chosen.startswith("-") and not chosen.startswith("--")):
        return None
    return chosen.lstrip("-").replace("-", "_")


def hole_name(expr: ast.expr) -> str:
    """A readable name for an unknown value: ``args.size`` and ``os.environ["SIZE"]`` -> ``size``
    and ``SIZE``."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Subscript):
        key = const_str(expr.slice)
        return key if key is not None and key.isidentifier() else hole_name(expr.value)
    if isinstance(expr, ast.Call):
        return call_name(expr) or "value"
    return "value"


def returns(func: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    """The expressions ``func`` itself returns (not those of functions nested in it)."""
    out: list[ast.expr] = []
    todo: list[ast.AST] = list(func.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            out.append(node.value)
        elif not isinstance(node, _NEW_SCOPES):
            todo.extend(ast.iter_child_nodes(node))
    return out[::-1]


def is_environ(expr: ast.expr | None) -> bool:
    """``os.environ`` or a bare ``environ``."""
    if isinstance(expr, ast.Attribute):
        return expr.attr == "environ"
    return isinstance(expr, ast.Name) and expr.id == "environ"
