"""What one model resolves to: the real huggingface_hub client against the local Hub stand-in.

Covers the status mapping (ok, missing, private, disabled, gated, bad revision), the facts read
from cards and tags, revision pinning, retries and the token's absence from every reason.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable
from typing import Any

import pytest

from licheck.hub import HubSettings, resolve_models
from licheck.hub.client import NOT_FOUND, classify
from licheck.records import BaseModel, ModelKey, ModelRecord, Source, Status
from tests.hubstub import ACME_TOKEN, GATE_APPROVED_TOKEN, OUTSIDER_TOKEN, HubStub

Make = Callable[..., HubSettings]


def one(settings: HubSettings, model: str, revision: str | None = None) -> ModelRecord:
    key = ModelKey(model, Source.HF, revision)
    return resolve_models([key], settings)[key]


@pytest.mark.parametrize(
    ("model", "license", "gated"),
    [
        ("Qwen/Qwen2.5-7B-Instruct", "apache-2.0", False),
        ("meta-llama/Llama-3.1-8B-Instruct", "llama3.1", "manual"),
        ("mistralai/Mistral-7B-Instruct-v0.3", "apache-2.0", "auto"),
        ("google/gemma-2-9b-it", "gemma", "manual"),
        ("deepseek-ai/DeepSeek-R1", "mit", False),
        ("sentence-transformers/all-MiniLM-L6-v2", "apache-2.0", False),
        ("gpt2", "mit", False),  # legacy id: the stand-in redirects like the Hub
        ("bert-base-uncased", "apache-2.0", False),
    ],
)
def test_ok_models_carry_license_gating_and_sha(
    hub_settings: Make, model: str, license: str, gated: object
) -> None:
    record = one(hub_settings(), model)
    assert record.status is Status.OK, record.reason
    assert record.license == license
    assert record.gated == gated
    assert record.private is False
    assert record.sha is not None and len(record.sha) == 40
    assert record.last_modified is not None and record.last_modified.endswith("Z")
    assert record.model == model and record.from_cache is False and record.reason is None


def test_other_license_keeps_name_and_link(hub_settings: Make) -> None:
    record = one(hub_settings(), "Qwen/Qwen2.5-3B-Instruct")
    assert (record.license, record.license_name) == ("other", "qwen-research")
    assert (
        record.license_link == "https://huggingface.co/Qwen/Qwen2.5-3B-Instruct/blob/main/LICENSE"
    )
    big = one(hub_settings(), "Qwen/Qwen2.5-72B-Instruct")
    assert (big.license, big.license_name) == ("other", "qwen")


def test_license_from_tag_when_card_has_none(hub_settings: Make) -> None:
    assert one(hub_settings(), "fixture-org/tag-license-only").license == "mit"
    bare = one(hub_settings(), "fixture-org/no-card-model")
    assert bare.status is Status.OK and bare.license is None and bare.base_models == ()


def test_every_license_a_card_lists_is_kept(hub_settings: Make) -> None:
    # A card may list several licenses; none may be dropped, with or without the Hub's tags.
    for model in ("fixture-org/dual-licensed", "fixture-org/dual-licensed-untagged"):
        assert one(hub_settings(), model).license == "apache-2.0, cc-by-nc-4.0"


@pytest.mark.parametrize(
    ("model", "bases"),
    [
        ("Qwen/Qwen2.5-7B-Instruct", (BaseModel("Qwen/Qwen2.5-7B", "finetune"),)),
        (
            "fixture-org/merged-model",
            (
                BaseModel("Qwen/Qwen2.5-7B-Instruct", "merge"),
                BaseModel("mistralai/Mistral-7B-Instruct-v0.3", "merge"),
            ),
        ),
        ("fixture-org/card-relation-model", (BaseModel("Qwen/Qwen2.5-7B", "adapter"),)),
        (
            "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF",
            (BaseModel("meta-llama/Meta-Llama-3.1-8B-Instruct", "quantized"),),
        ),
        ("deepseek-ai/DeepSeek-R1", ()),
    ],
)
def test_base_models_and_relations(
    hub_settings: Make, model: str, bases: tuple[BaseModel, ...]
) -> None:
    assert one(hub_settings(), model).base_models == bases


def test_missing_repo_is_unavailable(hub_settings: Make) -> None:
    record = one(hub_settings(), "nobody-here/vanished-model")
    assert record.status is Status.UNAVAILABLE and record.reason == NOT_FOUND


@pytest.mark.parametrize("token", [None, OUTSIDER_TOKEN])
def test_private_repo_without_access_looks_missing(
    hub_settings: Make, monkeypatch: pytest.MonkeyPatch, token: str | None
) -> None:
    if token:
        monkeypatch.setenv("HF_TOKEN", token)
    record = one(hub_settings(), "acme-corp/internal-model")
    assert record.status is Status.UNAVAILABLE and record.reason == NOT_FOUND


def test_private_repo_with_member_token(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", ACME_TOKEN)
    record = one(hub_settings(), "acme-corp/internal-model")
    assert record.status is Status.OK and record.private is True
    assert (record.license, record.license_name) == ("other", "acme-internal")
    assert all(r.authorized for r in hub.requests if r.path.startswith("/api/models/"))


def test_disabled_repo_is_unavailable(hub_settings: Make) -> None:
    record = one(hub_settings(), "spam-org/disabled-model")
    assert record.status is Status.UNAVAILABLE and record.reason is not None
    assert "disabled" in record.reason


def test_gated_metadata_refusal_is_unverified_and_marked_gated(
    hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = one(hub_settings(), "fixture-org/gated-metadata-model")
    assert record.status is Status.UNVERIFIED and record.gated is True
    assert record.reason is not None and "gated" in record.reason
    monkeypatch.setenv("HF_TOKEN", GATE_APPROVED_TOKEN)
    approved = one(hub_settings(use_cache=False), "fixture-org/gated-metadata-model")
    assert approved.status is Status.OK and approved.gated == "manual"


def test_unknown_revision_is_unavailable(hub_settings: Make) -> None:
    record = one(hub_settings(), "Qwen/Qwen2.5-7B-Instruct", "no-such-branch")
    assert record.status is Status.UNAVAILABLE
    assert record.reason == "revision no-such-branch not found on the Hub"


def test_invalid_repo_id_is_unavailable_without_a_request(hub: HubStub, hub_settings: Make) -> None:
    record = one(hub_settings(), "not a/valid id/at all")
    assert record.status is Status.UNAVAILABLE and "not a valid Hub model id" in str(record.reason)
    assert hub.request_count("/api/models") == 0


def test_revision_pinning_reads_the_license_at_that_commit(
    hub: HubStub, hub_settings: Make
) -> None:
    repo = hub.data.repos["fixture-org/drifting-model"]
    old = repo.tags["v1.0"]
    assert old != repo.branches["main"]
    settings = hub_settings()
    for revision in (old, old[:7], "v1.0"):
        record = one(settings, "fixture-org/drifting-model", revision)
        assert (record.status, record.license, record.sha) == (Status.OK, "apache-2.0", old)
    now = one(settings, "fixture-org/drifting-model")
    assert (now.license, now.license_name) == ("other", "qwen-research")
    assert now.sha == repo.branches["main"]
    assert one(settings, "fixture-org/drifting-model", "main").sha == now.sha


def test_pull_request_ref_resolves_to_its_own_card(hub_settings: Make) -> None:
    main = one(hub_settings(), "Qwen/Qwen2.5-3B")
    pr = one(hub_settings(), "Qwen/Qwen2.5-3B", "refs/pr/3")
    assert (main.license, main.license_name) == ("other", "qwen-research")
    assert pr.license == "apache-2.0" and pr.sha != main.sha


@pytest.mark.parametrize(("status", "retry_after"), [(500, None), (503, None), (429, 0.01)])
def test_transient_failures_are_retried_then_succeed(
    hub: HubStub, hub_settings: Make, status: int, retry_after: float | None
) -> None:
    hub.fail("Qwen/Qwen2.5-7B-Instruct", status, times=2, retry_after=retry_after)
    record = one(hub_settings(retries=2), "Qwen/Qwen2.5-7B-Instruct")
    assert record.status is Status.OK, record.reason
    assert hub.request_count("/api/models/Qwen/Qwen2.5-7B-Instruct") == 3


def test_dropped_connection_is_retried(hub: HubStub, hub_settings: Make) -> None:
    hub.fail("deepseek-ai/DeepSeek-R1", 0, times=1)
    record = one(hub_settings(retries=1), "deepseek-ai/DeepSeek-R1")
    assert record.status is Status.OK, record.reason
    assert hub.request_count("/api/models/deepseek-ai/DeepSeek-R1") == 2


def test_retry_after_is_honoured_but_capped(hub: HubStub, hub_settings: Make) -> None:
    hub.fail("Qwen/Qwen2.5-7B-Instruct", 429, times=1, retry_after=0.3)
    start = time.monotonic()
    assert one(hub_settings(max_wait=5.0), "Qwen/Qwen2.5-7B-Instruct").status is Status.OK
    assert time.monotonic() - start >= 0.3
    hub.fail("mistralai/Mistral-7B-Instruct-v0.3", 429, times=1, retry_after=120)
    start = time.monotonic()
    record = one(hub_settings(max_wait=0.05), "mistralai/Mistral-7B-Instruct-v0.3")
    assert record.status is Status.OK and time.monotonic() - start < 5


def test_retry_exhaustion_is_unverified_with_the_status_code(
    hub: HubStub, hub_settings: Make
) -> None:
    hub.fail("Qwen/Qwen2.5-7B-Instruct", 503, times=10)
    record = one(hub_settings(retries=2), "Qwen/Qwen2.5-7B-Instruct")
    assert record.status is Status.UNVERIFIED
    assert record.reason == "the Hub answered HTTP 503; gave up after 3 attempts"
    assert hub.request_count("/api/models/Qwen/Qwen2.5-7B-Instruct") == 3


def test_client_errors_are_not_retried(hub: HubStub, hub_settings: Make) -> None:
    hub.fail("Qwen/Qwen2.5-7B-Instruct", 403, times=5)
    record = one(hub_settings(retries=3), "Qwen/Qwen2.5-7B-Instruct")
    assert record.status is Status.UNVERIFIED and "HTTP 403" in str(record.reason)
    assert hub.request_count("/api/models/Qwen/Qwen2.5-7B-Instruct") == 1


def test_unreachable_endpoint_is_unverified(hub_env: Any) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}"
    settings = HubSettings(endpoint, use_cache=False, retries=1, backoff=0.01, timeout=2.0)
    record = one(settings, "Qwen/Qwen2.5-7B-Instruct")
    assert record.status is Status.UNVERIFIED
    assert f"could not reach the Hub at http://127.0.0.1:{port}" in str(record.reason)
    assert str(record.reason).endswith("gave up after 2 attempts")


def test_unexpected_exception_is_unverified_never_fine() -> None:
    key = ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.HF)
    outcome = classify(RuntimeError("boom hf_secret"), key, "https://hub", "hf_secret")
    assert isinstance(outcome, ModelRecord) and outcome.status is Status.UNVERIFIED
    assert outcome.reason == "unexpected error from the Hub client: RuntimeError: boom ***"


def test_token_never_appears_in_reasons_logs_or_cache(
    hub: HubStub,
    hub_settings: Make,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    hub.fail("deepseek-ai/DeepSeek-R1", 500, times=10)
    names = ("Qwen/Qwen2.5-7B-Instruct", "nobody-here/vanished-model", "deepseek-ai/DeepSeek-R1")
    keys = [ModelKey(m, Source.HF) for m in names]
    monkeypatch.setenv("HF_TOKEN", OUTSIDER_TOKEN)
    settings = hub_settings(retries=1)
    got = resolve_models(keys, settings)
    assert [got[k].status for k in keys] == [Status.OK, Status.UNAVAILABLE, Status.UNVERIFIED]
    assert all(r.authorized for r in hub.requests if r.path.startswith("/api/models/"))
    assert settings.cache_dir is not None and any(settings.cache_dir.iterdir())
    for path in settings.cache_dir.iterdir():
        assert OUTSIDER_TOKEN.encode() not in path.read_bytes(), path
    # A token the Hub does not know is refused; the reason says so without quoting it.
    unknown = "hf_fake_unknown_token_0123456789"
    monkeypatch.setenv("HF_TOKEN", unknown)
    refused = one(hub_settings(use_cache=False), "Qwen/Qwen2.5-7B-Instruct")
    assert refused.status is Status.UNVERIFIED and "credentials" in str(refused.reason)
    for secret in (OUTSIDER_TOKEN, unknown):
        assert all(secret not in (r.reason or "") for r in [*got.values(), refused])
        assert secret not in caplog.text
        assert secret not in repr(HubSettings.from_env())


def test_endpoint_set_after_import_is_honoured(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub  # noqa: F401  (imported before HF_ENDPOINT changes below)

    with HubStub() as other:
        monkeypatch.setenv("HF_ENDPOINT", other.url)
        for settings in (hub_settings(use_cache=False), HubSettings(use_cache=False)):
            assert one(settings, "Qwen/Qwen2.5-7B-Instruct").status is Status.OK
        assert other.request_count("/api/models/Qwen/Qwen2.5-7B-Instruct") == 2
    assert hub.request_count("/api/models/") == 0
