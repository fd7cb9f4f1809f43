"""Where a literal sits in Python: settings read with a fallback, and places that hold no model.

Settings read with a fallback: ``os.getenv("MODEL", "org/name")``, ``cfg.get("model_id",
"gpt2")``, ``kwargs.pop("vision_tower", "org/name")``, ``config("LLM", default="...")``.

The key names what the fallback is, whatever the variable the result lands in is called
(``A = os.getenv("EMBEDDING_MODEL", "org/name")``), so a model key makes the fallback a model.
This module only reads the shape of the call; pycalls.py decides what the fallback names.
"""

from __future__ import annotations

import ast

from licheck.scan import keys
from licheck.scan.pyast import call_name, const_str

# Calls whose first argument is a key and whose fallback is the next argument.
_POSITIONAL = frozenset({"getenv", "get", "pop", "setdefault", "get_env", "getenv_or_default"})
# Settings readers that take the fallback by keyword only (python-decouple's ``config``,
# environs' ``env.str``).
_KEYWORD_ONLY = frozenset({"config", "env", "str", "get_setting", "get_config"})


def may_get(name: str) -> bool:
    """Whether a call named ``name`` can be a settings read (``getter`` needs no more)."""
    return name == "getattr" or name in _POSITIONAL or name in _KEYWORD_ONLY


def getter(call: ast.Call) -> tuple[str, ast.expr] | None:
    """The key and the fallback of a settings read, or None when ``call`` is not one."""
    name = call_name(call)
    if name == "getattr" and isinstance(call.func, ast.Name) and len(call.args) == 3:
        key = const_str(call.args[1])
        return (key, call.args[2]) if key else None
    if (name not in _POSITIONAL and name not in _KEYWORD_ONLY) or not call.args:
        return None
    key = const_str(call.args[0])
    if not key:
        return None
    if name == "str" and not isinstance(call.func, ast.Attribute):
        return None  # the builtin str("...")
    default = next((kw.value for kw in call.keywords if kw.arg == "default"), None)
    if default is None and name in _POSITIONAL and len(call.args) > 1:
        default = call.args[1]
    return (key, default) if default is not None else None


# Calls whose string arguments are text for people (messages, logs, help) or command lines.
_TEXT_CALLS = frozenset(
    {
        "print",
        "echo",
        "secho",
        "debug",
        "info",
        "warning",
        "warn",
        "error",
        "exception",
        "critical",
        "log",
        "write",
        "markdown",
        "add_argument",
        "Option",
        "Argument",
        "option",
        "argument",
        "startswith",
        "endswith",
        "replace",
        "split",
        "join",
        "format",
        "urljoin",
        "get_json",
        "post",
        "request",
    }
)


def not_a_model_place(place: str, call: ast.Call | None) -> bool:
    """Whether a literal at ``place`` (keyword, key or variable) given to ``call`` is known not
    to be a model: text for people, data, a Space, an output or a target (keys.py's words)."""
    if call is not None:
        name = call_name(call)
        if name in _TEXT_CALLS or keys.is_writer_name(name) or keys.is_dataset_key(name):
            return True
        kind = next((const_str(kw.value) for kw in call.keywords if kw.arg == "repo_type"), None)
        if kind not in (None, "model"):
            return True
    return bool(place) and keys.holds_no_model(place)
