"""Policy and settings from ``[tool.licheck]`` in pyproject.toml, merged with CLI options.

This module only reads and validates configuration; it never scans, resolves or reports. An
unknown key or a value of the wrong type is a ``ConfigError`` that names the file and the key,
because a misspelt policy that is silently ignored would let findings through.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from licheck.errors import ConfigError
from licheck.policy.parse import POLICY_KEYS, ProjectPolicy, parse_policy
from licheck.records import Severity
from licheck.tomlio import read_toml


@dataclass(frozen=True)
class Config:
    """Effective settings for one run; CLI options override the file."""

    fail_on: Severity | None = Severity.HIGH  # None: never fail on findings
    exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    offline: bool = False
    strict: bool = False
    include_docs: bool = False
    # rules folders (or files) merged over the built-in rule data, in order: the organisation's
    # (LICHECK_RULES_DIRS), the project's (`rules`), then --rules-dir
    rules: tuple[Path, ...] = ()
    # rule data written in [tool.licheck] itself (licenses, license_names, regrade, vendors,
    # alternatives), checked key by key when the rules load (licheck.rules.additions)
    rule_data: Mapping[str, Any] = field(default_factory=dict)
    cache_ttl_hours: float = 24.0
    workers: int = 8
    max_file_size: int = 1_000_000
    chain_depth: int = 8
    history_limit: int = 20
    family_limit: int = 50
    # seconds the whole Hub stage may take; what is not answered by then is unverified
    hub_timeout: float = 300.0
    # candidates (id-shaped strings in weak contexts): "report" asks the Hub and lists the
    # unconfirmed apart, "ignore" drops them unasked, "fail" also makes an unconfirmed one exit 1
    candidates: str = "report"
    candidate_limit: int = 100  # distinct candidate ids a run asks the Hub about
    # where `licheck preserve` keeps its store (None: --dest must say; never chosen for you)
    preserve_dir: Path | None = None
    # facts bundles read below the live Hub (relative to the config file; they must stay inside
    # the scanned tree), and the age in days after which a bundle's answer is a finding
    facts: tuple[Path, ...] = ()
    facts_max_age_days: float = 30.0
    # allow/deny lists, category settings and waivers (see licheck.policy.parse)
    policy: ProjectPolicy = field(default_factory=ProjectPolicy)
    source: Path | None = field(default=None, compare=False)

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with every override applied that is not ``KEEP``."""
        return replace(self, **{k: v for k, v in changes.items() if v is not KEEP})


KEEP: Any = object()  # an override value meaning "leave the file's value"


# key -> (expected python type(s), human description) for error messages
_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "fail_on": (str, "a severity: info, low, medium, high, critical or never"),
    "exclude": (list, "a list of glob strings"),
    "include": (list, "a list of glob strings"),
    "offline": (bool, "true or false"),
    "strict": (bool, "true or false"),
    "include_docs": (bool, "true or false"),
    "rules": (list, "a list of rules folders (rule packs, licenses, vendors), or files"),
    "cache_ttl_hours": ((int, float), "a number of hours, 0 or more (0: always ask again)"),
    "workers": (int, "a positive integer"),
    "max_file_size": (int, "a positive number of bytes"),
    "chain_depth": (int, "a positive integer (base_model levels followed)"),
    "history_limit": (int, "a positive integer (commits inspected per model)"),
    "family_limit": (int, "a positive integer (siblings listed per family)"),
    "hub_timeout": ((int, float), "a positive number of seconds (the whole Hub stage)"),
    "candidates": (str, "one of report, ignore or fail"),
    "candidate_limit": (int, "0 or a positive integer (candidate ids asked about per run)"),
    "preserve_dir": (str, "a folder for `licheck preserve`'s store (relative to this file)"),
    "facts": (list, "a list of facts bundle files inside the project (relative to this file)"),
    "facts_max_age_days": ((int, float), "a positive number of days"),
}
CANDIDATE_MODES = ("report", "ignore", "fail")
# Rule data [tool.licheck] may hold inline, in the format of a rules folder's files.
RULE_DATA_KEYS = ("licenses", "license_names", "regrade", "vendors", "alternatives")


def parse_severity(value: str, where: str) -> Severity | None:
    """Parse a ``--fail-on`` style value; ``never`` gives None (no finding fails the run)."""
    text = value.strip().lower()
    if text == "never":
        return None
    try:
        return Severity(text)
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise ConfigError(f"{where}: {value!r} is not a severity ({choices}, never)") from None


def parse_candidates(value: str, where: str) -> str:
    """A ``candidates`` mode (report, ignore, fail), or ConfigError naming ``where``."""
    mode = value.strip().lower()
    if mode not in CANDIDATE_MODES:
        choices = ", ".join(CANDIDATE_MODES)
        raise ConfigError(f"{where} candidates: {value!r} is not one of {choices}")
    return mode


def find_pyproject(start: Path) -> Path | None:
    """The pyproject.toml in ``start`` (a directory) or in the directory holding ``start``."""
    base = start if start.is_dir() else start.parent
    candidate = base / "pyproject.toml"
    return candidate if candidate.is_file() else None


def load_config(path: Path | None) -> Config:
    """Read ``[tool.licheck]`` from ``path``; a missing file or table gives the defaults."""
    if path is None:
        return Config()
    data, text = read_toml(path, lambda problem: ConfigError(f"{path}: {problem}"))
    table = data.get("tool", {}).get("licheck")
    if table is None:
        return Config(source=path)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.licheck] must be a table")
    return _from_table(table, path, text)


def _from_table(table: dict[str, Any], path: Path, text: str = "") -> Config:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in POLICY_KEYS:  # nested values: parse_policy checks them item by item
            continue
        if key in RULE_DATA_KEYS:  # checked with the rule data, naming tool.licheck.<key>...
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: [tool.licheck] {key} must be a table")
            continue
        if key not in _KEYS:
            known = ", ".join(sorted((*_KEYS, *POLICY_KEYS, *RULE_DATA_KEYS)))
            raise ConfigError(f"{path}: [tool.licheck] unknown key {key!r} (known keys: {known})")
        expected, description = _KEYS[key]
        # bool is an int subclass; a number key must not accept true/false.
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise ConfigError(f"{path}: [tool.licheck] {key} must be {description}")
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{path}: [tool.licheck] {key} must be {description}")
        values[key] = value
    where = f"{path}: [tool.licheck] fail_on"
    config = Config(source=path)
    changes: dict[str, Any] = {}
    if "fail_on" in values:
        changes["fail_on"] = parse_severity(values["fail_on"], where)
    for key in ("exclude", "include"):
        if key in values:
            changes[key] = tuple(values[key])
    if "rules" in values:
        changes["rules"] = tuple(
            (path.parent / Path(p).expanduser()).resolve() for p in values["rules"]
        )
    changes["rule_data"] = {key: table[key] for key in RULE_DATA_KEYS if key in table}
    if "preserve_dir" in values:
        if not values["preserve_dir"].strip():
            described = _KEYS["preserve_dir"][1]
            raise ConfigError(f"{path}: [tool.licheck] preserve_dir must be {described}")
        changes["preserve_dir"] = (
            path.parent / Path(values["preserve_dir"]).expanduser()
        ).resolve()
    if "candidates" in values:
        changes["candidates"] = parse_candidates(values["candidates"], f"{path}: [tool.licheck]")
    if "candidate_limit" in values:
        if values["candidate_limit"] < 0:
            described = _KEYS["candidate_limit"][1]
            raise ConfigError(f"{path}: [tool.licheck] candidate_limit must be {described}")
        changes["candidate_limit"] = values["candidate_limit"]
    for key in ("offline", "strict", "include_docs"):
        if key in values:
            changes[key] = values[key]
    if "cache_ttl_hours" in values:
        ttl = values["cache_ttl_hours"]
        # TOML allows nan and inf; a NaN age comparison never expires anything.
        if not math.isfinite(ttl) or ttl < 0:
            raise ConfigError(
                f"{path}: [tool.licheck] cache_ttl_hours must be {_KEYS['cache_ttl_hours'][1]}"
            )
        changes["cache_ttl_hours"] = float(ttl)
    for key in ("workers", "max_file_size", "chain_depth", "history_limit", "family_limit"):
        if key in values:
            if values[key] < 1:
                raise ConfigError(f"{path}: [tool.licheck] {key} must be {_KEYS[key][1]}")
            changes[key] = values[key]
    if "facts" in values:
        changes["facts"] = tuple(path.parent / Path(p) for p in values["facts"])
    if "facts_max_age_days" in values:
        if not values["facts_max_age_days"] > 0 or not math.isfinite(values["facts_max_age_days"]):
            described = _KEYS["facts_max_age_days"][1]
            raise ConfigError(f"{path}: [tool.licheck] facts_max_age_days must be {described}")
        changes["facts_max_age_days"] = float(values["facts_max_age_days"])
    if "hub_timeout" in values:
        if not values["hub_timeout"] > 0:  # also refuses nan
            described = _KEYS["hub_timeout"][1]
            raise ConfigError(f"{path}: [tool.licheck] hub_timeout must be {described}")
        changes["hub_timeout"] = float(values["hub_timeout"])
    changes["policy"] = parse_policy(table, path, text)
    return replace(config, **changes)
