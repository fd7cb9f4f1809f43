"""The fault matrix as a CI user meets it: the real CLI, in its own process, against a hostile Hub.

Each case runs ``python -I -m licheck scan --strict`` with a token set, every report format
written to files, and one model behind a hostile behaviour. It asserts a report is written, the
affected model is ``unverified`` with its reason while the other is fine, the exit code is 3
under --strict, the token is in no artifact (reports, cache, stdout, stderr, licheck.lock), and
time and peak memory (the child's own ``ru_maxrss``) stay bounded. With LICHECK_FAULTS_LOG set,
each case appends its time and memory to that file (the figures of issue 9's closing note).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faults import hostile_hub as hostile
from tests.faults.runner import licheck_run
from tests.hubstub import GATE_APPROVED_TOKEN, HubStub

QWEN7 = "Qwen/Qwen2.5-7B-Instruct"
DRIFT = "fixture-org/drifting-model"
INFO = r"/api/models/Qwen/Qwen2.5-7B-Instruct(/revision/.*)?"
FORMATS = {"json": "r.json", "sarif": "r.sarif", "markdown": "r.md", "cyclonedx": "r.cdx.json"}
TIME_BOUND = 20.0
MEMORY_BOUND_MB = 400


@dataclass
class Run:
    code: int
    seconds: float
    peak_mb: float
    stdout: str
    stderr: str
    out: Path
    cache: Path

    def report(self) -> dict[str, object]:
        data = json.loads((self.out / "r.json").read_text(encoding="utf-8"))
        assert isinstance(data, dict)
        return data

    def model(self, name: str) -> dict[str, object]:
        models = self.report()["models"]
        assert isinstance(models, list)
        return next(m for m in models if m["model"] == name)

    def artifacts(self) -> list[tuple[str, bytes]]:
        files = [p for base in (self.out, self.cache) for p in base.rglob("*") if p.is_file()]
        kept = [(str(p), p.read_bytes()) for p in files]
        return [*kept, ("stdout", self.stdout.encode()), ("stderr", self.stderr.encode())]


@pytest.fixture
def scan(hub: HubStub, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[..., Run]:
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(
        "from transformers import AutoModel\n"
        f'AutoModel.from_pretrained("{QWEN7}")\n'
        f'AutoModel.from_pretrained("{DRIFT}")\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PYTHON"))}
    env.update(
        HF_ENDPOINT=hub.url,
        HF_TOKEN=GATE_APPROVED_TOKEN,
        HF_HOME=str(tmp_path / "hf_home"),  # empty: huggingface_hub 2.x asks for its registry
        LICHECK_CACHE_DIR=str(tmp_path / "cache"),
    )

    def run(*extra: str) -> Run:
        out = tmp_path / "out"
        args = ["scan", str(project), "--strict", "--fail-on", "never", "--timeout", "4"]
        for fmt, name in FORMATS.items():
            args += ["--format", fmt, "--output", str(out / name)]
        done = licheck_run([*args, *extra], tmp_path, env, label=request.node.name)
        return Run(
            done.returncode,
            done.seconds,
            done.peak_mb,
            done.stdout,
            done.stderr,
            out,
            tmp_path / "cache",
        )

    return run


CASES = {
    "trickled answer": (hostile.trickle(every=0.3), "time limit (4 s, --timeout)"),
    "silent server": (hostile.stall(), "time limit (4 s, --timeout)"),
    "declared 200 MB answer": (hostile.declared_huge(), "larger than"),
    "endless answer": (hostile.endless(total=80 * 1024 * 1024), "larger than"),
    "truncated JSON": (hostile.body(b'{"id": "x", "cardData": {'), "JSONDecodeError"),
    "HTML for JSON": (hostile.body(b"<html>oops</html>"), "JSONDecodeError"),
    "503 storm": (hostile.body(b"{}", status=503), "gave up after 3 attempts"),
    "redirect loop": (hostile.redirect(f"/api/models/{QWEN7}"), ""),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_answer_leaves_a_report_and_an_unverified_model(
    hub: HubStub, scan: Callable[..., Run], case: str
) -> None:
    behaviour, reason = CASES[case]
    hub.behave(INFO, behaviour)
    hub.behave(r"/api/models", behaviour, author="Qwen")  # the listing that answers heads too
    run = scan()
    assert run.code == 3, run.stderr  # --strict: something could not be verified
    for name in FORMATS.values():
        assert (run.out / name).stat().st_size > 0, name
    hostile_model = run.model(QWEN7)
    assert hostile_model["status"] == "unverified"
    assert reason in str(hostile_model["reason"])
    assert run.model(DRIFT)["status"] == "ok"
    assert "Traceback" not in run.stderr
    assert run.seconds < TIME_BOUND
    assert run.peak_mb < MEMORY_BOUND_MB


def test_agent_registry_that_trickles_cannot_hold_the_run(
    hub: HubStub, scan: Callable[..., Run]
) -> None:
    """huggingface_hub 2.x fetches an agent registry from the endpoint while it builds its
    headers (outside any licheck request); a trickle there must hit the same bounds."""
    hub.behave(r"/api/agent-harnesses", hostile.trickle(every=0.3))
    run = scan()
    assert run.code in (0, 3), run.stderr
    assert run.model(DRIFT)["status"] in ("ok", "unverified")
    assert "Traceback" not in run.stderr
    assert run.seconds < TIME_BOUND


def test_token_echoed_into_card_fields_reaches_no_artifact(
    hub: HubStub, scan: Callable[..., Run], tmp_path: Path
) -> None:
    hub.behave(r".*", hostile.echo_token)
    run = scan("--format", "text", "--output", str(tmp_path / "out" / "r.txt"))
    assert run.model(QWEN7)["status"] == "ok"
    assert "license-for-***" in (run.out / "r.txt").read_text(encoding="utf-8")
    leaks = [where for where, data in run.artifacts() if GATE_APPROVED_TOKEN.encode() in data]
    assert leaks == []
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PYTHON"))}
    env.update(
        HF_ENDPOINT=hub.url,
        HF_TOKEN=GATE_APPROVED_TOKEN,
        HF_HOME=str(tmp_path / "hf_home"),
        LICHECK_CACHE_DIR=str(tmp_path / "cache"),
    )
    project = tmp_path / "project"
    done = licheck_run(["lock", str(project)], tmp_path, env)
    assert done.returncode == 0, done.stderr
    lock_text = (project / "licheck.lock").read_bytes()
    assert b"license-for-***" in lock_text
    printed = (done.stdout + done.stderr).encode()
    assert GATE_APPROVED_TOKEN.encode() not in lock_text + printed


def test_foreign_next_link_gets_no_request_and_the_run_goes_on(
    hub: HubStub, scan: Callable[..., Run]
) -> None:
    hub.page_size = 1
    with hostile.foreign_host() as foreign:
        hub.behave(r"/api/models/.+/commits/.*", hostile.with_link(f"{foreign.url}/x"))
        hub.behave(r"/api/models", hostile.with_link(f"{foreign.url}/api/models"))
        run = scan("--deep")  # DRIFT is neither pinned nor a drifting publisher's model
        assert foreign.seen == []
    assert run.code == 0, run.stderr
    assert run.model(QWEN7)["status"] == "ok"
    notes = run.model(DRIFT)["notes"]
    assert isinstance(notes, dict)
    assert "another host (http://127.0.0.2:" in notes["history_partial"]
