"""The bundle format on its own: layout, ordering, compression, bounds and token scrubbing."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from licheck.facts.format import FORMAT, FactsError, dumps, read, to_document, write
from licheck.hub.bundled import FACTS, RECORDS, Bundled, Row

RECORD = {
    "model": "acme/model",
    "source": "hf",
    "revision": None,
    "status": "ok",
    "reason": None,
    "sha": "a" * 40,
    "license": "mit",
    "license_name": None,
    "license_link": None,
    "gated": False,
    "private": False,
    "base_models": [["acme/base", "finetune"]],
    "license_paths": ["LICENSE"],
    "created_at": None,
    "last_modified": None,
    "signed_in": True,
}


def _rows() -> list[Row]:
    record = json.dumps(RECORD)
    other = json.dumps({**RECORD, "model": "acme/base", "base_models": []})
    fact = json.dumps({"path": "LICENSE", "sha256": "b" * 64, "head": "MIT License"})
    return [
        Row(RECORDS, "https://hub.example", "acme/model", "", 1.7e9, False, record),
        Row(
            FACTS,
            "https://hub.example",
            "license_file",
            "acme/model@aaa:LICENSE",
            1.7e9,
            True,
            fact,
        ),
        Row(RECORDS, "https://hub.example", "acme/base", "", 1.7e9, False, other),
    ]


def test_round_trip_drops_signed_in_and_sorts(tmp_path: Path) -> None:
    document, left_out = to_document(_rows(), note="hello", referenced=[("acme/model", None)])
    assert left_out == []
    assert [m["model"] for m in document["models"]] == ["acme/base", "acme/model"]
    text = dumps(document)
    assert text.startswith('{\n "format": "licheck/facts/v1",\n "note": "hello"')
    assert "signed_in" not in text
    path = tmp_path / "b.json.gz"
    write(path, document)
    assert gzip.decompress(path.read_bytes()).decode() == text
    loaded = read(path)
    assert loaded.skipped == []
    assert {(r.table, r.first, r.second) for r in loaded.rows} == {
        (r.table, r.first, r.second) for r in _rows()
    }
    assert all(r.origin == "b.json.gz" and r.stored_at == 1.7e9 for r in loaded.rows)
    record = next(r for r in loaded.rows if r.first == "acme/model")
    assert json.loads(record.data)["signed_in"] is False  # a bundle never vouches for a token


def test_a_row_holding_the_token_is_left_out() -> None:
    rows = _rows()
    leaky = json.dumps({**RECORD, "reason": "echo hf_secret_123"})
    rows[0] = Row(RECORDS, "https://hub.example", "acme/model", "", 1.7e9, False, leaky)
    document, left_out = to_document(rows, token="hf_secret_123")
    assert "hf_secret_123" not in dumps(document)
    assert left_out and "holds the token" in left_out[0]


def test_size_bound_and_format_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": FORMAT, "models": [], "facts": []}) + " " * 100)
    with pytest.raises(FactsError, match=r"big\.json: larger than 50 bytes"):
        read(path, max_bytes=50)
    bomb = tmp_path / "bomb.json.gz"
    bomb.write_bytes(gzip.compress(b" " * 10_000))
    with pytest.raises(FactsError, match=r"bomb\.json\.gz: larger than"):
        read(bomb, max_bytes=1000)
    path.write_text('{"format": "licheck/facts/v1", "models": {}, "facts": []}')
    with pytest.raises(FactsError, match="must be lists"):
        read(path)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"status": "fine"}, "'record.status'"),
        ({"model": "someone/else"}, "not the entry's model"),
        ({"gated": 3}, "'record.gated'"),
        ({"base_models": [["x"]]}, "'record.base_models'"),
        ({"license_paths": [1]}, "'record.license_paths'"),
        ({"license": "x" * 5000}, "'record.license'"),
    ],
)
def test_bad_records_are_skipped_with_the_reason(
    tmp_path: Path, change: dict[str, object], problem: str
) -> None:
    document, _ = to_document(_rows())
    target = next(m for m in document["models"] if m["model"] == "acme/model")
    target["lookups"][0]["record"].update(change)
    target["lookups"].append({**target["lookups"][0], "fetched_at": "yesterday"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    loaded = read(path)
    assert any(problem in s for s in loaded.skipped), loaded.skipped
    assert any("'fetched_at' is not an ISO-8601 time" in s for s in loaded.skipped)
    assert {r.first for r in loaded.rows if r.table == RECORDS} == {"acme/base"}


def test_staleness_follows_the_fetch_time() -> None:
    now = 1.7e9 + 10 * 86400
    layer = Bundled(_rows(), max_age_days=5, clock=lambda: now)
    row = layer.find(RECORDS, "acme/model", "")
    assert row is not None and layer.stale(row)
    assert not Bundled(_rows(), max_age_days=30, clock=lambda: now).stale(row)
