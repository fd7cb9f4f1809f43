"""The hub stage's request budget on a synthetic mix of 100 models (issue 13), counted at the
stand-in: API requests per distinct model, one listing per publisher, one LICENSE download per
blob id, histories only where they change a verdict, and a warm run that asks nothing."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from licheck.hub import HubSettings, resolve_provenance
from licheck.hub.deep import NOT_READ
from licheck.hub.license_text import BLOB_FACT
from licheck.hub.stem import family_stem
from licheck.pipeline import with_drift
from licheck.records import ModelKey, Source, Status
from licheck.rules import RuleSet
from tests.hubstub import HubStub, RecordedRequest
from tests.hubstub.synth import COMMUNITY, DRIFTING, Mix, synthetic_mix

MIX = synthetic_mix(100)
KEYS = [ModelKey(model, Source.HF, revision) for model, revision in MIX.references]


def settings(hub: HubStub, cache: Path, ruleset: RuleSet, **overrides: object) -> HubSettings:
    base = HubSettings(endpoint=hub.url, cache_dir=cache, backoff=0.01, max_wait=0.05)
    return with_drift(replace(base, **overrides), ruleset)


def api(requests: list[RecordedRequest]) -> list[RecordedRequest]:
    return [r for r in requests if r.path.startswith("/api/") and r.path != "/api/agent-harnesses"]


def test_mix_stays_within_the_budget_and_a_warm_run_asks_nothing(
    mix_hub: HubStub, hub_env: Path, ruleset: RuleSet
) -> None:
    cold = resolve_provenance(KEYS, settings(mix_hub, hub_env, ruleset))
    models = {key.model for key in cold}
    assert len(models) == len(MIX.data.repos)  # every base is in the mix
    assert all(r.status is Status.OK for r in cold.values())
    asked = api(mix_hub.requests)
    assert len(asked) <= 1.5 * len(models), Counter(r.path.split("/")[-1] for r in asked)
    # Heads come from their publisher's listing: model_info only at the pinned revisions.
    singles = [r for r in asked if len(r.path.split("/")) == 5]  # /api/models/{ns}/{name}
    assert singles == []
    seen = len(mix_hub.requests)
    warm = resolve_provenance(KEYS, settings(mix_hub, hub_env, ruleset))
    assert len(mix_hub.requests) == seen, mix_hub.requests[seen:]
    assert {k: replace(r, from_cache=False) for k, r in warm.items()} == cold


def test_each_publisher_is_listed_once(mix_hub: HubStub, hub_env: Path, ruleset: RuleSet) -> None:
    records = resolve_provenance(KEYS, settings(mix_hub, hub_env, ruleset))
    listings = [r for r in mix_hub.requests if r.path == "/api/models"]
    pages = Counter((r.query["author"][0], r.query.get("cursor", ["0"])[0]) for r in listings)
    assert max(pages.values()) == 1  # no page asked twice
    authors = {author for author, _ in pages}
    assert authors == {key.model.split("/")[0] for key in KEYS}
    assert all("search" not in r.query for r in listings)
    # The families came out of those listings: a quantization's siblings are its publisher's
    # repos of the same family stem.
    quant = next(k for k in KEYS if "-GGUF" in k.model and k.revision is None)
    family = records[quant].family
    assert family is not None and all(m.model.startswith(quant.model.split("/")[0]) for m in family)


def test_license_text_is_downloaded_once_per_blob_id(
    mix_hub: HubStub, hub_env: Path, ruleset: RuleSet
) -> None:
    records = resolve_provenance(KEYS, settings(mix_hub, hub_env, ruleset))
    found = {k: r.license_file for k, r in records.items() if r.license_file is not None}
    texts = {(f.sha256, f.head) for f in found.values()}
    downloads = [r for r in mix_hub.requests if "/resolve/" in r.path]
    assert len(found) > len(texts)  # repos share texts: the mix is meant to test that
    assert len(downloads) == len(texts)
    # Each repo's file is the bytes at its own commit, whichever repo's download served it.
    for key, license_file in found.items():
        repo = MIX.data.repos[key.model]
        rev = repo.resolve(key.revision)
        assert rev is not None and license_file.head == rev.files[license_file.path]


def test_without_blob_ids_each_repo_downloads_its_own(
    mix_hub: HubStub, hub_env: Path, ruleset: RuleSet
) -> None:
    mix_hub.refuse_blobs_with_expand = True  # a Hub that answers 400 to blobs=true + expand
    records = resolve_provenance(KEYS, settings(mix_hub, hub_env / "a", ruleset))
    asked = mix_hub.requests
    refused = [n for n, r in enumerate(asked) if r.query.get("blobs") == ["true"]]
    # Asked until the first refusal came back (workers run in parallel), never after.
    assert 1 <= len(refused) <= 8 and len(asked) > refused[-1] + 20
    downloads = [r for r in mix_hub.requests if "/resolve/" in r.path]
    with_files = [r for r in records.values() if r.license_file is not None]
    assert len(downloads) == len(with_files) > 0
    mix_hub.reset()
    again = resolve_provenance(KEYS, settings(mix_hub, hub_env / "b", ruleset))
    assert {k: r.license_file for k, r in again.items()} == {
        k: r.license_file for k, r in records.items()
    }


def _history_asked(requests: list[RecordedRequest]) -> set[str]:
    """The models whose commits were listed."""
    prefix = len("/api/models/")
    return {r.path.split("/commits/")[0][prefix:] for r in requests if "/commits/" in r.path}


def test_history_is_read_only_where_it_can_change_a_verdict(
    mix_hub: HubStub, hub_env: Path, ruleset: RuleSet
) -> None:
    records = resolve_provenance(KEYS, settings(mix_hub, hub_env, ruleset))
    pinned = {k.model for k in KEYS if k.revision is not None}
    drifting = {k.model for k in KEYS if k.model.split("/")[0] in DRIFTING}
    assert pinned and drifting
    assert _history_asked(mix_hub.requests) == pinned | drifting
    quiet = next(k for k in KEYS if k.model.startswith(COMMUNITY[0]) and k.model not in pinned)
    assert records[quiet].history is None and records[quiet].notes["history"] == NOT_READ
    for model in pinned | drifting:
        head = records[ModelKey(model, Source.HF)]
        assert head.history is not None and "history" not in head.notes, model


def test_deep_reads_every_history(mix_hub: HubStub, hub_env: Path, ruleset: RuleSet) -> None:
    records = resolve_provenance(KEYS, settings(mix_hub, hub_env, ruleset, full_history=True))
    assert _history_asked(mix_hub.requests) == {k.model for k in KEYS}
    assert all(r.history is not None for k, r in records.items() if k.revision is None)


def test_families_and_blob_texts_are_cached_under_their_kinds(
    mix_hub: HubStub, hub_env: Path, ruleset: RuleSet
) -> None:
    from licheck.hub.cache import HubCache

    records = resolve_provenance(KEYS, settings(mix_hub, hub_env, ruleset))
    cache = HubCache.open(hub_env)
    try:
        # One publisher listing, kept per family as a search for that family would be.
        quant = next(k for k in KEYS if "-GGUF" in k.model and k.revision is None)
        namespace, name = quant.model.split("/")
        cached = cache.get_fact(mix_hub.url, "family", f"{namespace}/{family_stem(name)}#50")
        assert isinstance(cached, list)
        assert {m["model"] for m in cached} - {quant.model} == {
            m.model for m in records[quant].family or ()
        }
        blob = cache.get_fact(mix_hub.url, BLOB_FACT, _some_blob(MIX))
        assert isinstance(blob, dict) and len(blob["sha256"]) == 64
    finally:
        cache.close()


def _some_blob(mix: Mix) -> str:
    from licheck.hub.blobs import git_blob_id

    repo = next(r for r in mix.data.repos.values() if "LICENSE" in r.main.files)
    return git_blob_id(repo.main.files["LICENSE"].encode())
