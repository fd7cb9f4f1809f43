"""Positions of TOML values by key path (``licheck.tomlpos``): every value tomllib reads
is placed at its own text, whatever comments, keys and other strings say."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from licheck.tomlpos import value_offsets

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def leaves(value: Any, path: tuple[str | int, ...] = ()) -> dict[tuple[str | int, ...], Any]:
    """Every scalar of a parsed document by its concrete path."""
    if isinstance(value, dict):
        return {p: v for k, item in value.items() for p, v in leaves(item, (*path, k)).items()}
    if isinstance(value, list):
        return {p: v for i, item in enumerate(value) for p, v in leaves(item, (*path, i)).items()}
    return {path: value}


def written_at(text: str, offset: int, value: Any) -> bool:
    """Whether the text at ``offset`` starts with ``value`` as TOML writes it."""
    rest = text[offset : offset + 4000]
    for end in range(1, len(rest) + 1):
        try:
            found = tomllib.loads("v = " + rest[:end])["v"]
        except tomllib.TOMLDecodeError:
            continue
        if repr(found) == repr(value):  # repr: nan equals nan
            return True
    return False


def check(text: str) -> None:
    offsets = value_offsets(text)
    for path, value in leaves(tomllib.loads(text)).items():
        assert path in offsets, path
        assert written_at(text, offsets[path], value), path


TRICKY = """\
# model = "decoy/one"
"quoted.key" = "a"      # a comment with "decoy/two"
'lit key'.inner = 'b'
bare-key_1 = 1979-05-27 07:32:00Z
[tab . "sub.part" . 'x']
s = "esc \\" quote"   # "decoy/three"
ml = \"\"\"
line "one" ""quoted""
\\\"\"\" still inside\"\"\"\"
lit = '''it's "raw" ''\'''
arr = [  # a comment inside an array
  "x",   # "decoy/four"
  [1, [2, "y"]],
  { a = "z", b = { c = [ "w" ] } },
]
[[aot]]
n = 1
[[aot.inner]]
v = "first"
[aot.table]
t = "in the first element"
[[aot]]
n = 2
[[aot.inner]]
v = "second"
"""


def test_tricky_document_places_every_value() -> None:
    check(TRICKY)
    offsets = value_offsets(TRICKY)
    assert offsets[("aot", 1, "inner", 0, "v")] == TRICKY.index('"second"')
    assert offsets[("aot", 0, "table", "t")] == TRICKY.index('"in the first element"')
    assert offsets[("tab", "sub.part", "x", "arr", 2, "b", "c", 0)] == TRICKY.index('"w"')


def test_windows_line_endings() -> None:
    check(TRICKY.replace("\n", "\r\n"))


@pytest.mark.parametrize(
    "path",
    sorted(
        p.relative_to(ROOT).as_posix()
        for folder in ("tests", "examples")
        for p in (ROOT / folder).rglob("*.toml")
    ),
)
def test_every_toml_file_in_the_repository(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        pytest.skip("not valid TOML (a fixture of a parse error)")
    check(text)


@pytest.mark.parametrize(
    "text", ["a = [1, 2", "[[a\n", "x = 'unterminated\n", "= 1", "a = { b = 1 ", "[" * 5000]
)
def test_text_it_cannot_follow_is_no_error(text: str) -> None:
    assert isinstance(value_offsets(text), dict)
