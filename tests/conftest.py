"""Shared pytest fixtures. Group per area; add new groups below with their own header."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from licheck.hub import HubSettings
from licheck.rules import RuleSet, load_ruleset
from tests.hubstub import HubStub

# tests/corpus_real holds other projects' files, their tests and conftest.py among them, copied
# unchanged as scan input: never collect or import them.
collect_ignore_glob = ["corpus_real/*"]

# ---------------------------------------------------------------------------------------------
# Hub stand-in (tests/hubstub): a real HTTP server on 127.0.0.1 and an environment pointing at it
# ---------------------------------------------------------------------------------------------

# huggingface_hub reads HF_HOME (hence the token file path) once, at import. Point it at an empty
# folder before anything imports it, so no test ever sends a developer's saved token anywhere.
_HF_HOME = tempfile.mkdtemp(prefix="licheck-tests-hf-home-")
atexit.register(shutil.rmtree, _HF_HOME, ignore_errors=True)
os.environ["HF_HOME"] = _HF_HOME
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"

_HF_ENV_TO_CLEAR = (
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
    "HF_OIDC_RESOURCE",
)


@pytest.fixture(scope="session")
def hub_server() -> Iterator[HubStub]:
    """The Hub stand-in, started once per test session on a random loopback port."""
    with HubStub() as stub:
        yield stub


@pytest.fixture
def hub(hub_server: HubStub) -> Iterator[HubStub]:
    """The stand-in with clean counters, no injected failures and no latency."""
    hub_server.reset()
    yield hub_server
    hub_server.reset()


@pytest.fixture(scope="module")
def mix_stub(request: pytest.FixtureRequest) -> Iterator[HubStub]:
    """A stand-in serving the test module's ``MIX`` (tests/hubstub/synth.py), once per module."""
    with HubStub(request.module.MIX.data) as stub:
        yield stub


@pytest.fixture
def mix_hub(mix_stub: HubStub, hub_env: Path) -> Iterator[HubStub]:
    """``mix_stub`` with clean counters, no injected failures and no rate limits."""
    mix_stub.reset()
    yield mix_stub
    mix_stub.reset()


@pytest.fixture
def hub_env(hub: HubStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HF_ENDPOINT at the stand-in, isolate HF_HOME, drop tokens and offline flags.

    Returns an empty cache folder for ``HubSettings(cache_dir=...)``.
    """
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf_home"))
    monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
    for name in _HF_ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "cache"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh licheck cache folder for CLI runs (LICHECK_CACHE_DIR)."""
    path = tmp_path / "licheck-cache"
    monkeypatch.setenv("LICHECK_CACHE_DIR", str(path))
    return path


@pytest.fixture
def hub_settings(hub_env: Path) -> Callable[..., HubSettings]:
    """Build ``HubSettings.from_env`` for the stand-in: tmp cache, tiny backoff, then overrides."""

    def make(**overrides: Any) -> HubSettings:
        values: dict[str, Any] = {"cache_dir": hub_env, "backoff": 0.01, "max_wait": 0.05}
        values.update(overrides)
        return HubSettings.from_env(**values)

    return make


# ---------------------------------------------------------------------------------------------
# Rules: the built-in rule set, loaded once (RuleSet is frozen, so tests can share it)
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The built-in rules, taxonomy, vendors and provenance policy."""
    return load_ruleset()


# ---------------------------------------------------------------------------------------------
# Hub stand-in with the preserve fixtures (tests/hubstub/escrow.py): LFS files, a lying LFS
# file, hostile file names, a petabyte of weights, a gated repo, next to the usual data
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def escrow_server() -> Iterator[HubStub]:
    """The stand-in serving the preserve fixtures, started once per test session."""
    from tests.hubstub.escrow import escrow_data

    with HubStub(escrow_data()) as stub:
        yield stub


@pytest.fixture
def escrow(
    escrow_server: HubStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[HubStub]:
    """``escrow_server`` with clean counters, and the environment pointing at it: HF_ENDPOINT,
    an empty HF_HOME and licheck cache, no token, no CI."""
    escrow_server.reset()
    monkeypatch.setenv("HF_ENDPOINT", escrow_server.url)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf_home"))
    monkeypatch.setenv("LICHECK_CACHE_DIR", str(tmp_path / "licheck-cache"))
    monkeypatch.delenv("CI", raising=False)
    for name in _HF_ENV_TO_CLEAR:
        monkeypatch.delenv(name, raising=False)
    yield escrow_server
    escrow_server.reset()
