"""licheck.lock: round trip, sorting, malformed files, and the comparison with a scan."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from licheck import lock
from licheck.errors import ConfigError
from licheck.records import (
    BaseModel,
    LicenseFile,
    LicenseInfo,
    ModelKey,
    ModelRecord,
    Reference,
    Source,
    Status,
)

SHA_A = "a" * 40
SHA_B = "b" * 40
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)


def record(model: str, revision: str | None = None, **facts: object) -> ModelRecord:
    values: dict[str, object] = {"sha": SHA_A, "license": "apache-2.0"}
    values.update(facts)
    return ModelRecord(model, Source.HF, revision, Status.OK, **values)  # type: ignore[arg-type]


def ref(model: str, revision: str | None = None, path: str = "app.py") -> Reference:
    return Reference(path, 3, 1, model, Source.HF, revision)


APACHE = LicenseInfo("apache-2.0", None, "Apache-2.0", "permissive")


def entry(rec: ModelRecord) -> lock.LockEntry:
    return lock.entry_for(rec.key, rec, APACHE, "Qwen", NOW)


def test_round_trip_is_sorted_and_keeps_every_field(tmp_path: Path) -> None:
    qwen = record(
        "Qwen/Qwen2.5-7B-Instruct",
        "main",
        license_file=LicenseFile("LICENSE", "f" * 64, "Apache License"),
        base_models=(BaseModel("Qwen/Qwen2.5-7B", "finetune"),),
        gated=False,
    )
    bert = record("bert-base-uncased", None, license="apache-2.0", gated="manual")
    path = tmp_path / lock.LOCK_NAME
    lock.write(path, [entry(qwen), entry(bert)])
    text = path.read_text()
    assert text.index("bert-base-uncased") < text.index("Qwen/Qwen2.5-7B-Instruct")
    assert 'checked = "2026-11-29T12:00:00Z"' in text
    back = lock.read(path)
    assert set(back) == {qwen.key, bert.key}
    got = back[qwen.key]
    assert got.sha == SHA_A and got.spdx == "Apache-2.0" and got.origin == "Qwen"
    assert got.license_file_hash == "sha256:" + "f" * 64
    assert got.base_models == (("Qwen/Qwen2.5-7B", "finetune"),)
    headers = [n for n, line in enumerate(text.splitlines(), 1) if line == "[[model]]"]
    assert got.line == headers[1] and back[bert.key].line == headers[0]
    assert back[bert.key].revision is None and back[bert.key].gated == "manual"
    assert lock.dumps(back.values()) == text  # reading and writing changes nothing


def test_dumps_is_stable() -> None:
    entries = [entry(record(m)) for m in ("b/x", "a/y", "A/z")]
    assert lock.dumps(entries) == lock.dumps(list(reversed(entries)))


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("version = 2\n", "version"),
        ("version = 1\nmodel = 3\n", "model must be"),
        ('version = 1\n[[model]]\nid = "a/b"\ncolour = "red"\n', "colour"),
        ('version = 1\n[[model]]\nsource = "hf"\n', "id must be"),
        ('version = 1\n[[model]]\nid = "a/b"\nsource = "pypi"\n', "pypi"),
        ("version = 1\n[[model\n", "not valid TOML"),
    ],
)
def test_malformed_lock_is_a_config_error(tmp_path: Path, body: str, needle: str) -> None:
    path = tmp_path / lock.LOCK_NAME
    path.write_text(body)
    with pytest.raises(ConfigError, match=needle):
        lock.read(path)


def test_compare_finds_unlocked_unused_changed_and_moved() -> None:
    kept = record("Qwen/Qwen2.5-7B-Instruct", "main")
    gone = record("old/model")
    relicensed = record("fixture-org/drifting-model")
    locked = {e.key: e for e in map(entry, (kept, gone, relicensed))}
    now = {
        kept.key: replace(kept, sha=SHA_B),
        relicensed.key: replace(relicensed, license="other", license_name="qwen-research"),
    }
    refs = [
        ref("Qwen/Qwen2.5-7B-Instruct", "main"),
        ref("fixture-org/drifting-model"),
        ref("new/model", path="cfg.yaml"),
    ]
    diff = lock.compare(locked, refs, now)
    assert [r.model for r in diff.unlocked] == ["new/model"]
    assert [e.model for e in diff.unused] == ["old/model"]
    assert [e.model for e, _ in diff.license_changed] == ["fixture-org/drifting-model"]
    assert [e.model for e, _ in diff.sha_moved] == ["Qwen/Qwen2.5-7B-Instruct"]
    assert diff.stale


def test_license_file_change_counts_and_unverified_records_say_nothing() -> None:
    base = record("a/b", license_file=LicenseFile("LICENSE", "1" * 64, ""))
    locked = {base.key: entry(base)}
    edited = replace(base, license_file=LicenseFile("LICENSE", "2" * 64, ""))
    assert lock.compare(locked, [ref("a/b")], {base.key: edited}).license_changed
    unknown = ModelRecord("a/b", Source.HF, None, Status.UNVERIFIED, reason="offline")
    diff = lock.compare(locked, [ref("a/b")], {base.key: unknown})
    assert not diff.stale


def test_a_pinned_reference_is_a_different_entry() -> None:
    locked = {entry(record("a/b")).key: entry(record("a/b"))}
    diff = lock.compare(locked, [ref("a/b", SHA_A)], {})
    assert [r.revision for r in diff.unlocked] == [SHA_A]
    assert [e.key for e in diff.unused] == [ModelKey("a/b", Source.HF, None)]
