"""``resolve_models`` as the pipeline sees it: one record per key, dedupe, concurrency, settings.

Also checks that ``import licheck.hub`` and an offline run never import huggingface_hub.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from licheck.hub import HubSettings, describe_endpoint, resolve_models
from licheck.records import ModelKey, ModelRecord, Source, Status
from tests.hubstub import HubStub

Make = Callable[..., HubSettings]
REPO = Path(__file__).resolve().parent.parent


def test_every_key_gets_a_record_in_first_seen_order(hub: HubStub, hub_settings: Make) -> None:
    keys = [
        ModelKey("llama3.1:8b", Source.OLLAMA),
        ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.HF),
        ModelKey("./checkpoints/mine", Source.LOCAL),
        ModelKey("nobody-here/vanished-model", Source.HF),
        ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.HF),
    ]
    seen: list[ModelRecord] = []
    records = resolve_models(iter(keys), hub_settings(), on_done=seen.append)
    assert list(records) == list(dict.fromkeys(keys))
    assert len(seen) == 4 and {r.key for r in seen} == set(records)
    assert all(records[k].key == k for k in records)
    for key in (keys[0], keys[2]):
        assert records[key].status is Status.NOT_RESOLVED and records[key].reason
    assert records[keys[1]].status is Status.OK
    assert records[keys[3]].status is Status.UNAVAILABLE
    assert hub.request_count("/api/models/") == 2


def test_a_model_named_many_ways_is_fetched_once(hub: HubStub, hub_settings: Make) -> None:
    keys = [
        ModelKey("Qwen/Qwen2.5-3B-Instruct", Source.HF),
        ModelKey("Qwen/Qwen2.5-3B-Instruct", Source.URL),
        ModelKey("Qwen/Qwen2.5-3B-Instruct", Source.HF, "main"),
    ]
    records = resolve_models(keys * 5, hub_settings())
    assert len(records) == 3
    assert (
        records[keys[1]].source is Source.URL and records[keys[1]].license_name == "qwen-research"
    )
    assert hub.request_count("/api/models/Qwen/Qwen2.5-3B-Instruct") == 2  # default + "main"


def test_lookups_run_concurrently(hub: HubStub, hub_settings: Make) -> None:
    import huggingface_hub  # noqa: F401  (keep the one-time import out of the timing)

    public = [
        r.id for r in hub.data.repos.values() if not (r.private or r.disabled or r.gated_metadata)
    ]
    keys = [ModelKey(m, Source.HF) for m in public[:30]]
    assert len(keys) == 30
    hub.latency = 0.05
    start = time.monotonic()
    records = resolve_models(keys, hub_settings(workers=8))
    elapsed = time.monotonic() - start
    assert all(r.status is Status.OK for r in records.values())
    assert hub.request_count("/api/models/") == 30
    assert elapsed < 0.5 * 30 * 0.05, elapsed  # serial would take at least 1.5 s


def test_empty_input_needs_no_cache_or_network(hub: HubStub, tmp_path: Path) -> None:
    settings = HubSettings(cache_dir=tmp_path / "cache")
    assert resolve_models([], settings) == {}
    local = ModelKey("/models/x", Source.LOCAL)
    assert resolve_models([local], settings)[local].status is Status.NOT_RESOLVED
    assert not (tmp_path / "cache").exists() and hub.requests == []


@pytest.mark.parametrize(
    ("value", "offline"),
    [("1", True), ("true", True), ("YES", True), ("on", True), ("0", False), ("", False)],
)
def test_from_env_reads_offline_flag(
    monkeypatch: pytest.MonkeyPatch, value: str, offline: bool
) -> None:
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", value)
    assert HubSettings.from_env().offline is offline


def test_from_env_reads_endpoint_and_token_and_overrides_win(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "https://mirror.example/")
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("HUGGING_FACE_HUB_TOKEN", "hf_legacy_fake")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    settings = HubSettings.from_env(workers=3)
    assert settings.endpoint == "https://mirror.example/" and settings.workers == 3
    assert settings.token == "hf_legacy_fake" and "hf_legacy_fake" not in repr(settings)
    assert settings.effective_endpoint == "https://mirror.example"
    monkeypatch.setenv("HF_TOKEN", "hf_new_fake")
    assert HubSettings.from_env().token == "hf_new_fake"
    assert HubSettings.from_env(offline=True, token=None).token is None
    monkeypatch.delenv("HF_TOKEN")
    monkeypatch.delenv("HUGGING_FACE_HUB_TOKEN")
    assert HubSettings.from_env().token is None  # huggingface_hub then finds a saved token


@pytest.mark.parametrize(
    ("endpoint", "shown"),
    [
        (None, "https://huggingface.co"),
        ("https://huggingface.co/", "https://huggingface.co"),
        (
            "https://user:hunter2@mirror.example:8443/hub/?key=hunter2",
            "https://mirror.example:8443/hub",
        ),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ],
)
def test_describe_endpoint_drops_credentials(
    monkeypatch: pytest.MonkeyPatch, endpoint: str | None, shown: str
) -> None:
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    assert describe_endpoint(HubSettings(endpoint=endpoint)) == shown


def test_offline_path_never_imports_huggingface_hub(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from licheck.hub import HubSettings, resolve_models\n"
        "from licheck.records import ModelKey, Source\n"
        "key = ModelKey('Qwen/Qwen2.5-7B-Instruct', Source.HF)\n"
        f"s = HubSettings(offline=True, cache_dir={str(tmp_path)!r})\n"
        "r = resolve_models([key], s)[key]\n"
        "assert r.status.value == 'unverified', r\n"
        "assert 'huggingface_hub' not in sys.modules, 'imported'\n"
        "print('ok')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_progress_sees_referenced_models_before_the_deep_lookups_end(
    hub: HubStub, hub_settings: Make
) -> None:
    from licheck.hub import resolve_provenance

    requests_when_seen: list[int] = []
    keys = [ModelKey("Qwen/Qwen2.5-7B-Instruct", Source.HF), ModelKey("gpt2", Source.HF)]
    records = resolve_provenance(
        keys, hub_settings(), on_done=lambda _r: requests_when_seen.append(len(hub.requests))
    )
    assert len(requests_when_seen) == len(records)  # every record once
    # The first model is reported while history, family and LICENSE lookups are still to come.
    assert requests_when_seen[0] < len(hub.requests)
