"""Head lookups answered by the publisher's listing (``licheck/hub/heads.py``, issue 13).

Counted at the stand-in: a referenced head the listing holds costs no ``model_info``; a repo
the listing does not hold, a failed listing and a listing cut short fall back to ``model_info``
with the status it gives on its own (``resolve_models``, which never uses listings, is the
reference); the example project stays within 1.5 API requests per distinct model cold.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from licheck.hub import HubSettings, resolve_models, resolve_provenance
from licheck.records import ModelKey, ModelRecord, Source, Status
from tests.hubstub import HubStub, RecordedRequest

Make = Callable[..., HubSettings]
QWEN3 = "Qwen/Qwen2.5-3B-Instruct"
QWEN7 = "Qwen/Qwen2.5-7B-Instruct"
MISSING = "Qwen/Qwen2.5-0B-Nothing"
PRIVATE = "acme-corp/internal-model"
GATED_METADATA = "fixture-org/gated-metadata-model"
RENAMED = "meta-llama/Meta-Llama-3.1-8B-Instruct"  # an alias: the repo's former name
DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"


def hf(model: str, revision: str | None = None) -> ModelKey:
    return ModelKey(model, Source.HF, revision)


def infos(hub: HubStub, model: str) -> int:
    """``model_info`` requests about ``model`` (at its head or at a revision)."""
    path = f"/api/models/{model}"
    return sum(1 for r in hub.requests if r.path == path or r.path.startswith(path + "/revision/"))


def listings(hub: HubStub, author: str) -> int:
    return sum(
        1 for r in hub.requests if r.path == "/api/models" and r.query.get("author") == [author]
    )


def provenance(
    hub_settings: Make, *keys: ModelKey, **overrides: object
) -> dict[ModelKey, ModelRecord]:
    """``resolve_provenance`` as ``licheck scan`` runs it when no publisher drifts: no license
    history for unpinned references, so the only ``model_info`` calls are head lookups."""
    return resolve_provenance(list(keys), hub_settings(drifting=frozenset(), **overrides))


def alone(settings: HubSettings, key: ModelKey) -> ModelRecord:
    """What ``model_info`` alone answers for ``key`` (no listing, no cache)."""
    return resolve_models([key], settings)[key]


@pytest.mark.parametrize("revision", [None, "main", "refs/heads/main"])
def test_a_referenced_head_held_by_the_listing_costs_no_model_info(
    hub: HubStub, hub_settings: Make, revision: str | None
) -> None:
    key = hf(QWEN3, revision)
    record = provenance(hub_settings, key)[key]
    assert record.status is Status.OK
    assert infos(hub, QWEN3) == 0 and listings(hub, "Qwen") == 1
    assert record.sha == hub.data.repos[QWEN3].main.sha
    # The same facts model_info gives about that head.
    direct = alone(hub_settings(use_cache=False), key)
    assert infos(hub, QWEN3) == 1
    same = ("status", "sha", "license", "license_name", "gated", "private", "base_models")
    assert {f: getattr(record, f) for f in same} == {f: getattr(direct, f) for f in same}


def test_a_pinned_commit_is_not_a_head_and_asks_model_info(
    hub: HubStub, hub_settings: Make
) -> None:
    sha = hub.data.repos[QWEN3].main.sha
    record = resolve_provenance([hf(QWEN3, sha)], hub_settings())[hf(QWEN3, sha)]
    assert record.status is Status.OK
    assert hub.request_count(f"/api/models/{QWEN3}/revision/{sha}") == 1


@pytest.mark.parametrize("model", [MISSING, PRIVATE, GATED_METADATA, RENAMED])
def test_a_repo_the_listing_does_not_hold_falls_back_to_model_info(
    hub: HubStub, hub_settings: Make, model: str
) -> None:
    expected = alone(hub_settings(use_cache=False), hf(model))
    hub.reset()
    record = provenance(hub_settings, hf(model), hf(QWEN7))[hf(model)]
    assert infos(hub, model) == 1  # once, after the listing did not hold it
    assert listings(hub, model.split("/")[0]) == 1
    assert (record.status, record.reason, record.gated) == (
        expected.status,
        expected.reason,
        expected.gated,
    )
    if model == MISSING:
        assert record.status is Status.UNAVAILABLE
    if model == GATED_METADATA:
        assert record.gated is True and "gated" in (record.reason or "")


def test_a_failing_listing_falls_back_to_model_info_for_every_waiting_head(
    hub: HubStub, hub_settings: Make
) -> None:
    hub.fail_listing("Qwen", 503, times=100)
    keys = [hf(QWEN3), hf(QWEN7), hf(QWEN7, "main")]
    records = provenance(hub_settings, *keys, retries=0)
    assert listings(hub, "Qwen") == 1  # asked once, its failure handed to every waiter
    assert all(records[key].status is Status.OK for key in keys)
    assert (infos(hub, QWEN3), hub.request_count(f"/api/models/{QWEN7}/revision/main")) == (1, 1)
    assert "could not list the family" in records[hf(QWEN3)].notes["family"]


def test_a_listing_cut_at_its_bound_answers_what_it_holds_and_falls_back_for_the_rest(
    hub: HubStub, hub_settings: Make
) -> None:
    hub.page_size = 1
    listed = sorted(r.id for r in hub.data.repos.values() if r.author == "Qwen")
    first, late = listed[0], QWEN7
    assert late != first
    records = provenance(hub_settings, hf(first), hf(late), author_limit=1)
    assert records[hf(first)].status is Status.OK and records[hf(late)].status is Status.OK
    assert (infos(hub, first), infos(hub, late)) == (0, 1)


def test_resolve_models_keeps_one_model_info_per_key(hub: HubStub, hub_settings: Make) -> None:
    resolve_models([hf(QWEN3), hf(QWEN7)], hub_settings())
    assert (infos(hub, QWEN3), infos(hub, QWEN7)) == (1, 1)
    assert listings(hub, "Qwen") == 0


def _api(requests: list[RecordedRequest]) -> list[RecordedRequest]:
    return [r for r in requests if r.path.startswith("/api/") and r.path != "/api/agent-harnesses"]


def test_the_example_project_stays_within_the_budget(hub: HubStub, hub_env: Path) -> None:
    from licheck.cli.common import hub_settings, load
    from licheck.pipeline import run_scan

    assert os.environ["HF_ENDPOINT"] == hub.url
    config = load(DEMO, None)
    settings = hub_settings(config, hub_env, no_cache=False)
    report = run_scan(DEMO, None, config, settings)
    models = {key.model for key in report.records}
    cold = _api(hub.requests)
    assert len(models) >= 10  # the example's models and their bases: the figure means something
    assert len(cold) <= 1.5 * len(models), sorted(r.path for r in cold)
    # Referenced heads come from their publishers' listings: model_info at a head only for
    # the repos the listings do not hold (the example's missing model, a gated base).
    heads = [r for r in cold if len(r.path.split("/")) == 5]  # /api/models/{ns}/{name}
    assert len(heads) <= 2, [r.path for r in heads]
    hub.reset()
    run_scan(DEMO, None, config, settings)
    assert _api(hub.requests) == []
