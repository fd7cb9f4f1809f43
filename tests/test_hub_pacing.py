"""Pacing by the Hub's announced rate limits (issue 13): the header parser on a table of forms,
the pacer's arithmetic on a fake clock, a run against the stand-in with a budget smaller than
it needs (no 429), and 429 answers with Retry-After still retried."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from licheck.hub import HubSettings, resolve_provenance
from licheck.hub.outcomes import retry_after
from licheck.hub.pacing import Limit, Pacer, parse_limit, route_kind
from licheck.records import ModelKey, Source, Status
from tests.hubstub import HubStub
from tests.hubstub.routes import Answer
from tests.hubstub.synth import synthetic_mix

POLICY = '"fixed window";"api";q=500;w=300'


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            {"RateLimit": '"api";r=12;t=55', "RateLimit-Policy": POLICY},
            Limit("api", 12, 55, 500, 300),
        ),
        ({"ratelimit": '"resolvers";r=0;t=7'}, Limit("resolvers", 0, 7)),
        ({"RateLimit": "api;r=3;t=1"}, Limit("api", 3, 1)),  # unquoted: still read
        ({"RateLimit": '"api";r=3;t=1', "RateLimit-Policy": "nonsense"}, Limit("api", 3, 1)),
        ({"RateLimit": "limit=100, remaining=3"}, None),  # another draft's form: no pacing
        ({"RateLimit": ""}, None),
        ({"X-RateLimit-Remaining": "3"}, None),
        ({}, None),
    ],
)
def test_parse_limit(headers: dict[str, str], expected: Limit | None) -> None:
    assert parse_limit(headers) == expected


def test_parse_limit_never_raises_on_odd_values() -> None:
    assert parse_limit({"RateLimit": 12}) is None  # type: ignore[dict-item]


@dataclass
class Clock:
    now: float = 100.0
    slept: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_pacer_waits_for_the_reset_once_the_budget_is_down_to_the_reserve() -> None:
    clock = Clock()
    pacer = Pacer(reserve=2, clock=lambda: clock.now, sleep=clock.sleep)
    assert pacer.before("api") == 0.0  # nothing announced yet
    pacer.observe("api", {"RateLimit": '"api";r=4;t=10'})
    assert [pacer.before("api") for _ in range(2)] == [0.0, 0.0]  # 3 and 2 left
    assert pacer.before("api") == pytest.approx(10.0)  # 1 left: wait for the new window
    assert clock.slept == [pytest.approx(10.0)]
    assert pacer.before("api") == 0.0  # a new window, its budget not known yet
    assert pacer.before("files") == 0.0  # downloads have their own budget
    assert pacer.waits == 1 and pacer.waited == pytest.approx(10.0)


def test_pacer_never_waits_past_the_deadline() -> None:
    clock = Clock()
    pacer = Pacer(reserve=1, clock=lambda: clock.now, sleep=clock.sleep)
    pacer.observe("api", {"RateLimit": '"api";r=0;t=120'})
    assert pacer.before("api", deadline=clock.now + 3) == pytest.approx(3.0)


def test_route_kind() -> None:
    assert route_kind("https://hub.example/api/models/a/b") == "api"
    assert route_kind("https://hub.example/a/b/resolve/main/LICENSE") == "files"


def refused(hub: HubStub, status: int, headers: dict[str, str]) -> Any:
    """The response the real client's error carries when the stand-in answers a model lookup
    with ``status`` and ``headers``."""
    import huggingface_hub.utils as hf_utils
    from huggingface_hub import HfApi

    errors: Any = hf_utils  # exported in 0.24 and 2.x alike, undeclared to type checkers
    answer = Answer.error(status, None, "refused (licheck test)", headers)
    hub.behave(r"/api/models/.+", lambda handler: handler.write(answer))
    with pytest.raises(errors.HfHubHTTPError) as caught:
        HfApi(endpoint=hub.url, token=False).model_info("Qwen/Qwen2.5-7B-Instruct")
    return caught.value.response


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (429, {"Retry-After": "3"}, 3.0),
        (429, {"RateLimit": '"api";r=0;t=42'}, 42.0),
        (503, {"RateLimit": '"api";r=0;t=42'}, None),
        (429, {"RateLimit": '"api";r=5;t=42'}, None),
    ],
)
def test_retry_after_prefers_the_header_then_the_announced_reset(
    hub: HubStub, status: int, headers: dict[str, str], expected: float | None
) -> None:
    assert retry_after(refused(hub, status, headers)) == expected


MIX = synthetic_mix(60)


def test_a_run_over_budget_is_paced_and_never_refused(mix_hub: HubStub, hub_env: Path) -> None:
    keys = [ModelKey(model, Source.HF, revision) for model, revision in MIX.references]
    mix_hub.rate_limit(api=12, window=1.0)
    settings = HubSettings(endpoint=mix_hub.url, cache_dir=hub_env, workers=4, drifting=frozenset())
    start = time.monotonic()
    records = resolve_provenance(keys, settings)
    elapsed = time.monotonic() - start
    api = [r for r in mix_hub.requests if r.path.startswith("/api/")]
    assert len(api) > 2 * 12  # more than two windows' worth: the pacer had to wait
    assert mix_hub.limits.refused == 0
    assert elapsed >= 1.0
    assert all(r.status is Status.OK for r in records.values())


def test_a_429_with_retry_after_is_retried(
    hub: HubStub, hub_settings: Callable[..., HubSettings]
) -> None:
    model = "Qwen/Qwen2.5-7B-Instruct"
    hub.fail(model, 429, times=1, retry_after=0.01)
    records = resolve_provenance([ModelKey(model, Source.HF)], hub_settings(deep=False))
    assert records[ModelKey(model, Source.HF)].status is Status.OK
    assert hub.request_count(f"/api/models/{model}") == 2


def test_a_429_storm_gives_up_with_a_reason(
    hub: HubStub, hub_settings: Callable[..., HubSettings]
) -> None:
    model = "Qwen/Qwen2.5-7B-Instruct"
    hub.fail(model, 429, times=10, retry_after=0.01)
    records = resolve_provenance([ModelKey(model, Source.HF)], hub_settings(deep=False))
    record = records[ModelKey(model, Source.HF)]
    assert record.status is Status.UNVERIFIED and "HTTP 429" in (record.reason or "")
    assert "gave up after 3 attempts" in (record.reason or "")


def test_hf_hub_download_waits_out_a_429_from_the_file_budget(
    hub: HubStub, hub_env: Path, tmp_path: Path
) -> None:
    """huggingface_hub's own download path (``licheck preserve``) meets the file budget's 429:
    the retry after its Retry-After gets the file."""
    from licheck.hub.client import Downloaded, download_file

    model = "fixture-org/license-file-mismatch"
    sha = hub.data.repos[model].main.sha
    hub.rate_limit(resolvers=2, window=1.0)  # the first file: its HEAD and its GET
    conn = HubSettings(endpoint=hub.url, cache_dir=hub_env, backoff=0.01, max_wait=2.0)
    first = download_file(model, sha, "LICENSE", tmp_path / "a", conn.connection())
    second = download_file(model, sha, "README.md", tmp_path / "b", conn.connection())
    assert isinstance(first, Downloaded) and isinstance(second, Downloaded)
    assert hub.limits.refused >= 1  # the second file met the spent budget, then got through
