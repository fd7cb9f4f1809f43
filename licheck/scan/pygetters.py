"""Settings read with a fallback: ``os.getenv("MODEL", "org/name")``, ``cfg.get("model_id",
"gpt2")``, ``kwargs.pop("vision_tower", "org/name")``, ``config("LLM", default="...")``.

The key names what the fallback is, whatever the variable the result lands in is called
(``A = os.getenv("EMBEDDING_MODEL", "org/name")``), so a model key makes the fallback a model.
This module only reads the shape of the call; python.py decides what the fallback names.
"""

from __future__ import annotations

import ast

from licheck.scan.pyast import call_name, const_str

# Calls whose first argument is a key and whose fallback is the next argument.
_POSITIONAL = frozenset({"getenv", "get", "pop", "setdefault", "get_env", "getenv_or_default"})
# Settings readers that take the fallback by keyword only (python-decouple's ``config``,
# environs' ``env.str``).
_KEYWORD_ONLY = frozenset({"config", "env", "str", "get_setting", "get_config"})


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
