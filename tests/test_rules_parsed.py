"""``licheck.rules.parsed``: the built-in rule files' parses kept in the cache folder answer
exactly what parsing answers, and a missing, stale or corrupt cache only costs the parse."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from licheck.rules import parsed, ruleset
from licheck.rules._toml import load_toml

TOML = """
title = "every TOML type"
day = 2026-12-06
local = 2026-12-06T17:30:00.123456
zoned = 2026-12-06T17:30:00+02:00
utc = 2026-12-06T17:30:00Z
clock = 07:45:00
numbers = [0, -1, 18446744073709551616, 1.5, 1e16, 1e-7, -0.0, inf, -inf]
flags = [true, false]
empty = {}
nan = nan

[[rule]]
id = "X1"
when = { a = [1, [2, [3]]], b = "é ☃" }

[[rule]]
id = "X2"
dates = [2025-01-01, 1999-12-31]
"""


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types throughout, nan equal to nan."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def load(path: Path, cache: Path | None) -> dict[str, Any]:
    with parsed.kept(cache):
        return load_toml(path)


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(TOML, encoding="utf-8")
    return path


def test_a_kept_parse_is_the_parse(rules_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    want = tomllib.loads(TOML)
    first = load(rules_file, cache)
    assert same(first, want)
    stored = json.loads((cache / parsed.NAME).read_text(encoding="utf-8"))
    assert stored["stamp"] == parsed.STAMP and len(stored["entries"]) == 1
    second = load(rules_file, cache)
    assert same(second, want) and second is not first
    assert second["zoned"].utcoffset() == want["zoned"].utcoffset()


def test_the_kept_parse_is_what_answers(rules_file: Path, tmp_path: Path) -> None:
    # Proof that a second load reads the cache: an entry changed there is what comes back, and
    # a changed file (another digest) is parsed again.
    cache = tmp_path / "cache"
    load(rules_file, cache)
    path = cache / parsed.NAME
    stored = json.loads(path.read_text(encoding="utf-8"))
    (digest,) = stored["entries"]
    stored["entries"][digest] = json.dumps({"title": "from the cache"})
    path.write_text(json.dumps(stored), encoding="utf-8")
    assert load(rules_file, cache) == {"title": "from the cache"}
    rules_file.write_text(TOML + "\nextra = 1\n", encoding="utf-8")
    assert same(load(rules_file, cache), tomllib.loads(TOML + "\nextra = 1\n"))


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        '{"stamp": "licheck 0.0.0; python 3.0", "entries": {}}',
        "[1, 2]",
        '{"stamp": "STAMP", "entries": {"DIGEST": "{\\"a\\": {\\"\\\\u0000toml\\": \\"date\\"}}"}}',
        '{"stamp": "STAMP", "entries": {"DIGEST": "[not json"}}',
        '{"stamp": "STAMP", "entries": {"DIGEST": 7}}',
        b"\xff\xfe not utf-8",
    ],
)
def test_a_broken_cache_costs_only_the_parse(
    rules_file: Path, tmp_path: Path, content: str | bytes
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    path = cache / parsed.NAME
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        digest = parsed._digest(TOML)
        path.write_text(content.replace("STAMP", parsed.STAMP).replace("DIGEST", digest))
    assert same(load(rules_file, cache), tomllib.loads(TOML))
    # ... and the file is written anew, whole.
    assert same(load(rules_file, cache), tomllib.loads(TOML))
    assert json.loads(path.read_text(encoding="utf-8"))["stamp"] == parsed.STAMP


def test_what_would_not_read_back_the_same_is_not_kept(tmp_path: Path) -> None:
    # A table shaped like the cache's own tag for a date must not come back as a date.
    path = tmp_path / "odd.toml"
    path.write_text('[table]\n"\\u0000toml" = "date"\niso = "2026-12-06"\n', encoding="utf-8")
    cache = tmp_path / "cache"
    want = tomllib.loads(path.read_text(encoding="utf-8"))
    assert same(load(path, cache), want)
    assert not (cache / parsed.NAME).exists()
    assert same(load(path, cache), want)


def test_an_unwritable_cache_folder_is_no_error(rules_file: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    assert same(load(rules_file, blocked), tomllib.loads(TOML))
    assert same(load(rules_file, None), tomllib.loads(TOML))


def test_the_builtin_rules_load_the_same_from_the_cache(tmp_path: Path) -> None:
    ruleset._read_builtin.cache_clear()
    fresh = ruleset.load_ruleset()
    ruleset._read_builtin.cache_clear()
    written = ruleset.load_ruleset(cache_dir=tmp_path)
    ruleset._read_builtin.cache_clear()
    kept = ruleset.load_ruleset(cache_dir=tmp_path)
    entries = json.loads((tmp_path / parsed.NAME).read_text(encoding="utf-8"))["entries"]
    assert len(entries) == len(list(ruleset.builtin_rules_dir().glob("*.toml"))) - 1  # scan.toml
    for other in (written, kept):
        assert other.rules == fresh.rules
        assert vars(other.taxonomy) == vars(fresh.taxonomy)  # plain classes: their data
        assert vars(other.vendors) == vars(fresh.vendors)
        assert other.provenance == fresh.provenance
        assert other.allowable == fresh.allowable
