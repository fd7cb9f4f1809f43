"""``resolve_provenance`` on the Hub stand-in: base_model chains, pinned vs head, license history.

The real huggingface_hub client talks to the stand-in; the stand-in counts the requests.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from licheck.hub import HubSettings, resolve_provenance
from licheck.records import BaseModel, HistoryEntry, ModelKey, ModelRecord, Source, Status
from tests.hubstub import HubStub

Make = Callable[..., HubSettings]
DRIFT = "fixture-org/drifting-model"
SD3 = "stabilityai/stable-diffusion-3-medium"
GGUF = "example-quants/Qwen2.5-3B-Instruct-GGUF"
LLAMA = "meta-llama/Llama-3.1-8B-Instruct"


def hf(model: str, revision: str | None = None) -> ModelKey:
    return ModelKey(model, Source.HF, revision)


def resolve(settings: HubSettings, *keys: ModelKey) -> dict[ModelKey, ModelRecord]:
    return resolve_provenance(list(keys), settings)


def model_info_count(hub: HubStub, model: str) -> int:
    """Requests for the default-branch ``model_info`` of ``model`` (not its sub-routes)."""
    return sum(1 for r in hub.requests if r.path == f"/api/models/{model}")


# -- provenance chain ---------------------------------------------------------------------------


def test_chain_is_followed_to_the_origin(hub: HubStub, hub_settings: Make) -> None:
    records = resolve(hub_settings(deep=False), hf(GGUF))
    assert list(records) == [
        hf(GGUF),
        hf("Qwen/Qwen2.5-3B-Instruct"),
        hf("Qwen/Qwen2.5-3B"),
    ]
    gguf, instruct, base = records.values()
    assert gguf.license == "apache-2.0"
    assert gguf.base_models == (BaseModel("Qwen/Qwen2.5-3B-Instruct", "quantized"),)
    assert instruct.base_models == (BaseModel("Qwen/Qwen2.5-3B", "finetune"),)
    assert (instruct.license_name, base.license_name) == ("qwen-research", "qwen-research")
    assert base.base_models == () and base.status is Status.OK
    assert all(not r.notes for r in records.values())


def test_relation_from_tags_when_the_card_is_silent(hub_settings: Make) -> None:
    ft = "fixture-org/llama-3.1-8b-support-ft"
    records = resolve(hub_settings(deep=False), hf(ft))
    assert records[hf(ft)].base_models == (BaseModel(LLAMA, "finetune"),)
    assert records[hf(LLAMA)].license == "llama3.1" and records[hf(LLAMA)].gated == "manual"
    assert records[hf("meta-llama/Llama-3.1-8B")].status is Status.OK


def test_depth_cap_stops_the_chain_with_a_note(hub: HubStub, hub_settings: Make) -> None:
    records = resolve(hub_settings(deep=False, max_depth=1), hf(GGUF))
    assert list(records) == [hf(GGUF), hf("Qwen/Qwen2.5-3B-Instruct")]
    capped = records[hf("Qwen/Qwen2.5-3B-Instruct")]
    assert "depth cap (1)" in capped.notes["chain"]
    assert model_info_count(hub, "Qwen/Qwen2.5-3B") == 0
    assert list(resolve(hub_settings(deep=False, max_depth=0), hf(GGUF))) == [hf(GGUF)]


def test_cycle_is_resolved_once_each(hub: HubStub, hub_settings: Make) -> None:
    a, b = "fixture-org/cycle-a", "fixture-org/cycle-b"
    records = resolve(hub_settings(deep=False), hf(a))
    assert list(records) == [hf(a), hf(b)]
    assert records[hf(b)].base_models == (BaseModel(a, "finetune"),)
    assert model_info_count(hub, a) == 1 and model_info_count(hub, b) == 1


def test_missing_ancestor_is_recorded_not_fatal(hub_settings: Make) -> None:
    records = resolve(hub_settings(deep=False), hf("fixture-org/orphan-finetune"))
    assert [k.model for k in records] == [
        "fixture-org/orphan-finetune",
        "fixture-org/orphan-base",
        "nobody-here/vanished-model",
    ]
    gone = records[hf("nobody-here/vanished-model")]
    assert gone.status is Status.UNAVAILABLE and gone.reason
    assert records[hf("fixture-org/orphan-finetune")].status is Status.OK


def test_shared_ancestors_and_url_keys(hub: HubStub, hub_settings: Make) -> None:
    url_key = ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.URL)
    records = resolve(hub_settings(deep=False), hf("fixture-org/merged-model"), url_key)
    assert records[hf("fixture-org/merged-model")].base_models[0].relation == "merge"
    assert records[url_key].source is Source.URL
    # The ancestor is also listed under its Hub key, as the rules stage looks it up.
    assert records[hf("Qwen/Qwen2.5-7B-Instruct")].source is Source.HF
    assert records[hf("Qwen/Qwen2.5-7B")].license == "apache-2.0"
    assert hf("mistralai/Mistral-7B-v0.3") in records
    assert model_info_count(hub, "Qwen/Qwen2.5-7B-Instruct") == 1
    assert model_info_count(hub, "Qwen/Qwen2.5-7B") == 1


# -- pinned vs head -----------------------------------------------------------------------------


@pytest.mark.parametrize("revision", ["sha", "v1.0"])
def test_pinned_reference_also_resolves_the_head(
    hub: HubStub, hub_settings: Make, revision: str
) -> None:
    repo = hub.data.repos[DRIFT]
    pin = repo.tags["v1.0"] if revision == "sha" else revision
    records = resolve(hub_settings(), hf(DRIFT, pin))
    assert list(records) == [hf(DRIFT, pin), hf(DRIFT)]
    pinned, head = records[hf(DRIFT, pin)], records[hf(DRIFT)]
    assert (pinned.license, pinned.sha) == ("apache-2.0", repo.tags["v1.0"])
    assert (head.license, head.license_name, head.sha) == ("other", "qwen-research", repo.main.sha)
    assert pinned.history == head.history and head.history is not None
    assert head.history[0].commit == head.sha


def test_unpinned_and_main_add_no_head(hub_settings: Make) -> None:
    assert list(resolve(hub_settings(deep=False), hf(DRIFT, "main"))) == [hf(DRIFT, "main")]
    assert list(resolve(hub_settings(deep=False), hf(DRIFT))) == [hf(DRIFT)]


# -- license history ----------------------------------------------------------------------------


def _entries(history: tuple[HistoryEntry, ...] | None) -> list[tuple[str, str | None, str]]:
    assert history is not None
    return [(e.date[:10], e.license_name or e.license, e.commit) for e in history]


def test_history_of_the_drifting_repo(hub: HubStub, hub_settings: Make) -> None:
    repo = hub.data.repos[DRIFT]
    shas = [r.sha for r in repo.history(repo.main)]  # newest first: five commits
    record = resolve(hub_settings(), hf(DRIFT))[hf(DRIFT)]
    assert _entries(record.history) == [
        ("2025-02-10", "qwen-research", shas[0]),  # the head
        ("2025-02-01", "qwen-research", shas[1]),  # the commit that changed the license
        ("2024-03-01", "apache-2.0", shas[4]),  # the oldest inspected
    ]
    assert record.history is not None and record.history[-1].license_link is None
    # The head's card comes from the lookup itself: four older commits are read by sha.
    assert hub.request_count(f"/api/models/{DRIFT}/revision/") == 4
    assert hub.request_count(f"/api/models/{DRIFT}/commits/") == 1


def test_history_is_bounded_and_pages_stop_early(hub: HubStub, hub_settings: Make) -> None:
    hub.page_size = 2
    record = resolve(hub_settings(history_limit=3), hf(DRIFT))[hf(DRIFT)]
    assert [e[:2] for e in _entries(record.history)] == [
        ("2025-02-10", "qwen-research"),
        ("2025-02-01", "qwen-research"),
        ("2024-06-10", "apache-2.0"),  # the oldest of the three inspected
    ]
    assert hub.request_count(f"/api/models/{DRIFT}/commits/") == 2  # not the third page
    assert hub.request_count(f"/api/models/{DRIFT}/revision/") == 2


def test_history_of_sd3_names_both_licenses_and_dates(hub: HubStub, hub_settings: Make) -> None:
    record = resolve(hub_settings(), hf(SD3))[hf(SD3)]
    assert [e[:2] for e in _entries(record.history)] == [
        ("2024-10-09", "stabilityai-ai-community"),
        ("2024-07-05", "stabilityai-ai-community"),
        ("2024-06-12", "stabilityai-nc-research-community"),
    ]
    assert record.created_at == "2024-06-12T00:00:00Z"


def test_gated_repo_history_needs_no_token(hub: HubStub, hub_settings: Make) -> None:
    record = resolve(hub_settings(), hf(LLAMA))[hf(LLAMA)]
    assert record.gated == "manual"
    assert [e[:2] for e in _entries(record.history)] == [
        ("2024-10-13", "llama3.1"),
        ("2024-07-23", "llama3.1"),
    ]
    assert "history" not in record.notes
    assert not any(r.authorized for r in hub.requests)
    assert hub.request_count(f"/api/models/{LLAMA}/revision/") == 1


def test_history_at_a_commit_is_cached_forever(hub: HubStub, hub_settings: Make) -> None:
    first = resolve(hub_settings(), hf(DRIFT))[hf(DRIFT)]
    seen = len(hub.requests)
    again = resolve(hub_settings(branch_ttl=0.0), hf(DRIFT))[hf(DRIFT)]
    asked = [r.path for r in hub.requests[seen:]]
    assert asked == ["/api/models"]  # the publisher's listing: the branch's head and the family
    assert again.history == first.history


def test_a_moved_branch_reads_only_its_new_commits(hub: HubStub, hub_settings: Make) -> None:
    repo = hub.data.repos[DRIFT]
    newest = repo.branches["main"]
    repo.branches["main"] = repo.main.parent or newest  # as if the last commit were not there yet
    try:
        before = resolve(hub_settings(), hf(DRIFT))[hf(DRIFT)]
    finally:
        repo.branches["main"] = newest
    seen = len(hub.requests)
    after = resolve(hub_settings(branch_ttl=0.0), hf(DRIFT))[hf(DRIFT)]
    assert before.history is not None and after.history is not None
    assert after.history[0].commit == newest and after.history[1:] == before.history
    assert sum(1 for r in hub.requests[seen:] if "/revision/" in r.path) == 1  # the old head


def test_history_failure_is_a_note_not_a_crash(hub: HubStub, hub_settings: Make) -> None:
    cycle = "fixture-org/cycle-a"  # one commit, no LICENSE file
    resolve(hub_settings(deep=False), hf(cycle))  # the branch lookup is now cached
    hub.fail(cycle, 403, times=1)  # so the next request about the repo is the commit listing
    record = resolve(hub_settings(), hf(cycle))[hf(cycle)]
    assert record.status is Status.OK and record.history is None
    assert record.notes["history"].startswith(
        "could not list the commits: the Hub answered HTTP 403"
    )
    assert record.family == ()  # the other lookups went on
    again = resolve(hub_settings(), hf(cycle))[hf(cycle)]
    assert again.history is not None and "history" not in again.notes  # failures are not cached
