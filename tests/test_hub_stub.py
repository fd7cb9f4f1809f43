"""The Hub stand-in answers huggingface_hub the way the real Hub does (shapes, errors, headers).

These talk to it with the real client directly (not through licheck), so a stand-in bug cannot
hide behind licheck's own error mapping.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.hubstub import ACME_TOKEN, GATE_APPROVED_TOKEN, OUTSIDER_TOKEN, HubStub

DRIFT = "fixture-org/drifting-model"


@pytest.fixture
def api(hub_env: Path, hub: HubStub) -> Any:
    from huggingface_hub import HfApi

    return HfApi(endpoint=hub.url, token=False)


def errors() -> Any:
    import huggingface_hub.utils as utils

    return utils


def test_data_covers_the_required_models(hub: HubStub) -> None:
    repos = hub.data.repos
    for name in (
        "Qwen/Qwen2.5-7B-Instruct",
        "Qwen/Qwen2.5-7B",
        "Qwen/Qwen2.5-3B",
        "Qwen/Qwen2.5-3B-Instruct",
        "Qwen/Qwen2.5-72B-Instruct",
        "meta-llama/Llama-3.1-8B-Instruct",
        "mistralai/Mistral-7B-Instruct-v0.3",
        "google/gemma-2-9b-it",
        "deepseek-ai/DeepSeek-R1",
        "sentence-transformers/all-MiniLM-L6-v2",
        "openai-community/gpt2",
    ):
        assert name in repos and not repos[name].synthetic, name
    assert hub.data.canonical("gpt2") == "openai-community/gpt2"
    assert repos["acme-corp/internal-model"].private and repos["acme-corp/internal-model"].synthetic
    assert repos["spam-org/disabled-model"].disabled
    assert "nobody-here/vanished-model" not in repos
    for name in (
        "example-quants/Qwen2.5-3B-Instruct-GGUF",
        "fixture-org/llama-3.1-8b-support-ft",
        "fixture-org/license-file-mismatch",
        "fixture-org/cycle-a",
        "fixture-org/cycle-b",
        "fixture-org/orphan-finetune",
        "fixture-org/orphan-base",
    ):
        assert repos[name].synthetic, name
    sd3 = repos["stabilityai/stable-diffusion-3-medium"]
    names = [(r.date[:10], (r.card_data or {})["license_name"]) for r in sd3.history(sd3.main)]
    assert names[1:] == [
        ("2024-07-05", "stabilityai-ai-community"),
        ("2024-06-12", "stabilityai-nc-research-community"),
    ]
    for repo in repos.values():
        for rev in repo.commits.values():
            assert len(rev.sha) == 40 and (rev.parent is None or rev.parent in repo.commits)
            assert rev.parent is None or repo.commits[rev.parent].date < rev.date, repo.id


def test_model_info_full_and_expanded(api: Any, hub: HubStub) -> None:
    full = api.model_info("Qwen/Qwen2.5-7B-Instruct")
    assert full.card_data.license == "apache-2.0"
    assert "base_model:finetune:Qwen/Qwen2.5-7B" in full.tags
    assert "README.md" in {s.rfilename for s in full.siblings}
    small = api.model_info("Qwen/Qwen2.5-7B-Instruct", expand=["gated", "sha"])
    assert small.sha == full.sha and small.gated is False
    assert small.card_data is None and small.tags is None and small.siblings is None
    last = hub.requests[-1]
    assert last.path == "/api/models/Qwen/Qwen2.5-7B-Instruct"
    assert last.query["expand"] == ["gated", "sha"] and last.authorized is False


def test_unknown_expand_key_is_a_bad_request(api: Any) -> None:
    with pytest.raises(errors().BadRequestError):
        api.model_info("Qwen/Qwen2.5-7B-Instruct", expand=["noSuchKey"])


def test_blobs_add_sizes(api: Any) -> None:
    info = api.model_info("Qwen/Qwen2.5-7B-Instruct", files_metadata=True)
    readme = next(s for s in info.siblings if s.rfilename == "README.md")
    assert readme.size and readme.size > 0 and len(readme.blob_id) == 40


def test_revision_routes_quote_refs(api: Any, hub: HubStub) -> None:
    assert api.model_info("Qwen/Qwen2.5-3B", revision="refs/pr/3").card_data.license == "apache-2.0"
    assert hub.requests[-1].path == "/api/models/Qwen/Qwen2.5-3B/revision/refs%2Fpr%2F3"


@pytest.mark.parametrize(
    ("token", "status"), [(None, 401), (OUTSIDER_TOKEN, 404), ("hf_fake_unknown", 401)]
)
def test_private_repo_errors(hub: HubStub, api: Any, token: str | None, status: int) -> None:
    from huggingface_hub import HfApi

    client = HfApi(endpoint=hub.url, token=token or False)
    with pytest.raises(errors().HfHubHTTPError) as caught:
        client.model_info("acme-corp/internal-model")
    assert caught.value.response.status_code == status
    if token == "hf_fake_unknown":
        assert not isinstance(caught.value, errors().RepositoryNotFoundError)
    else:
        assert isinstance(caught.value, errors().RepositoryNotFoundError)
    assert HfApi(endpoint=hub.url, token=ACME_TOKEN).model_info("acme-corp/internal-model").private
    assert "hf_fake" not in repr(hub.requests)


def test_error_headers(api: Any) -> None:
    utils = errors()
    with pytest.raises(utils.DisabledRepoError):
        api.model_info("spam-org/disabled-model")
    with pytest.raises(utils.RevisionNotFoundError):
        api.model_info(DRIFT, revision="v9")
    with pytest.raises(utils.RepositoryNotFoundError) as missing:
        api.model_info("nobody-here/vanished-model")
    assert missing.value.response.headers["X-Error-Code"] == "RepoNotFound"


def test_gated_files_need_an_approved_token(hub: HubStub, hub_env: Path) -> None:
    from huggingface_hub import hf_hub_download

    repo = "meta-llama/Llama-3.1-8B-Instruct"
    utils = errors()
    for token, status in ((False, 401), (OUTSIDER_TOKEN, 403)):
        with pytest.raises(utils.GatedRepoError) as caught:
            hf_hub_download(repo, "README.md", endpoint=hub.url, token=token)
        assert caught.value.response.status_code == status
    path = hf_hub_download(repo, "README.md", endpoint=hub.url, token=GATE_APPROVED_TOKEN)
    assert "license: llama3.1" in Path(path).read_text()


def test_downloads_at_revisions_and_legacy_ids(hub: HubStub, hub_env: Path) -> None:
    from huggingface_hub import hf_hub_download

    old = hf_hub_download(DRIFT, "README.md", revision="v1.0", endpoint=hub.url, token=False)
    new = hf_hub_download(DRIFT, "README.md", endpoint=hub.url, token=False)
    assert "license: apache-2.0" in Path(old).read_text()
    assert "license_name: qwen-research" in Path(new).read_text()
    gpt2 = hf_hub_download("gpt2", "README.md", endpoint=hub.url, token=False)
    assert "license: mit" in Path(gpt2).read_text()
    head = next(r for r in hub.requests if r.method == "HEAD")
    assert head.path.startswith(f"/{DRIFT}/resolve/")
    with pytest.raises(errors().EntryNotFoundError):
        hf_hub_download(DRIFT, "missing.txt", endpoint=hub.url, token=False)


def test_refs_commits_and_listing(api: Any, hub: HubStub) -> None:
    refs = api.list_repo_refs(DRIFT)
    assert [t.name for t in refs.tags] == ["v1.0"]
    prs = api.list_repo_refs("Qwen/Qwen2.5-3B", include_pull_requests=True).pull_requests
    assert [p.ref for p in prs] == ["refs/pr/3"]
    hub.page_size = 2  # five commits: three pages joined by Link headers
    before = hub.request_count(f"/api/models/{DRIFT}/commits/")
    commits = api.list_repo_commits(DRIFT)
    assert hub.request_count(f"/api/models/{DRIFT}/commits/") - before == 3
    repo = hub.data.repos[DRIFT]
    assert [c.commit_id for c in commits] == [r.sha for r in repo.history(repo.main)]
    assert commits[0].commit_id == refs.branches[0].target_commit
    assert commits[-1].commit_id == refs.tags[0].target_commit
    assert [c.created_at for c in commits] == sorted((c.created_at for c in commits), reverse=True)
    hub.page_size = 20
    hub.page_size = 3
    qwen = [m.id for m in api.list_models(author="Qwen")]
    assert len(qwen) > 3 and qwen == sorted(qwen, key=str.lower)
    assert hub.request_count("/api/models") >= 2 + len(qwen) // 3
    assert "acme-corp/internal-model" not in {m.id for m in api.list_models(search="internal")}


def test_latency_and_failure_injection(api: Any, hub: HubStub) -> None:
    hub.fail("deepseek-ai/DeepSeek-R1", 503, times=1, retry_after=7)
    with pytest.raises(errors().HfHubHTTPError) as caught:
        api.model_info("deepseek-ai/DeepSeek-R1")
    assert caught.value.response.headers["Retry-After"] == "7"
    assert api.model_info("deepseek-ai/DeepSeek-R1").card_data.license == "mit"
    assert hub.request_count("/api/models/deepseek-ai") == 2
