""".gitignore patterns: licheck's quick path (one joined regex in front of pathspec) gives plain
pathspec's verdict on generated patterns and paths, whatever pathspec release is installed."""

from __future__ import annotations

import pathspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pathspec.util import normalize_file

from licheck.errors import ConfigError
from licheck.scan.ignorefile import Spec, globs

# Pieces of a path segment: literals (some with regex metacharacters), wildcards, classes.
ATOMS = st.sampled_from(
    ["a", "b", "x", "ab", ".py", "_", "-", "+", ".", "(", "$", "*", "?", "[ab]", "[!a]", "[a-c]"]
)
SEGMENT = st.one_of(
    st.just("**"),
    st.lists(ATOMS, min_size=1, max_size=3).map("".join),
)
PATTERNS = st.builds(
    lambda bang, lead, segments, tail: bang + lead + "/".join(segments) + tail,
    st.sampled_from(["", "", "!"]),
    st.sampled_from(["", "", "/", "**/"]),
    st.lists(SEGMENT, min_size=1, max_size=3),
    st.sampled_from(["", "", "/", "/*", "/**"]),
)
# Raw lines over gitignore's special characters: escapes, comments, spaces, stray brackets.
RAW = st.text(alphabet="ab*?[]!/\\#. ", max_size=8)
LINES = st.lists(st.one_of(PATTERNS, PATTERNS, RAW), max_size=8)
NAMES = st.sampled_from(["a", "b", "x", "ab", "a.py", "b.py", "_", "-", "(", "$", "x+", "a.b"])
PATHS = st.builds(
    lambda lead, parts, folder: lead + "/".join(parts) + ("/" if folder else ""),
    st.sampled_from(["", "", "/", "./"]),
    st.lists(NAMES, min_size=1, max_size=4),
    st.booleans(),
)


def _plain(lines: list[str]) -> pathspec.GitIgnoreSpec | None:
    """Plain pathspec's spec, or None when it refuses the lines."""
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # what pathspec raises for a refused pattern varies by release
        return None


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Lines and paths, some lines cut from the paths (so anchored patterns match too)."""
    paths = draw(st.lists(PATHS, min_size=1, max_size=6))
    lines = draw(LINES)
    for path in draw(st.lists(st.sampled_from(paths), max_size=3)):
        parts = [p for p in path.split("/") if p not in ("", ".")]
        kept = parts[: draw(st.integers(min_value=1, max_value=len(parts)))]
        segments = [draw(st.sampled_from([p, "*", "**", "?" + p[1:], p[:1] + "*"])) for p in kept]
        lead = draw(st.sampled_from(["", "/", "!", "!/", "**/"]))
        tail = draw(st.sampled_from(["", "/", "/*", "/**"]))
        at = draw(st.integers(min_value=0, max_value=len(lines)))
        lines.insert(at, lead + "/".join(segments) + tail)
    return lines, paths


# Stray brackets make Python warn about possible nested sets, in pathspec's regexes and ours.
@pytest.mark.filterwarnings("ignore::FutureWarning")
@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_quick_path_gives_pathspecs_verdict(case: tuple[list[str], list[str]]) -> None:
    lines, paths = case
    plain = _plain(lines)
    if plain is None:
        with pytest.raises(Exception):  # noqa: B017 - pathspec's own error, whichever it is
            Spec(lines)
        return
    spec = Spec(lines)
    for path in paths:
        expected = plain.check_file(path).include
        assert spec.check(path) == expected, (lines, path, spec.quick)
        assert spec.match_file(path) == bool(expected)


@pytest.mark.filterwarnings("ignore::FutureWarning")
@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_the_quick_regex_never_rules_out_a_deciding_pattern(
    case: tuple[list[str], list[str]],
) -> None:
    lines, paths = case
    plain = _plain(lines)
    if plain is None:
        return
    spec = Spec(lines)
    assert spec.quick is not None  # pathspec's regexes carry no group this cannot rename
    for path in paths:
        if plain.check_file(path).include is not None:
            assert spec.quick.search(normalize_file(path)) is not None, (lines, path)


@settings(max_examples=200, deadline=None)
@given(patterns=st.lists(PATTERNS, min_size=1, max_size=4), path=PATHS)
def test_exclude_globs_match_as_pathspec_does(patterns: list[str], path: str) -> None:
    plain = _plain(patterns)
    if plain is None:
        with pytest.raises(ConfigError, match="invalid exclude glob"):
            globs(patterns, "exclude")
        return
    spec = globs(patterns, "exclude")
    assert spec is not None
    assert spec.match_file(path) == bool(plain.check_file(path).include)
