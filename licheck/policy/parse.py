"""The policy part of ``[tool.licheck]``: license lists, category settings and waivers.

``parse_policy`` reads ``allow_licenses``, ``deny_licenses``, ``categories`` and ``accept`` into
a ``ProjectPolicy``; every mistake is a ``ConfigError`` naming the file, the key (``accept[1].
expires``) and, for waivers, the line. Names that depend on the loaded rules and taxonomy (known
categories, rule ids, license ids) are checked later by ``licheck.policy.apply``. This
module only reads configuration; it never applies the policy.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from licheck.errors import ConfigError
from licheck.records import Severity
from licheck.tomlpos import value_offsets

POLICY_KEYS = ("allow_licenses", "deny_licenses", "categories", "accept")
_WAIVER_KEYS = ("model", "rules", "reason", "expires")
# A placeholder Hub id, not a license: allowing or denying it would cover every custom license.
_PLACEHOLDER = "other"
_BARE = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Waiver:
    """One ``accept`` entry: findings of ``rules`` on models matching ``model`` are accepted.

    ``model`` is an exact id or a glob such as ``Qwen/*`` (matched case-insensitively);
    ``rules`` holds rule ids, rule names or finding categories. The waiver holds through its
    ``expires`` day (None: no end). ``index`` is its position in ``accept`` and ``line`` its line
    in the config file when it could be found, for messages and for the findings about it.
    """

    model: str
    rules: tuple[str, ...]
    reason: str
    expires: dt.date | None = None
    index: int = 0
    line: int | None = None

    @property
    def key(self) -> str:
        """How messages name it: ``accept[2]``."""
        return f"accept[{self.index}]"

    def expired(self, today: dt.date) -> bool:
        """True once ``today`` is past ``expires``."""
        return self.expires is not None and self.expires < today


@dataclass(frozen=True)
class ProjectPolicy:
    """The user's license policy and waivers (``licheck.policy.apply`` applies it).

    ``categories`` pairs a finding category with False (silence it), True (keep it) or a
    severity that replaces the rules' one. ``source`` is the file it came from.
    """

    allow_licenses: tuple[str, ...] = ()
    deny_licenses: tuple[str, ...] = ()
    categories: tuple[tuple[str, bool | Severity], ...] = ()
    accept: tuple[Waiver, ...] = ()
    source: Path | None = field(default=None, compare=False)

    def setting(self, category: str) -> bool | Severity:
        """What to do with findings of ``category``: False, True, or a severity to impose."""
        return self._settings.get(category, True)

    @cached_property
    def _settings(self) -> dict[str, bool | Severity]:
        # Asked once per finding of a run; ``categories`` is frozen, so its table is made once.
        return dict(self.categories)


def config_error(path: Path | None, key: str, problem: str, line: int | None = None) -> ConfigError:
    """``<file>[:line]: [tool.licheck] <key> <problem>``."""
    where = f"{path}:{line}" if path and line else str(path or "pyproject.toml")
    return ConfigError(f"{where}: [tool.licheck] {key} {problem}")


def parse_policy(table: Mapping[str, Any], path: Path, text: str = "") -> ProjectPolicy:
    """Read the policy keys of a ``[tool.licheck]`` table; ``text`` is the file, for lines."""
    allow = _licenses(table, "allow_licenses", path)
    deny = _licenses(table, "deny_licenses", path)
    allowed = {entry.lower() for entry in allow}
    for index, entry in enumerate(deny):
        if entry.lower() in allowed:
            raise config_error(path, f"deny_licenses[{index}]", f"{entry!r} is allowed too")
    categories = table.get("categories", {})
    if not isinstance(categories, dict):
        raise config_error(path, "categories", "must be a table of category = true/false/severity")
    accept = table.get("accept", [])
    if not isinstance(accept, list):
        raise config_error(path, "accept", "must be an array of {model, rules, reason} tables")
    lines = _waiver_lines(text, len(accept))
    return ProjectPolicy(
        allow_licenses=allow,
        deny_licenses=deny,
        categories=tuple(_category(path, name, value) for name, value in categories.items()),
        accept=tuple(_waiver(path, i, w, lines[i]) for i, w in enumerate(accept)),
        source=path,
    )


def _licenses(table: Mapping[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise config_error(path, key, "must be a list of license ids, SPDX ids or license names")
    out: list[str] = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise config_error(path, f"{key}[{index}]", "must be a non-empty string")
        if item.strip().lower() == _PLACEHOLDER:
            problem = "is a placeholder ('other' + license_name): list the license_name instead"
            raise config_error(path, f"{key}[{index}]", problem)
        out.append(item.strip())
    return tuple(out)


def _category(path: Path, name: str, value: object) -> tuple[str, bool | Severity]:
    key = f"categories.{name if _BARE.fullmatch(name) else repr(name)}"
    if isinstance(value, bool):
        return name, value
    choices = ", ".join(s.value for s in Severity)
    problem = f"must be true (keep), false (silence) or a severity ({choices})"
    if not isinstance(value, str):
        raise config_error(path, key, problem)
    try:
        return name, Severity(value.strip().lower())
    except ValueError:
        raise config_error(path, key, f"{problem}, not {value!r}") from None


def _waiver(path: Path, index: int, value: object, line: int | None) -> Waiver:
    at = f"accept[{index}]"
    if not isinstance(value, dict):
        raise config_error(path, at, "must be a table {model, rules, reason, expires}", line)
    for name in value:
        if name not in _WAIVER_KEYS:
            problem = f"is not a waiver key (expected: {', '.join(_WAIVER_KEYS)})"
            raise config_error(path, f"{at}.{name}", problem, line)
    for name in ("model", "reason"):
        text = value.get(name)
        if not isinstance(text, str) or not text.strip():
            raise config_error(path, f"{at}.{name}", "is required: a non-empty string", line)
    rules = value.get("rules")
    if not isinstance(rules, list) or not rules:
        problem = "is required: a non-empty list of rule ids, rule names or categories"
        raise config_error(path, f"{at}.rules", problem, line)
    for i, rule in enumerate(rules):
        if not isinstance(rule, str) or not rule.strip():
            raise config_error(path, f"{at}.rules[{i}]", "must be a non-empty string", line)
    expires = value.get("expires")
    # tomllib reads 2026-12-31T00:00 as a datetime (a date subclass) and "2026-12-31" as a str.
    if expires is not None and (
        not isinstance(expires, dt.date) or isinstance(expires, dt.datetime)
    ):
        problem = "must be a TOML date, unquoted and without a time: expires = 2026-12-31"
        raise config_error(path, f"{at}.expires", problem, line)
    return Waiver(
        model=value["model"].strip(),
        rules=tuple(rule.strip() for rule in rules),
        reason=value["reason"].strip(),
        expires=expires,
        index=index,
        line=line,
    )


def _waiver_lines(text: str, count: int) -> list[int | None]:
    """The line of each waiver's ``model`` value, or None when it cannot be placed.

    Taken from the document's structure (``tomlpos``), in the inline (``accept = [{...}]``) and
    the ``[[tool.licheck.accept]]`` spelling alike: a commented-out waiver, or a ``model`` key of
    another table, never takes a waiver's line.
    """
    offsets = value_offsets(text) if count else {}
    lines: list[int | None] = []
    for index in range(count):
        waiver = ("tool", "licheck", "accept", index)
        # Without a model, an inline waiver's own brace still says where it is.
        found = offsets.get((*waiver, "model"), offsets.get(waiver))
        lines.append(None if found is None else text.count("\n", 0, found) + 1)
    return lines
