"""The README's first command shows what licheck is for, without network, and the example's
facts bundle is what ``python -m tests.demo_facts`` records from the stand-in today."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.demo_facts import BUNDLE, comparable, record

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _first_command() -> str:
    """The licheck part of README's first shell block."""
    block = re.search(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"), re.S)
    assert block is not None
    return block.group(1).strip().split(" && ")[-1]


def test_readme_first_command_shows_the_findings_offline(tmp_path: Path) -> None:
    command = _first_command()
    assert command == "licheck scan examples/demo --offline"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICHECK_"))}
    env.update(
        HF_ENDPOINT="http://127.0.0.1:9",  # nothing listens: any Hub request would fail
        HF_HOME=str(tmp_path / "hf"),
        LICHECK_CACHE_DIR=str(tmp_path / "fresh-cache"),  # a fresh machine: nothing cached
        NO_COLOR="1",
    )
    args = command.split()[1:]
    done = subprocess.run(
        [sys.executable, "-I", "-m", "licheck", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout
    assert done.returncode == 1, done.stderr  # fail_on = "high" in the example
    assert "from facts bundle licheck-facts.json, recorded " in out
    # License categories: the research-only 3B next to the Apache 7B.
    assert re.search(
        r"Qwen/Qwen2.5-3B-Instruct  \[ok\]  license: qwen-research \(research-only", out
    )
    assert re.search(
        r"Qwen/Qwen2.5-7B-Instruct  @ \w+  \[ok\]  license: apache-2.0 \(permissive", out
    )
    assert "LC102 license-research-only: Qwen/Qwen2.5-3B-Instruct" in out
    # The base-model chain: an Apache GGUF of a research model.
    assert (
        "example-quants/Qwen2.5-3B-Instruct-GGUF <- quantized of Qwen/Qwen2.5-3B-Instruct "
        "(qwen-research)" in out
    )
    assert "LC111 license-mismatch: example-quants/Qwen2.5-3B-Instruct-GGUF" in out
    # A pinned revision whose main moved to another license.
    assert "LC123 pinned-license-superseded: You are pinned to revision eae16031" in out
    assert "main is now qwen-research (research-only) since 2025-02-01" in out
    # The family split and the drifting publisher.
    assert "LC131 family-split: Qwen/Qwen2.5-7B-Instruct" in out
    assert "LC401 vendor-drift: Qwen/Qwen2.5-7B-Instruct" in out
    # What no bundle answers stays unknown, never safe.
    assert "cross-encoder/ms-marco-MiniLM-L-6-v2  [unverified]" in out


def test_the_example_bundle_says_it_is_example_data() -> None:
    document = json.loads(BUNDLE.read_text(encoding="utf-8"))
    assert document["format"] == "licheck/facts/v1"
    assert "not live Hub answers" in document["note"]
    assert "example data" in (ROOT / "examples" / "demo" / "README.md").read_text().lower()


def test_the_committed_example_bundle_is_up_to_date() -> None:
    committed = json.loads(BUNDLE.read_text(encoding="utf-8"))
    assert comparable(committed) == comparable(record()), (
        "examples/demo/licheck-facts.json is out of date: run python -m tests.demo_facts"
    )
