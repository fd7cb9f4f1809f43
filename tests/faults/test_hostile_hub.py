"""A hostile Hub: the real huggingface_hub client against answers built to hang, flood, leak.

Each case drives ``resolve_models``/``resolve_provenance`` against the stand-in with one
behaviour from ``hostile_hub.py``, and asserts what a user must get: the affected model is
``unverified`` with a reason, the others are fine, the time and memory stay bounded, and the
token never reaches another host or anything licheck keeps.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from licheck.hub import HubSettings, resolve_models, resolve_provenance
from licheck.records import ModelKey, ModelRecord, Source, Status
from tests.faults import hostile_hub as hostile
from tests.hubstub import GATE_APPROVED_TOKEN, HubStub

Make = Callable[..., HubSettings]
QWEN7 = "Qwen/Qwen2.5-7B-Instruct"
DRIFT = "fixture-org/drifting-model"
GPT2 = "gpt2"
INFO = r"/api/models/Qwen/Qwen2.5-7B-Instruct(/revision/.*)?"


def hf(model: str, revision: str | None = None) -> ModelKey:
    return ModelKey(model, Source.HF, revision)


def resolve(settings: HubSettings, *models: str) -> dict[str, ModelRecord]:
    records = resolve_models([hf(m) for m in models], settings)
    return {key.model: record for key, record in records.items()}


def timed(work: Callable[[], dict[str, ModelRecord]]) -> tuple[dict[str, ModelRecord], float]:
    start = time.monotonic()
    result = work()
    return result, time.monotonic() - start


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch, hub_env: Path) -> str:
    """HF_TOKEN set to an account the stand-in knows (so every call carries it)."""
    monkeypatch.setenv("HF_TOKEN", GATE_APPROVED_TOKEN)
    return GATE_APPROVED_TOKEN


# -- time ---------------------------------------------------------------------------------------


def test_trickled_answer_is_cut_at_the_request_limit(hub: HubStub, hub_settings: Make) -> None:
    hub.behave(INFO, hostile.trickle(every=0.2))
    settings = hub_settings(request_limit=1.5, retries=0)
    records, elapsed = timed(lambda: resolve(settings, QWEN7, GPT2))
    assert records[QWEN7].status is Status.UNVERIFIED
    assert "no complete answer within 1.5 s" in (records[QWEN7].reason or "")
    assert records[GPT2].status is Status.OK
    assert elapsed < 6


def test_silent_server_is_cut_at_the_request_limit(hub: HubStub, hub_settings: Make) -> None:
    hub.behave(INFO, hostile.stall())
    settings = hub_settings(request_limit=1.0, retries=2)
    records, elapsed = timed(lambda: resolve(settings, QWEN7))
    assert records[QWEN7].status is Status.UNVERIFIED
    assert "within 1 s" in (records[QWEN7].reason or "")
    assert elapsed < 5  # a late answer is not retried


def test_stage_deadline_ends_the_run_and_names_the_limit(hub: HubStub, hub_settings: Make) -> None:
    hub.behave(INFO, hostile.trickle(every=0.2))
    settings = hub_settings(stage_timeout=2.0)
    records, elapsed = timed(lambda: resolve(settings, QWEN7, GPT2))
    assert records[QWEN7].status is Status.UNVERIFIED
    assert "time limit (2 s, --timeout)" in (records[QWEN7].reason or "")
    assert records[GPT2].status is Status.OK
    assert elapsed < 6


def test_models_not_reached_before_the_deadline_are_unverified(
    hub: HubStub, hub_settings: Make
) -> None:
    hub.latency = 0.4
    models = [QWEN7, GPT2, DRIFT, "Qwen/Qwen2.5-7B", "Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-72B"]
    settings = hub_settings(stage_timeout=1.0, workers=1)
    records, elapsed = timed(lambda: resolve(settings, *models))
    assert set(records) == set(models)  # every model still has a record
    late = [r for r in records.values() if r.status is Status.UNVERIFIED]
    assert late and all("time limit" in (r.reason or "") for r in late)
    assert any(r.status is Status.OK for r in records.values())
    assert elapsed < 4


def test_provenance_run_with_a_stalled_listing_ends_at_the_deadline(
    hub: HubStub, hub_settings: Make
) -> None:
    hub.behave(r"/api/models", hostile.stall())
    settings = hub_settings(stage_timeout=2.0)
    start = time.monotonic()
    records = resolve_provenance([hf(QWEN7)], settings)
    assert time.monotonic() - start < 6
    record = records[hf(QWEN7)]
    assert record.status is Status.OK
    assert record.family is None and "time limit" in record.notes["family"]


# -- size ---------------------------------------------------------------------------------------


def test_declared_huge_answer_is_refused_before_reading(hub: HubStub, hub_settings: Make) -> None:
    hub.behave(INFO, hostile.declared_huge())
    records, elapsed = timed(lambda: resolve(hub_settings(), QWEN7))
    assert records[QWEN7].status is Status.UNVERIFIED
    assert "larger than" in (records[QWEN7].reason or "")
    assert elapsed < 3


def test_endless_answer_stops_at_the_size_cap(hub: HubStub, hub_settings: Make) -> None:
    hub.behave(INFO, hostile.endless(total=48 * 1024 * 1024))
    settings = hub_settings(max_bytes=1024 * 1024)
    tracemalloc.start()
    try:
        records = resolve(settings, QWEN7)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert records[QWEN7].status is Status.UNVERIFIED
    assert "larger than 1,048,576 bytes" in (records[QWEN7].reason or "")
    assert peak < 12 * 1024 * 1024


# -- malformed answers and status storms --------------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "why"),
    [
        (b'{"id": "Qwen/Qwen2.5-7B-Instruct", "cardData": {', "JSONDecodeError"),
        (b'["not", "an", "object"]', "where an object was expected"),
        (b"<html><body>Bad gateway</body></html>", "JSONDecodeError"),
        (b"[" * 200_000 + b"]" * 200_000, "RecursionError"),
    ],
    ids=["truncated", "wrong-shape", "html", "deep-nesting"],
)
def test_malformed_answer_is_unverified_with_a_reason(
    hub: HubStub, hub_settings: Make, payload: bytes, why: str
) -> None:
    hub.behave(INFO, hostile.body(payload))
    records = resolve(hub_settings(), QWEN7, GPT2)
    assert records[QWEN7].status is Status.UNVERIFIED
    assert why in (records[QWEN7].reason or "")
    assert records[GPT2].status is Status.OK


def test_error_storm_gives_up_within_the_retry_budget(hub: HubStub, hub_settings: Make) -> None:
    hub.behave(INFO, hostile.body(b'{"error": "down"}', status=503))
    records, elapsed = timed(lambda: resolve(hub_settings(retries=3), QWEN7))
    assert records[QWEN7].status is Status.UNVERIFIED
    assert "gave up after 4 attempts" in (records[QWEN7].reason or "")
    assert hub.request_count("/api/models/Qwen/Qwen2.5-7B-Instruct") == 4
    assert elapsed < 3


# -- where the token may go ---------------------------------------------------------------------


@pytest.mark.usefixtures("signed_in")
def test_next_page_on_another_host_is_not_followed(hub: HubStub, hub_settings: Make) -> None:
    hub.page_size = 1
    with hostile.foreign_host() as foreign:
        away = f"{foreign.url}/api/models/fixture-org/drifting-model/commits/main?cursor=1"
        hub.behave(r"/api/models/fixture-org/drifting-model/commits/.*", hostile.with_link(away))
        hub.behave(r"/api/models", hostile.with_link(f"{foreign.url}/api/models?cursor=1"))
        record = resolve_provenance([hf(DRIFT)], hub_settings())[hf(DRIFT)]
        assert foreign.seen == []
    assert record.status is Status.OK
    assert "another host (http://127.0.0.2:" in record.notes["history_partial"]
    assert "another host (http://127.0.0.2:" in record.notes["family_partial"]
    assert record.history is not None and record.family is not None


@pytest.mark.usefixtures("signed_in")
def test_next_page_on_the_same_origin_is_followed(hub: HubStub, hub_settings: Make) -> None:
    hub.page_size = 1
    record = resolve_provenance([hf(DRIFT)], hub_settings())[hf(DRIFT)]
    assert record.history is not None and len(record.history) > 1
    assert "history_partial" not in record.notes
    assert hub.request_count("/api/models/fixture-org/drifting-model/commits/") > 1


@pytest.mark.usefixtures("signed_in")
def test_redirect_to_another_host_never_carries_the_token(hub: HubStub, hub_settings: Make) -> None:
    with hostile.foreign_host() as foreign:
        hub.behave(INFO, hostile.redirect(f"{foreign.url}/api/models/{QWEN7}"))
        records = resolve(hub_settings(), QWEN7)
        assert foreign.seen, "the redirect was not followed at all: the case tests nothing"
        assert not any(carried for _, carried in foreign.seen)
    assert records[QWEN7].status is Status.UNVERIFIED


def test_redirect_loop_ends(hub: HubStub, hub_settings: Make) -> None:
    hub.behave(INFO, hostile.redirect(f"/api/models/{QWEN7}"))
    records, elapsed = timed(lambda: resolve(hub_settings(), QWEN7))
    assert records[QWEN7].status is Status.UNVERIFIED
    assert elapsed < 5


def test_token_echoed_by_the_server_is_never_kept(
    hub: HubStub, hub_settings: Make, signed_in: str, hub_env: Path
) -> None:
    hub.behave(r".*", hostile.echo_token)
    records = resolve_provenance([hf(QWEN7), hf(DRIFT)], hub_settings())
    record = records[hf(QWEN7)]
    assert record.status is Status.OK
    assert record.license_name == "license-for-***"  # the echo is there, masked
    assert record.license_file is not None and "***" in record.license_file.head
    assert signed_in not in repr(records)
    kept = [p for p in hub_env.rglob("*") if p.is_file()]
    assert kept, "nothing was cached: the case tests nothing"
    for path in kept:
        assert signed_in.encode() not in path.read_bytes(), path
