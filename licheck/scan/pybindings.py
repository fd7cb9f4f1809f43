"""The records of Python symbol tables: a Binding of a name, the Scope that holds it.

Also the cheap shape tests the table walk (pyscope.py, pytables.py) applies as it records them:
an ``org/name``-shaped literal, the name an assignment stores under, a model-named type. Never
imports or runs the scanned code.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TypeGuard

from licheck.scan.pyast import const_str
from licheck.scan.shellcmd import KNOWN_COMMANDS


@dataclass(slots=True, eq=False)
class Binding:
    """One way a name may get its value.

    ``kind`` is ``value`` (``expr`` is the value) or ``iter`` (the name is an element of
    ``expr``; ``index`` picks a position when the loop target is a tuple).
    """

    kind: str
    expr: ast.expr
    scope: Scope
    index: tuple[int, ...] = ()
    name: str = ""


@dataclass(slots=True, eq=False)
class Scope:
    """A module, class or function body."""

    kind: str
    parent: Scope | None = None
    cls: Scope | None = None  # for methods: the class whose ``self`` they see
    names: dict[str, list[Binding]] = field(default_factory=dict)
    self_attrs: dict[str, list[Binding]] = field(default_factory=dict)
    # ``xs.append(x)`` / ``xs.extend(ys)`` on a name: elements (value) or sequences (iter).
    appends: dict[str, list[Binding]] = field(default_factory=dict)

    def bind(self, name: str, binding: Binding) -> None:
        """Record one binding of ``name`` in this scope."""
        self.names.setdefault(name, []).append(binding)


def renamed(binding: Binding, name: str) -> Binding:
    # dataclasses.replace costs several times this, once per assignment in the module.
    return Binding(binding.kind, binding.expr, binding.scope, binding.index, name)


# Programs whose command lines shell.py reads, when Python runs them from a list of words.
COMMAND_NAMES = KNOWN_COMMANDS


def shaped(node: ast.expr | None) -> TypeGuard[ast.Constant]:
    """A string literal shaped like ``org/name`` (the cheap test; ids.py judges it)."""
    if type(node) is not ast.Constant:
        return False
    value = node.value
    return (
        type(value) is str and 2 < len(value) <= 120 and value.count("/") == 1 and " " not in value
    )


def target_name(target: ast.expr) -> str:
    """``x`` / ``self.x`` / ``cfg["x"]``: the name an assignment stores under."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript):
        return const_str(target.slice) or ""
    return ""


def model_type(annotation: ast.expr) -> bool:
    """A type named for a model (``PipelineModel``, ``Optional[ModelId]``; pydantic's
    ``BaseModel`` is a record, not one): its value is a model to load."""
    # Asked for every annotated parameter with a default: the usual shapes (``int``,
    # ``Optional[str]``, ``str | None``, ``a.B``) are taken apart here, anything else by
    # ast.walk; the same names are looked at either way. A stack, not recursion: ``A | B | ...``
    # nests as deep as it is long.
    todo = [annotation]
    while todo:
        node = todo.pop()
        if type(node) is ast.Name:
            if _model_name(node.id):
                return True
        elif type(node) is ast.Attribute:
            if _model_name(node.attr):
                return True
            todo.append(node.value)
        elif type(node) is ast.Subscript:
            todo += (node.value, node.slice)
        elif type(node) is ast.BinOp:
            todo += (node.left, node.right)
        elif type(node) is ast.Tuple:
            todo += node.elts
        elif type(node) is not ast.Constant and any(_walked_name(n) for n in ast.walk(node)):
            return True
    return False


def _model_name(name: str) -> bool:
    return name != "BaseModel" and "Model" in name


def _walked_name(node: ast.AST) -> bool:
    name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
    return isinstance(name, str) and _model_name(name)
