"""Where licheck's built-in rule data lives: the top-level ``rules/`` folder of a checkout, or
``licheck/_rules`` inside a wheel.

It sits outside ``licheck.rules`` so that the scan can read its own data files (``scan.toml``)
without importing the rule engine. It only locates the folder; it reads no file.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import licheck
from licheck.errors import RuleFileError


def builtin_rules_dir() -> Path:
    """Where the built-in rule data lives.

    A wheel ships ``rules/`` as ``licheck/_rules`` (pyproject force-include); a source
    checkout or editable install has it at ``<repo>/rules`` next to the package.
    """
    packaged = importlib.resources.files("licheck") / "_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(licheck.__file__).resolve().parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise RuleFileError(checkout, None, "built-in rules directory not found; reinstall licheck")
