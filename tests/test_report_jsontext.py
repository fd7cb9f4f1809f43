"""``report.jsontext.dumps`` writes the bytes ``json.dumps(..., indent=...)`` writes: on the JSON
and SARIF reports of real scans, and on the odd values the standard library has rules for."""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main as licheck
from licheck.report import jsontext

ROOT = Path(__file__).resolve().parent.parent
TREES = [ROOT / "tests" / "corpus_real", ROOT / "examples" / "demo", ROOT / "tests" / "corpus"]


class Colour(str, enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


class Odd:
    def __str__(self) -> str:
        return "odd ☃"


ODD: Any = {
    "text": ["é ☃ \U0001f600", 'quote " and \\ back', "\x00\x1f\t\n\u2028", ""],
    "numbers": [0, -1, 10**30, 1.5, 1e-7, 1e22, float("nan"), float("inf"), -float("inf")],
    "flags": [True, False, None],
    "empty": [{}, [], (), {"a": {}}, {"b": []}],
    "nested": {"a": [[1, [2, [3]]], {"b": {"c": ({"d": None},)}}]},
    7: "int key",
    2.5: "float key",
    True: "bool key",
    False: "false key",
    None: "none key",
    "enums": [Colour.RED, Level.HIGH, {Colour.RED: Level.HIGH}],
    "default": [Odd(), {"deep": Odd()}],
}


# What orjson writes as json.dumps does (str keys, no float): every ASCII character, non-ASCII
# text to escape, the 64-bit integer range.
ALIKE: Any = {
    "text": ["é ☃ \U0001f600", 'quote " and \\ back', "".join(map(chr, range(128))), "\u2028"],
    "numbers": [0, -1, 2**63 - 1, -(2**63), 2**64 - 1],
    "flags": [True, False, None],
    "empty": [{}, [], (), {"a": {}}, {"b": []}, ""],
    "nested": {"a": [[1, [2, [3]]], {"b": {"c": ({"d": None},)}}]},
}
# Values orjson would write otherwise, refuse, or leave to ``default``: json.dumps writes them.
UNLIKE: list[Any] = [
    1.5,
    1e16,
    1e-7,
    float("nan"),
    float("inf"),
    Colour.RED,
    Level.HIGH,
    Odd(),
    dt.date(2026, 12, 6),
    dt.datetime(2026, 12, 6, 17, 0),
    {7: "int key"},
    {Colour.RED: "enum key"},
]


# Alike in type, but orjson refuses them: json.dumps writes them.
REFUSED: list[Any] = [2**64, -(2**63) - 1, "lone \udcff surrogate"]


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("odd", UNLIKE + REFUSED, ids=lambda v: type(v).__name__)
def test_items_orjson_writes_alike_and_the_others(odd: Any, ensure_ascii: bool) -> None:
    assert jsontext._alike(ALIKE)
    assert jsontext._alike({"odd": odd}) is (odd in REFUSED)
    items = [ALIKE, {"odd": odd, "next": [odd]}, [ALIKE, odd], ALIKE]
    data = {"head": odd, "lazy": jsontext.Lazy(iter(items))}
    plain = {"head": odd, "lazy": items}
    want = json.dumps(plain, indent=2, default=str, ensure_ascii=ensure_ascii)
    assert jsontext.dumps(data, indent=2, default=str, ensure_ascii=ensure_ascii) == want


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("indent", [1, 2, 4])
def test_odd_values_match_the_standard_library(indent: int, ensure_ascii: bool) -> None:
    ours = jsontext.dumps(ODD, indent=indent, default=str, ensure_ascii=ensure_ascii)
    assert ours == json.dumps(ODD, indent=indent, default=str, ensure_ascii=ensure_ascii)


def test_what_the_standard_library_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        jsontext.dumps({"x": Odd()}, indent=2)
    with pytest.raises(TypeError):
        jsontext.dumps({(1, 2): "tuple key"}, indent=2)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
@pytest.mark.parametrize("tree", TREES, ids=[t.name for t in TREES])
def test_real_reports_are_what_json_dumps_writes(tree: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    argv = ["scan", str(tree), "--offline", "--no-cache", "-f", fmt, "-o", str(out)]
    assert licheck(argv) in (0, 1)
    text = out.read_text(encoding="utf-8")
    data = json.loads(text)
    assert len(text) > 1000
    assert text == json.dumps(data, indent=2, ensure_ascii=fmt == "json") + "\n"
    assert text == jsontext.dumps(data, indent=2, ensure_ascii=fmt == "json") + "\n"


@pytest.mark.parametrize("count", [0, 1, 3])
def test_lazy_arrays_are_written_as_lists(count: int) -> None:
    def items() -> Any:
        for i in range(count):
            yield {"n": i, "inner": jsontext.Lazy(iter([[i], {}]))}

    data = {"head": 1, "lazy": jsontext.Lazy(items()), "top": jsontext.Lazy(iter(()))}
    plain = {"head": 1, "lazy": [{"n": i, "inner": [[i], {}]} for i in range(count)], "top": []}
    assert jsontext.dumps(data, indent=2, end="\n") == json.dumps(plain, indent=2) + "\n"
    assert jsontext.dumps([], indent=2, end="\n") == "[]\n"
    assert jsontext.dumps("x", indent=2, end="\n") == '"x"\n'


def test_the_json_report_is_json_dumps_of_its_plain_data() -> None:
    from licheck.report.json_format import render_json, to_dict
    from tests.test_report_formats import example_report

    report = example_report()
    assert render_json(report) == json.dumps(to_dict(report), indent=2, default=str) + "\n"


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("count", [255, 256, 257, 700])
def test_long_lazy_arrays_are_written_in_runs(count: int, ensure_ascii: bool) -> None:
    # Alike items go to orjson a run at a time (jsontext._RUN); an item that is not alike, or
    # one orjson refuses, breaks or spoils a run wherever it falls, even at its edges.
    odd = {1: 1.5, 100: Colour.RED, 255: 2**64, 256: "lone \udcff", 511: dt.date(2026, 12, 6)}
    items = [odd.get(i, {"n": i, "t": f"é{i}", "l": [i, None, True]}) for i in range(count)]
    data = {"head": 1, "lazy": jsontext.Lazy(iter(items)), "deeper": [jsontext.Lazy(items)]}
    plain = {"head": 1, "lazy": items, "deeper": [items]}
    want = json.dumps(plain, indent=2, default=str, ensure_ascii=ensure_ascii)
    assert jsontext.dumps(data, indent=2, default=str, ensure_ascii=ensure_ascii) == want
