"""Family, LICENSE file, cache and cost of ``resolve_provenance`` on the Hub stand-in.

Warm runs make no request, offline runs read only the cache, a model shared by many references
is fetched once, and the deeper lookups run concurrently.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import replace

import pytest

from licheck.hub import HubSettings, resolve_provenance
from licheck.hub.outcomes import GATED_FILE
from licheck.records import FamilyMember, ModelKey, ModelRecord, Reference, Source, Status
from tests.hubstub import GATE_APPROVED_TOKEN, HubStub

Make = Callable[..., HubSettings]
QWEN7 = "Qwen/Qwen2.5-7B-Instruct"
MISMATCH = "fixture-org/license-file-mismatch"
LLAMA = "meta-llama/Llama-3.1-8B-Instruct"
DRIFT = "fixture-org/drifting-model"
OFFLINE = "offline and not in the cache"


def hf(model: str, revision: str | None = None) -> ModelKey:
    return ModelKey(model, Source.HF, revision)


def one(settings: HubSettings, model: str) -> ModelRecord:
    return resolve_provenance([hf(model)], settings)[hf(model)]


def test_family_of_qwen25_with_licenses(hub: HubStub, hub_settings: Make) -> None:
    record = one(hub_settings(), QWEN7)
    assert record.family is not None
    members = {m.model: (m.license, m.license_name) for m in record.family}
    assert members == {
        "Qwen/Qwen2.5-7B": ("apache-2.0", None),
        "Qwen/Qwen2.5-3B": ("other", "qwen-research"),
        "Qwen/Qwen2.5-3B-Instruct": ("other", "qwen-research"),
        "Qwen/Qwen2.5-72B": ("other", "qwen"),
        "Qwen/Qwen2.5-72B-Instruct": ("other", "qwen"),
    }
    assert all(m.gated is False for m in record.family)
    # One listing of the publisher (every family of it), not a search per family.
    listing = [r for r in hub.requests if r.path == "/api/models"]
    assert len(listing) == 1
    assert listing[0].query["author"] == ["Qwen"] and "search" not in listing[0].query
    assert listing[0].query["limit"] == ["1000"]


def test_family_is_listed_once_per_author_and_excludes_itself(
    hub: HubStub, hub_settings: Make
) -> None:
    keys = [hf(QWEN7), hf("Qwen/Qwen2.5-3B-Instruct"), hf("Qwen/Qwen2-72B-Instruct")]
    records = resolve_provenance(keys, hub_settings())
    listings = sum(1 for r in hub.requests if r.path == "/api/models")
    assert listings == 1  # Qwen2.5 and Qwen2 both come from the one Qwen listing
    small = records[hf("Qwen/Qwen2.5-3B-Instruct")].family
    assert small is not None and QWEN7 in {m.model for m in small}
    assert "Qwen/Qwen2.5-3B-Instruct" not in {m.model for m in small}
    qwen2 = records[hf("Qwen/Qwen2-72B-Instruct")].family
    assert qwen2 is not None and not any("Qwen2.5" in m.model for m in qwen2)


def test_family_limit_and_gated_members(hub: HubStub, hub_settings: Make) -> None:
    hub.page_size = 2
    record = one(hub_settings(family_limit=3), QWEN7)
    assert record.family is not None and len(record.family) == 3  # the first 3 names listed
    assert QWEN7 not in {m.model for m in record.family}
    assert "family_limit" in record.notes["family_partial"]
    # The publisher's listing, page by page: every page once, none after the last.
    publisher = [r for r in hub.data.repos.values() if r.author == "Qwen" and not r.private]
    pages = -(-len(publisher) // 2)
    assert sum(1 for r in hub.requests if r.path == "/api/models") == pages
    llama = one(hub_settings(), LLAMA)
    assert llama.family == (FamilyMember("meta-llama/Llama-3.1-8B", "llama3.1", None, "manual"),)


def test_license_file_is_fetched_hashed_and_cached(hub: HubStub, hub_settings: Make) -> None:
    text = hub.data.repos[MISMATCH].main.files["LICENSE"]
    assert len(text.encode()) > 4096
    record = one(hub_settings(), MISMATCH)
    assert record.license == "mit" and record.license_file is not None
    found = record.license_file
    assert found.path == "LICENSE"
    assert found.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert found.head.lstrip().startswith("Apache License") and "Version 2.0" in found.head
    assert found.head == text.encode()[:4096].decode() and "license_file" not in record.notes
    sha = hub.data.repos[MISMATCH].main.sha
    assert hub.request_count(f"/{MISMATCH}/resolve/{sha}/LICENSE") == 1
    again = one(hub_settings(branch_ttl=0.0), MISMATCH)
    assert again.license_file == found
    assert hub.request_count(f"/{MISMATCH}/resolve/") == 1  # a file at a sha is kept forever


def test_gated_license_file_is_a_note(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = one(hub_settings(), LLAMA)
    assert record.status is Status.OK and record.license_file is None
    assert record.notes["license_file"] == GATED_FILE
    seen = len(hub.requests)
    assert one(hub_settings(), LLAMA).notes["license_file"] == GATED_FILE
    assert len(hub.requests) == seen  # the refusal is cached (for the branch TTL)
    monkeypatch.setenv("HF_TOKEN", GATE_APPROVED_TOKEN)
    approved = one(hub_settings(use_cache=False), LLAMA)
    assert approved.license_file is not None and "llama3.1" in approved.license_file.head


def test_no_license_file_is_said(hub_settings: Make) -> None:
    record = one(hub_settings(), "deepseek-ai/DeepSeek-R1")
    assert record.license_file is None and "no LICENSE file" in record.notes["license_file"]
    assert record.family == () and record.history is not None and len(record.history) == 1


def test_deep_off_keeps_chain_and_head_only(hub: HubStub, hub_settings: Make) -> None:
    records = resolve_provenance([hf(QWEN7)], hub_settings(deep=False))
    assert list(records) == [hf(QWEN7), hf("Qwen/Qwen2.5-7B")]
    assert all(r.history is None and r.family is None and not r.notes for r in records.values())
    assert {r.path for r in hub.requests if r.path.startswith("/api/models")} == {
        f"/api/models/{QWEN7}",
        "/api/models/Qwen/Qwen2.5-7B",
    }


PROJECT = [
    hf(QWEN7),
    hf(MISMATCH),
    hf(LLAMA),
    hf("example-quants/Qwen2.5-3B-Instruct-GGUF"),
    hf("stabilityai/stable-diffusion-3-medium"),
    hf("deepseek-ai/DeepSeek-R1"),
    hf("sentence-transformers/all-MiniLM-L6-v2"),
    hf("fixture-org/orphan-finetune"),
    ModelKey(QWEN7, Source.URL),
]


def _fresh(record: ModelRecord) -> ModelRecord:
    return replace(record, from_cache=False)


def test_warm_second_run_makes_no_request(hub: HubStub, hub_settings: Make) -> None:
    sha = hub.data.repos[DRIFT].tags["v1.0"]
    keys = [*PROJECT, hf(DRIFT, sha)]
    cold = resolve_provenance(keys, hub_settings())
    seen = len(hub.requests)
    assert seen > 20
    warm = resolve_provenance(keys, hub_settings())
    assert len(hub.requests) == seen, hub.requests[seen:]
    assert list(warm) == list(cold)
    for key, record in cold.items():
        assert _fresh(warm[key]) == record, key
        assert warm[key].notes == record.notes, key
    assert warm[hf(QWEN7)].from_cache and warm[hf(QWEN7)].history is not None


def test_offline_reads_only_the_cache(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = resolve_provenance(PROJECT, hub_settings())
    seen = len(hub.requests)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    stale = resolve_provenance(PROJECT, hub_settings(branch_ttl=0.0))
    assert len(hub.requests) == seen
    assert {k: _fresh(r) for k, r in stale.items()} == cold
    empty = resolve_provenance(PROJECT, hub_settings(cache_dir=hub_settings().cache_dir / "x"))
    assert len(hub.requests) == seen
    assert list(empty) == PROJECT  # no chain is known offline without a cache
    assert all(r.status is Status.UNVERIFIED and r.reason == OFFLINE for r in empty.values())


def test_offline_with_records_but_no_deep_facts_says_so(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    resolve_provenance([hf(QWEN7)], hub_settings(deep=False))
    seen = len(hub.requests)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    record = one(hub_settings(), QWEN7)
    assert len(hub.requests) == seen
    assert record.status is Status.OK and record.from_cache
    assert (record.history, record.family, record.license_file) == (None, None, None)
    assert record.notes == {"history": OFFLINE, "family": OFFLINE, "license_file": OFFLINE}


def test_a_model_shared_by_ten_references_is_fetched_once(hub: HubStub, hub_settings: Make) -> None:
    refs = [Reference(f"src/app{n}.py", 3, 1, QWEN7) for n in range(10)]
    keys = [ref.key for ref in refs]
    # ... and reached again as the base of a quantization and a merge.
    keys += [hf("bartowski/Qwen2.5-7B-Instruct-GGUF"), hf("fixture-org/merged-model")]
    records = resolve_provenance(keys, hub_settings())
    assert records[hf(QWEN7)].status is Status.OK
    assert hub.request_count(f"/api/models/{QWEN7}/commits/") == 1
    assert hub.request_count(f"/{QWEN7}/resolve/") == 1
    # The model and its base are asked once: in the Qwen listing their families need anyway.
    info = sum(1 for r in hub.requests if r.path == f"/api/models/{QWEN7}")
    base = sum(1 for r in hub.requests if r.path == "/api/models/Qwen/Qwen2.5-7B")
    qwen = [r for r in hub.requests if r.path == "/api/models" and r.query["author"] == ["Qwen"]]
    assert (info, base, len(qwen)) == (0, 0, 1)


def test_deep_lookups_run_concurrently(hub: HubStub, hub_settings: Make) -> None:
    import huggingface_hub  # noqa: F401  (keep the one-time import out of the timing)

    keys = PROJECT[:8]
    resolve_provenance(keys, hub_settings(use_cache=False))  # warm up the client's sessions
    hub.reset()
    hub.latency = 0.05
    start = time.monotonic()
    records = resolve_provenance(keys, hub_settings(use_cache=False, workers=8))
    elapsed = time.monotonic() - start
    assert records[hf(QWEN7)].history is not None
    serial = len(hub.requests) * 0.05
    assert len(hub.requests) >= 20
    assert elapsed < 0.5 * serial, (elapsed, serial)


def test_gated_refusal_seen_without_a_token_is_asked_again_with_one(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert one(hub_settings(), LLAMA).notes["license_file"] == GATED_FILE
    monkeypatch.setenv("HF_TOKEN", GATE_APPROVED_TOKEN)
    approved = one(hub_settings(), LLAMA)  # the same cache, now with a token
    assert approved.license_file is not None and "llama3.1" in approved.license_file.head
    fetched = hub.request_count(f"/{LLAMA}/resolve/")
    assert one(hub_settings(), LLAMA).license_file == approved.license_file
    assert hub.request_count(f"/{LLAMA}/resolve/") == fetched  # kept once it was read


def test_family_lists_are_kept_apart_by_who_asked(
    hub: HubStub, hub_settings: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    def listings() -> int:
        return sum(1 for r in hub.requests if r.path == "/api/models")

    anonymous = one(hub_settings(), QWEN7).family
    assert listings() == 1
    assert one(hub_settings(), QWEN7).family == anonymous and listings() == 1
    monkeypatch.setenv("HF_TOKEN", GATE_APPROVED_TOKEN)
    assert one(hub_settings(), QWEN7).family == anonymous
    assert listings() == 2  # a token may show private members: listed again, kept apart
    assert one(hub_settings(), QWEN7).family == anonymous and listings() == 2
    monkeypatch.delenv("HF_TOKEN")
    assert one(hub_settings(offline=True), QWEN7).family == anonymous
    assert listings() == 2
