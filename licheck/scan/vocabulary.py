"""The names the scan knows without asking the Hub, read from the built-in ``rules/scan.toml``.

``legacy_ids`` are the Hub's canonical model ids without a namespace (``gpt2``);
``api_providers`` are "provider/model" route prefixes that are never Hub namespaces
(``bedrock``). The file is read once per process and checked key by key: a missing, unknown or
mistyped key is a ``RuleFileError`` naming the file and the key. This module only reads data;
the decisions that use it live in ``ids`` and the extractors. It must not import the rule engine
(``licheck.rules``), which the pre-commit path never loads.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from licheck.builtin_rules import builtin_rules_dir
from licheck.errors import RuleFileError
from licheck.tomlio import read_toml

SCAN_FILE = "scan.toml"
_KEYS = ("legacy_ids", "api_providers")


@dataclass(frozen=True)
class ScanVocabulary:
    """What ``rules/scan.toml`` lists: legacy ids (exact) and API providers (lower-case)."""

    legacy_ids: frozenset[str]
    api_providers: frozenset[str]


def load_vocabulary(path: Path) -> ScanVocabulary:
    """Read and check ``path`` (a ``scan.toml``)."""
    data, _text = read_toml(path, lambda problem: RuleFileError(path, None, problem))
    for key in data:
        if key not in _KEYS:
            raise RuleFileError(path, key, f"unknown key; expected one of: {', '.join(_KEYS)}")
    legacy, providers = (_names(path, data, key) for key in _KEYS)
    return ScanVocabulary(legacy, frozenset(p.lower() for p in providers))


@functools.cache
def vocabulary() -> ScanVocabulary:
    """The built-in vocabulary, read on first use and kept for the process (worker processes
    read it once each)."""
    return load_vocabulary(builtin_rules_dir() / SCAN_FILE)


def _names(path: Path, data: dict[str, object], key: str) -> frozenset[str]:
    if key not in data:
        raise RuleFileError(path, key, "missing required key")
    value = data[key]
    if not isinstance(value, list) or not value:
        raise RuleFileError(path, key, "expected a non-empty array of strings")
    for index, item in enumerate(value):
        # A name with spaces could never equal a scanned word: it is a typo, not data.
        if not isinstance(item, str) or not item.strip() or item != item.strip() or " " in item:
            raise RuleFileError(path, f"{key}[{index}]", "expected a name without spaces")
    seen: set[str] = set()
    for index, item in enumerate(value):
        if item in seen:
            raise RuleFileError(path, f"{key}[{index}]", f"duplicate name {item!r}")
        seen.add(item)
    return frozenset(seen)
