"""The SQLite cache of Hub answers, through ``resolve_models`` and directly.

Warm runs make no request; commit-pinned entries never expire while branch entries do; only ok
and unavailable records are kept; a broken cache is a warning, never a crash; offline runs read it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from licheck.hub import HubSettings, resolve_models
from licheck.hub.cache import FILE_NAME, HubCache
from licheck.records import ModelKey, ModelRecord, Source, Status
from tests.hubstub import ACME_TOKEN, OUTSIDER_TOKEN, HubStub

Make = Callable[..., HubSettings]

QWEN = ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.HF)
MISSING = ModelKey("nobody-here/vanished-model", Source.HF)
DRIFT = "fixture-org/drifting-model"


def model_requests(hub: HubStub) -> int:
    return hub.request_count("/api/models/")


def test_warm_run_makes_no_request(hub: HubStub, hub_settings: Make) -> None:
    keys = [QWEN, MISSING, ModelKey("gpt2", Source.HF), ModelKey(DRIFT, Source.HF, "v1.0")]
    cold = resolve_models(keys, hub_settings())
    assert not any(r.from_cache for r in cold.values())
    seen = len(hub.requests)
    assert seen >= len(keys)
    warm = resolve_models(keys, hub_settings())
    assert len(hub.requests) == seen, hub.requests[seen:]
    assert all(r.from_cache for r in warm.values())
    for key in keys:
        assert warm[key].status is cold[key].status
        assert (warm[key].license, warm[key].sha) == (cold[key].license, cold[key].sha)
        assert warm[key].base_models == cold[key].base_models
    assert warm[MISSING].status is Status.UNAVAILABLE and warm[MISSING].reason


def test_commit_entries_never_expire_branch_entries_do(hub: HubStub, hub_settings: Make) -> None:
    sha = hub.data.repos[DRIFT].tags["v1.0"]
    pinned, branch = ModelKey(DRIFT, Source.HF, sha), ModelKey(DRIFT, Source.HF, "main")
    resolve_models([pinned, branch, QWEN], hub_settings())
    assert model_requests(hub) == 3
    resolve_models([pinned, branch, QWEN], hub_settings(branch_ttl=3600.0))
    assert model_requests(hub) == 3
    again = resolve_models([pinned, branch, QWEN], hub_settings(branch_ttl=0.0))
    assert model_requests(hub) == 5  # main and the default branch are asked again
    assert again[pinned].from_cache and not again[branch].from_cache
    assert not again[QWEN].from_cache


def test_tiny_ttl_expires_with_time(tmp_path: Path) -> None:
    now = [1000.0]
    cache = HubCache(tmp_path / FILE_NAME, branch_ttl=0.5, clock=lambda: now[0])
    record = ModelRecord("a/b", Source.HF, "main", Status.OK, license="mit", from_cache=False)
    cache.put("https://hub", record)
    now[0] += 0.4
    hit = cache.get("https://hub", "a/b", "main")
    assert hit is not None and hit.license == "mit" and hit.from_cache
    now[0] += 0.2
    assert cache.get("https://hub", "a/b", "main") is None
    assert cache.get("https://hub", "a/b", "main", allow_stale=True) is not None
    cache.close()


def test_unavailable_on_a_commit_still_expires(tmp_path: Path) -> None:
    now = [0.0]
    cache = HubCache(tmp_path / FILE_NAME, branch_ttl=10.0, clock=lambda: now[0])
    gone = ModelRecord("a/b", Source.HF, "a" * 40, Status.UNAVAILABLE, reason="x", from_cache=False)
    cache.put("https://hub", gone)
    now[0] = 11.0
    assert cache.get("https://hub", "a/b", "a" * 40) is None


def test_unverified_is_not_cached(hub: HubStub, hub_settings: Make) -> None:
    hub.fail(QWEN.model, 500, times=3)
    first = resolve_models([QWEN], hub_settings(retries=0))[QWEN]
    assert first.status is Status.UNVERIFIED
    hub.reset()
    second = resolve_models([QWEN], hub_settings(retries=0))[QWEN]
    assert second.status is Status.OK and not second.from_cache
    assert model_requests(hub) == 1


def test_cache_is_per_endpoint(tmp_path: Path) -> None:
    cache = HubCache(tmp_path / FILE_NAME)
    cache.put("https://one", ModelRecord("a/b", Source.HF, None, Status.OK, from_cache=False))
    assert cache.get("https://one", "a/b", None) is not None
    assert cache.get("https://two", "a/b", None) is None
    cache.close()


def test_record_source_follows_the_key(hub: HubStub, hub_settings: Make) -> None:
    resolve_models([QWEN], hub_settings())
    as_url = ModelKey(QWEN.model, Source.URL)
    record = resolve_models([as_url], hub_settings())[as_url]
    assert record.from_cache and record.source is Source.URL and record.key == as_url


def test_corrupt_cache_is_a_warning_and_the_run_goes_on(
    hub: HubStub, hub_settings: Make, hub_env: Path, caplog: pytest.LogCaptureFixture
) -> None:
    hub_env.mkdir(parents=True)
    (hub_env / FILE_NAME).write_bytes(b"this is not a database\n" * 200)
    with caplog.at_level(logging.WARNING):
        record = resolve_models([QWEN], hub_settings())[QWEN]
    assert record.status is Status.OK
    assert "cannot be used" in caplog.text and FILE_NAME in caplog.text
    resolve_models([QWEN], hub_settings())
    assert model_requests(hub) == 2  # no cache, so asked again; still no crash


def test_unwritable_cache_folder_is_a_warning(
    hub: HubStub, hub_settings: Make, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.WARNING):
        record = resolve_models([QWEN], hub_settings(cache_dir=blocker / "cache"))[QWEN]
    assert record.status is Status.OK and "cannot be used" in caplog.text


def test_cache_from_another_schema_is_left_alone(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    cache = HubCache(path)
    assert not cache.enabled
    cache.put("https://hub", ModelRecord("a/b", Source.HF, None, Status.OK, from_cache=False))
    assert cache.get("https://hub", "a/b", None) is None


def test_offline_with_empty_cache_is_unverified(hub: HubStub, hub_settings: Make) -> None:
    records = resolve_models([QWEN, MISSING], hub_settings(offline=True))
    assert {r.status for r in records.values()} == {Status.UNVERIFIED}
    assert records[QWEN].reason == "offline and not in the cache"
    assert len(hub.requests) == 0
    off = resolve_models([QWEN], hub_settings(offline=True, use_cache=False))[QWEN]
    assert off.status is Status.UNVERIFIED and "cache is off" in str(off.reason)


def test_offline_with_warm_cache_serves_even_stale_entries(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolve_models([QWEN, MISSING], hub_settings())
    seen = len(hub.requests)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    records = resolve_models([QWEN, MISSING], hub_settings(branch_ttl=0.0))
    assert len(hub.requests) == seen
    assert records[QWEN].status is Status.OK and records[QWEN].from_cache
    assert records[QWEN].license == "apache-2.0"
    assert records[MISSING].status is Status.UNAVAILABLE and records[MISSING].from_cache


def test_no_cache_reads_and_writes_nothing(hub: HubStub, hub_settings: Make, hub_env: Path) -> None:
    resolve_models([QWEN], hub_settings(use_cache=False))
    resolve_models([QWEN], hub_settings(use_cache=False))
    assert model_requests(hub) == 2 and not hub_env.exists()


def test_cache_is_safe_across_threads(tmp_path: Path) -> None:
    cache = HubCache(tmp_path / FILE_NAME)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(40):
                model = f"org/model-{n}-{i}"
                cache.put("https://hub", ModelRecord(model, Source.HF, None, Status.OK, sha=model))
                hit = cache.get("https://hub", model, None)
                assert hit is not None and hit.sha == model
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and cache.enabled
    cache.close()
    reopened = HubCache(tmp_path / FILE_NAME)
    assert reopened.get("https://hub", "org/model-7-39", None) is not None
    reopened.close()


def test_cache_from_an_older_schema_is_emptied_and_reused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / FILE_NAME
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE records (endpoint TEXT, model TEXT, revision TEXT, stored_at REAL, "
            "immutable INTEGER, data TEXT, PRIMARY KEY (endpoint, model, revision))"
        )
        conn.execute("INSERT INTO records VALUES ('https://hub', 'a/b', '', 0, 1, '{}')")
        conn.execute("PRAGMA user_version = 1")
    cache = HubCache(path)
    assert cache.enabled and cache.get("https://hub", "a/b", None) is None
    record = ModelRecord("a/b", Source.HF, None, Status.OK, created_at="2024-01-01T00:00:00Z")
    cache.put("https://hub", record, ("LICENSE",))
    hit = cache.get_resolved("https://hub", "a/b", None)
    assert hit is not None and hit.license_paths == ("LICENSE",)
    assert hit.record.created_at == "2024-01-01T00:00:00Z" and hit.record.from_cache
    cache.close()


def test_facts_keep_their_own_expiry(tmp_path: Path) -> None:
    now = [0.0]
    cache = HubCache(tmp_path / FILE_NAME, branch_ttl=10.0, clock=lambda: now[0])
    cache.put_fact("https://hub", "history", "a/b@x", [{"k": 1}], immutable=True)
    cache.put_fact("https://hub", "family", "a/b", [], immutable=False)
    now[0] = 11.0
    assert cache.get_fact("https://hub", "history", "a/b@x") == [{"k": 1}]
    assert cache.get_fact("https://hub", "family", "a/b") is None
    assert cache.get_fact("https://hub", "family", "a/b", allow_stale=True) == []
    assert cache.get_fact("https://other", "history", "a/b@x") is None
    cache.close()


PRIVATE = ModelKey("acme-corp/internal-model", Source.HF)


def test_missing_without_a_token_is_asked_again_with_one(
    hub: HubStub, hub_settings: Make, hub_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The Hub answers 404 for a private repo to anyone not allowed to see it.
    assert resolve_models([PRIVATE], hub_settings())[PRIVATE].status is Status.UNAVAILABLE
    asked = model_requests(hub)
    anonymous = resolve_models([PRIVATE], hub_settings())[PRIVATE]
    assert anonymous.from_cache and model_requests(hub) == asked
    monkeypatch.setenv("HF_TOKEN", ACME_TOKEN)
    offline = resolve_models([PRIVATE], hub_settings(offline=True))[PRIVATE]
    assert offline.status is Status.UNAVAILABLE and offline.from_cache  # nothing to ask offline
    member = resolve_models([PRIVATE], hub_settings())[PRIVATE]
    assert member.status is Status.OK and not member.from_cache
    assert model_requests(hub) == asked + 1
    assert resolve_models([PRIVATE], hub_settings())[PRIVATE].from_cache
    assert model_requests(hub) == asked + 1
    assert ACME_TOKEN.encode() not in (hub_env / FILE_NAME).read_bytes()


def test_a_saved_login_counts_as_a_token(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import constants

    resolve_models([PRIVATE], hub_settings())
    saved = Path(constants.HF_TOKEN_PATH)
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(ACME_TOKEN)
    try:
        record = resolve_models([PRIVATE], hub_settings())[PRIVATE]
    finally:
        saved.unlink()
    assert record.status is Status.OK and not record.from_cache


def test_missing_with_a_token_is_trusted_with_a_token(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", OUTSIDER_TOKEN)
    resolve_models([PRIVATE], hub_settings())
    asked = model_requests(hub)
    again = resolve_models([PRIVATE], hub_settings())[PRIVATE]
    assert again.status is Status.UNAVAILABLE and again.from_cache
    assert model_requests(hub) == asked


def test_entries_from_before_the_token_marker_count_as_anonymous(tmp_path: Path) -> None:
    cache = HubCache(tmp_path / FILE_NAME)
    cache.put("https://hub", ModelRecord(PRIVATE.model, Source.HF, None, Status.UNAVAILABLE))
    hit = cache.get_resolved("https://hub", PRIVATE.model, None)
    assert hit is not None and hit.signed_in is False
    cache.put(
        "https://hub",
        ModelRecord(PRIVATE.model, Source.HF, None, Status.UNAVAILABLE),
        signed_in=True,
    )
    hit = cache.get_resolved("https://hub", PRIVATE.model, None)
    assert hit is not None and hit.signed_in is True


DAY = 24 * 3600.0  # the documented default of cache_ttl_hours


def test_short_sha_entries_live_exactly_the_branch_lifetime(tmp_path: Path) -> None:
    # A short sha is not a commit (it may become ambiguous): its answer expires like a branch's,
    # after exactly the default lifetime, while a full sha's never does.
    stored = 5_000.0
    now = [stored]
    cache = HubCache(tmp_path / FILE_NAME, clock=lambda: now[0])
    short, full = "0123abc", "0123abc" + "d" * 33
    for revision in (short, full):
        cache.put("https://hub", ModelRecord("a/b", Source.HF, revision, Status.OK, license="mit"))
    now[0] = stored + DAY - 0.001
    assert cache.get("https://hub", "a/b", short) is not None
    now[0] = stored + DAY
    assert cache.get("https://hub", "a/b", short) is None
    assert cache.get("https://hub", "a/b", short, allow_stale=True) is not None
    now[0] = stored + 10 * 365 * DAY
    assert cache.get("https://hub", "a/b", full) is not None
    cache.close()


def test_default_lifetime_reaches_the_engine(hub: HubStub, hub_env: Path) -> None:
    # Nothing configured: [tool.licheck]'s default, the CLI's settings and the engine's cache all
    # keep a short-sha answer for one day, not a second more.
    from licheck.cli.common import hub_settings
    from licheck.config import Config

    settings = hub_settings(Config(), hub_env, False)
    assert settings.branch_ttl == DAY == HubSettings.from_env().branch_ttl
    short = hub.data.repos[DRIFT].tags["v1.0"][:7]
    key = ModelKey(DRIFT, Source.HF, short)
    first = resolve_models([key], settings)[key]
    assert first.status is Status.OK and not first.from_cache

    def age_entry(seconds: float) -> None:
        with sqlite3.connect(hub_env / FILE_NAME) as db:
            db.execute("UPDATE records SET stored_at = ?", (time.time() - seconds,))

    age_entry(DAY - 60)
    assert resolve_models([key], settings)[key].from_cache
    age_entry(DAY + 1)
    assert not resolve_models([key], settings)[key].from_cache


def test_answers_from_before_several_licenses_are_forgotten(tmp_path: Path) -> None:
    # Schema 2 kept only the first of a card's licenses, and a commit's answer never expires:
    # such a cache must not keep serving the collapsed license.
    path = tmp_path / FILE_NAME
    old = HubCache(path)
    record = ModelRecord("a/b", Source.HF, "a" * 40, Status.OK, license="apache-2.0")
    old.put("https://hub", record)
    old.close()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 2")
    cache = HubCache(path)
    assert cache.enabled and cache.get("https://hub", "a/b", "a" * 40) is None
    cache.close()
