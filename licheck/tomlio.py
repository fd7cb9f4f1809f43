"""Reading licheck's own TOML files (configuration, lock, rule data) with one error wording.

Every licheck file goes through here (``tomllib``, ``tomli`` before Python 3.11); only the scan's
TOML extractor and ``tomlpos`` parse text of their own. Callers choose the exception type, so a
lock or pyproject problem stays a ``ConfigError`` and a rule-file problem a ``RuleFileError``;
both name the file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


def read_toml(path: Path, error: Callable[[str], Exception]) -> tuple[dict[str, Any], str]:
    """The parsed data and the text of ``path``; ``error(problem)`` is raised on failure."""
    text = read_text(path, error)
    return parse_toml(text, error), text


def read_text(path: Path, error: Callable[[str], Exception]) -> str:
    """The text of ``path`` (UTF-8); ``error(problem)`` is raised when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise error(f"cannot read the file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text: {exc}") from exc


def parse_toml(text: str, error: Callable[[str], Exception]) -> dict[str, Any]:
    """The data of TOML ``text``; ``error(problem)`` is raised when it does not parse."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"not valid TOML: {exc}") from exc
    except RecursionError:  # tomllib recurses per bracket: ``x = [[[[...`` thousands deep
        raise error("not valid TOML: nested too deeply") from None
