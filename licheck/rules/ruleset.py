"""Finding and loading the rule data: built-in packs, the taxonomy, vendors, extra packs.

The built-in directory holds four kinds of TOML file, told apart by file name:
``licenses.toml`` (the taxonomy), ``vendors.toml`` (vendor knowledge), ``provenance.toml`` (the
provenance and drift policy) and every other ``*.toml`` (a rule pack). Extra directories hold
rule packs only; a taxonomy, vendor or provenance file there is an error rather than a silent
override. This module reads files; it never evaluates rules.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import licheck
from licheck.errors import RuleFileError
from licheck.rules.pack import Rule, load_pack
from licheck.rules.policy import Policy, load_policy
from licheck.rules.taxonomy import Taxonomy, load_taxonomy
from licheck.rules.vendors import Vendors, load_vendors

TAXONOMY_FILE = "licenses.toml"
VENDORS_FILE = "vendors.toml"
POLICY_FILE = "provenance.toml"
SPECIAL_FILES = frozenset({TAXONOMY_FILE, VENDORS_FILE, POLICY_FILE})


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


@dataclass(frozen=True)
class RuleSet:
    """All loaded rules plus the taxonomy, vendor knowledge and policy they rely on."""

    rules: tuple[Rule, ...]
    taxonomy: Taxonomy
    vendors: Vendors
    policy: Policy
    packs: tuple[Path, ...] = ()

    def get(self, key: str) -> Rule | None:
        """The rule with this id or name (case-insensitive), e.g. for checking suppressions."""
        wanted = key.strip().lower()
        return next((r for r in self.rules if wanted in (r.id.lower(), r.name)), None)


def load_ruleset(extra_dirs: Sequence[Path] = (), *, builtin: Path | None = None) -> RuleSet:
    """Load the built-in data and packs, then the packs in ``extra_dirs`` (dirs or files).

    ``builtin`` replaces the built-in directory (tests use it). Packs load in file-name order
    within a directory; a rule id or name defined twice anywhere is a ``RuleFileError``.
    """
    base = builtin if builtin is not None else builtin_rules_dir()
    taxonomy = load_taxonomy(_required(base / TAXONOMY_FILE))
    vendors = load_vendors(_required(base / VENDORS_FILE))
    policy = load_policy(_required(base / POLICY_FILE), taxonomy)
    packs = [p for p in _tomls(base) if p.name not in SPECIAL_FILES]
    for extra in extra_dirs:
        for path in _tomls(Path(extra)):
            if path.name in SPECIAL_FILES:
                raise RuleFileError(
                    path,
                    None,
                    "extra rule directories hold rule packs only; the license taxonomy, "
                    "vendor and provenance files are built in (rename this file to add rules)",
                )
            packs.append(path)
    rules: list[Rule] = []
    first_seen: dict[str, Rule] = {}
    for path in packs:
        for index, rule in enumerate(load_pack(path, taxonomy)):
            for key, value in (("id", rule.id.lower()), ("name", rule.name)):
                clash = first_seen.get(value)
                if clash is not None:
                    raise RuleFileError(
                        path,
                        f"rule[{index}].{key}",
                        f"duplicate rule {key} '{getattr(rule, key)}' (first defined in "
                        f"{clash.pack}, rule {clash.id})",
                    )
            # Ids and names share one namespace because suppressions accept either.
            first_seen[rule.id.lower()] = rule
            first_seen[rule.name] = rule
            rules.append(rule)
    return RuleSet(tuple(rules), taxonomy, vendors, policy, tuple(packs))


def _required(path: Path) -> Path:
    if not path.is_file():
        raise RuleFileError(path, None, "required rule data file is missing")
    return path


def _tomls(location: Path) -> list[Path]:
    if location.is_file():
        return [location]
    if not location.is_dir():
        raise RuleFileError(location, None, "no such rule directory or file")
    return sorted(location.glob("*.toml"))
