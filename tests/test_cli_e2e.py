"""End to end: the real CLI on a small fake project, the real huggingface_hub client, and the
local Hub stand-in. Nothing in huggingface_hub is patched; the stand-in counts requests."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from licheck import collector
from licheck.cli import main

PROJECTS = Path(__file__).parent / "data" / "projects"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    dest = tmp_path / "mixed"
    shutil.copytree(PROJECTS / "mixed", dest)
    return dest


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main([*args, "--format", "json", "--quiet"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def by_model(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["model"]: m for m in report["models"]}


def categories(report: dict[str, Any], model: str) -> set[str]:
    return {f["category"] for f in report["findings"] if f["model"] == model}


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_scan_reports_references_models_findings_and_exit_code(
    project: Path, hub: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run_json(["scan", str(project)], capsys)

    assert report["schema"] == "licheck/report/v2"
    refs = {(r["model"], r["path"], r["line"]) for r in report["references"]}
    assert ("Qwen/Qwen2.5-7B-Instruct", "src/app.py", 9) in refs  # where the id is written
    chat = next(r for r in report["references"] if r["model"] == "Qwen/Qwen2.5-7B-Instruct")
    assert [u["line"] for u in chat["uses"]] == [11, 12]  # the loaders that read it
    assert ("Qwen/Qwen2.5-72B-Instruct", "configs/train.yaml", 1) in refs
    assert ("mistralai/Mistral-7B-Instruct-v0.3", "scripts/fetch.sh", 2) in refs
    written = {r["model"] for r in report["references"]}
    assert "Qwen/not-a-model-dataset" not in written  # load_dataset is a dataset
    assert "acme/tickets" not in written and "acme/our-finetune" not in written
    small = next(r for r in report["references"] if r["model"] == "Qwen/Qwen2.5-3B-Instruct")
    assert small["revision"] == "main" and small["pin"] == "branch"

    models = by_model(report)
    assert models["Qwen/Qwen2.5-7B-Instruct"]["status"] == "ok"
    assert models["Qwen/Qwen2.5-7B-Instruct"]["license"]["spdx"] == "Apache-2.0"
    assert models["Qwen/Qwen2.5-7B-Instruct"]["license"]["category"] == "permissive"
    assert models["Qwen/Qwen2.5-7B-Instruct"]["base_models"][0]["model"] == "Qwen/Qwen2.5-7B"
    assert len(models["Qwen/Qwen2.5-7B-Instruct"]["sha"]) == 40
    assert models["Qwen/Qwen2.5-3B-Instruct"]["license"]["name"] == "qwen-research"
    assert models["meta-llama/Llama-3.1-8B-Instruct"]["gated"] == "manual"
    for gone in (
        "acme-corp/internal-model",
        "nobody-here/vanished-model",
        "spam-org/disabled-model",
    ):
        assert models[gone]["status"] == "unavailable", gone
        assert models[gone]["reason"]

    assert "license-noncommercial" in categories(report, "Qwen/Qwen2.5-3B-Instruct")
    assert "license-restricted" in categories(report, "Qwen/Qwen2.5-72B-Instruct")
    assert {"license-restricted", "gated"} <= categories(report, "meta-llama/Llama-3.1-8B-Instruct")
    assert "unavailable" in categories(report, "spam-org/disabled-model")
    assert "vendor-drift" in categories(report, "Qwen/Qwen2.5-7B-Instruct")
    assert "unpinned" in categories(report, "Qwen/Qwen2.5-7B-Instruct")
    license_cats = {"license-restricted", "license-noncommercial", "license-unknown"}
    assert not categories(report, "sentence-transformers/all-MiniLM-L6-v2") & license_cats
    assert not categories(report, "deepseek-ai/DeepSeek-R1") & license_cats

    skipped = {s["path"]: s["reason"] for s in report["skipped"]}
    assert "src/broken.py" in skipped and "syntax" in skipped["src/broken.py"].lower()
    assert "configs/legacy.yaml" in skipped
    assert code == 1  # high findings with the default --fail-on high


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_fail_on_threshold_changes_exit_code(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", str(project), "--fail-on", "never", "-q"]) == 0
    capsys.readouterr()
    assert main(["scan", str(project), "--fail-on", "bogus", "-q"]) == 2


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_warm_cache_makes_no_request(
    project: Path, hub: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(["scan", str(project)], capsys)
    cold = len(hub.requests)
    assert cold > 0
    _, report = run_json(["scan", str(project)], capsys)
    assert len(hub.requests) == cold, hub.requests[cold:]
    assert by_model(report)["Qwen/Qwen2.5-7B-Instruct"]["cached"] is True


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_each_distinct_model_is_fetched_once(
    project: Path, hub: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    run_json(["scan", str(project)], capsys)
    qwen7 = [r for r in hub.requests if r.path == "/api/models/Qwen/Qwen2.5-7B-Instruct"]
    # Two references, one lookup: its own model_info, or the Qwen listing that answers the heads
    # of the project's Qwen models (and their families).
    qwen = [r for r in hub.requests if r.path == "/api/models" and r.query["author"] == ["Qwen"]]
    assert len(qwen7) + len(qwen) == 1


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_offline_keeps_every_reference_and_never_says_fine(
    project: Path, hub: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _, online = run_json(["scan", str(project), "--no-cache"], capsys)
    before = len(hub.requests)
    code, report = run_json(["scan", str(project), "--offline"], capsys)
    assert len(hub.requests) == before
    assert report["offline"] is True
    assert len(report["references"]) == len(online["references"])
    assert {m["status"] for m in report["models"]} == {"unverified"}
    flagged = {f["model"] for f in report["findings"] if f["category"] == "unverified"}
    assert flagged == {m["model"] for m in report["models"]}
    assert main(["scan", str(project), "--offline", "--strict", "-q"]) == 3
    capsys.readouterr()
    assert code in (0, 1)


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_offline_uses_a_warm_cache(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_json(["scan", str(project)], capsys)
    _, report = run_json(["scan", str(project), "--offline"], capsys)
    assert by_model(report)["Qwen/Qwen2.5-7B-Instruct"]["status"] == "ok"


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_explicit_files_as_pre_commit_passes_them(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    code, report = run_json(["scan", "configs/train.yaml", "scripts/fetch.sh"], capsys)
    assert {r["path"] for r in report["references"]} == {"configs/train.yaml", "scripts/fetch.sh"}
    assert code == 1  # the Qwen license on the 72B model is high


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_output_file_and_text_report(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports" / "report.json"
    main(["scan", str(project), "--format", "json", "--output", str(out), "-q"])
    assert json.loads(out.read_text())["schema"] == "licheck/report/v2"
    main(["scan", str(project), "--no-color"])
    captured = capsys.readouterr()
    assert "Qwen/Qwen2.5-3B-Instruct" in captured.out
    assert "src/app.py:14" in captured.out
    assert "advice:" in captured.out
    assert captured.err == ""  # the text report on stdout already ends with the summary
    main(["scan", str(project), "--format", "json", "--output", str(out)])
    assert capsys.readouterr().err.startswith("licheck: 10 references to 10 models")


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_several_formats_in_one_run(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sarif, md = tmp_path / "r.sarif", tmp_path / "r.md"
    args = ["scan", str(project), "-f", "sarif", "-o", str(sarif), "-f", "markdown", "-o", str(md)]
    main([*args, "-f", "json", "-q"])
    assert json.loads(capsys.readouterr().out)["schema"] == "licheck/report/v2"
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert "Qwen/Qwen2.5-3B-Instruct" in md.read_text()
    assert main(["scan", str(project), "-f", "json", "-f", "text", "-q"]) == 2
    assert "stdout" in capsys.readouterr().err


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_hub_failure_marks_one_model_unverified_with_a_hint(
    project: Path, hub: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    hub.fail("Qwen/Qwen2.5-3B-Instruct", 503, times=100)
    hub.fail_listing("Qwen", 503, times=100)  # the listing would answer the head lookup too
    code = main(["scan", str(project), "--format", "json", "--strict"])
    captured = capsys.readouterr()
    models = by_model(json.loads(captured.out))
    assert models["Qwen/Qwen2.5-3B-Instruct"]["status"] == "unverified"
    assert "503" in models["Qwen/Qwen2.5-3B-Instruct"]["reason"]
    assert models["Qwen/Qwen2.5-7B-Instruct"]["status"] == "ok"  # the others still resolve
    assert "hint:" in captured.err and "--offline" in captured.err and "HF_TOKEN" in captured.err
    assert code == 3


@pytest.mark.usefixtures("hub_env")
def test_token_never_reaches_output_or_cache(
    project: Path,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.hubstub import ACME_TOKEN

    monkeypatch.setenv("HF_TOKEN", ACME_TOKEN)
    for fmt in ("json", "text", "sarif", "markdown", "cyclonedx"):
        main(["scan", str(project), "--format", fmt])
        captured = capsys.readouterr()
        assert ACME_TOKEN not in captured.out + captured.err, fmt
    _, report = run_json(["scan", str(project)], capsys)
    assert by_model(report)["acme-corp/internal-model"]["status"] == "ok"  # the token was used
    stored = b"".join(p.read_bytes() for p in cache_dir.rglob("*") if p.is_file())
    assert stored and ACME_TOKEN.encode() not in stored


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_unknown_config_key_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.licheck]\nfail_onn = 'high'\n")
    assert main(["scan", str(project)]) == 2
    assert "fail_onn" in capsys.readouterr().err


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_broken_rule_pack_exits_2_naming_file_and_key(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = project / "team-rules"
    extra.mkdir()
    (extra / "team.toml").write_text(
        '[[rule]]\nid = "TEAM001"\nname = "x"\nseverity = "high"\ncategory = "license-unknown"\n'
        'summary = "s"\nhelp = "h"\nmessage = "m"\nadvice = "a"\nwhen = { status = ["ok"] }\n'
        'colour = "red"\n'
    )
    (project / "pyproject.toml").write_text('[tool.licheck]\nrules = ["team-rules"]\n')
    assert main(["scan", str(project)]) == 2
    err = capsys.readouterr().err
    assert "team.toml" in err and "colour" in err


def test_rules_command_lists_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for category in (
        "license-restricted",
        "license-noncommercial",
        "license-copyleft",
        "license-unknown",
        "gated",
        "unavailable",
        "unverified",
        "unpinned",
        "vendor-drift",
    ):
        assert category in out


def test_module_entry_point_prints_version() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "licheck", "--version"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("licheck ")


@pytest.mark.usefixtures("cache_dir")
def test_include_and_exclude_globs_on_the_command_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report = run_json(["scan", str(project), "--offline", "--include", "configs/**"], capsys)
    assert {r["path"] for r in report["references"]} == {"configs/train.yaml"}
    _, report = run_json(["scan", str(project), "--offline", "--exclude", "src/**"], capsys)
    assert not [r for r in report["references"] if r["path"].startswith("src/")]
    assert [r for r in report["references"] if r["path"] == "scripts/fetch.sh"]


@pytest.mark.usefixtures("cache_dir")
def test_inline_ignores_by_category_and_unknown_names_warn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "fetch.sh").write_text(
        "hf download Qwen/Qwen2.5-7B-Instruct  # licheck: ignore[unpinned] pinned by the image\n"
        "hf download google/gemma-2-9b-it  # licheck: ignore[unpined] typo\n"
    )
    code = main(["scan", str(tmp_path), "--offline", "--format", "json"])
    captured = capsys.readouterr()
    unpinned = {
        f["model"] for f in json.loads(captured.out)["findings"] if f["category"] == "unpinned"
    }
    assert unpinned == {"google/gemma-2-9b-it"}
    assert "fetch.sh:2: unpined" in captured.err and "silences nothing" in captured.err
    assert code == 0


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_an_upper_case_full_sha_is_a_commit_pin(
    tmp_path: Path, hub: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = hub.data.repos["fixture-org/drifting-model"].tags["v1.0"]
    (tmp_path / "app.py").write_text(
        "from transformers import AutoModel\n"
        f'AutoModel.from_pretrained("fixture-org/drifting-model", revision="{sha.upper()}")\n'
    )
    _, report = run_json(["scan", str(tmp_path)], capsys)
    (ref,) = report["references"]
    assert (ref["revision"], ref["pin"]) == (sha.upper(), "commit")
    model = by_model(report)["fixture-org/drifting-model"]
    assert (model["status"], model["sha"], model["revision"]) == ("ok", sha, sha)
    assert "unpinned" not in categories(report, "fixture-org/drifting-model")
    # Cached as a commit's answer: an offline run long after still has it.
    _, again = run_json(["scan", str(tmp_path), "--offline"], capsys)
    assert by_model(again)["fixture-org/drifting-model"]["status"] == "ok"


def test_module_entry_point_leaves_whole_output_and_exit_code(tmp_path: Path) -> None:
    # ``python -m licheck`` skips the interpreter's teardown once the command is done
    # (licheck/__main__.py): its exit code, its piped report and a report file must be whole.
    tree = tmp_path / "tree"
    tree.mkdir()
    lines = [f'M{i} = AutoModel.from_pretrained("org{i}/model-{i}")' for i in range(400)]
    (tree / "load.py").write_text("from transformers import AutoModel\n" + "\n".join(lines))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "LICHECK_"))}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "licheck", "scan", str(tree), "--offline", "--no-cache"]
    piped = subprocess.run(
        [*command, "-f", "json", "--fail-on", "low"], capture_output=True, env=env, check=False
    )
    assert piped.returncode == 1, piped.stderr
    assert len(json.loads(piped.stdout)["references"]) == 400
    out = tmp_path / "report.sarif"
    written = subprocess.run(
        [*command, "-f", "sarif", "-o", str(out)], capture_output=True, env=env, check=False
    )
    assert written.returncode == 0, written.stderr
    assert len(json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]) >= 400
    wrong = subprocess.run([*command, "--no-such-option"], capture_output=True, env=env)
    assert wrong.returncode == 2
    assert b"no-such-option" in wrong.stderr


def test_only_licheck_s_own_process_changes_the_collector(tmp_path: Path) -> None:
    # cli.main with argv (a host: tests, tools embedding licheck) leaves the collector alone;
    # the process's own command raises its young threshold (licheck/collector.py) and, on a
    # small tree, then makes no collection at all during the run.
    (tmp_path / "load.py").write_text('AutoModel.from_pretrained("acme7/widget-7b")\n')
    before = gc.get_threshold()
    assert main(["scan", str(tmp_path), "--offline", "--no-cache", "-q", "-o", os.devnull]) == 0
    assert gc.get_threshold() == before
    code = (
        "import gc, sys\n"
        "seen = []\n"
        "import licheck.__main__ as entry\n"
        "gc.callbacks.append(lambda phase, info: seen.append(phase))\n"
        "real = entry._exit_now\n"
        "def report():\n"
        "    sys.stderr.write(f'threshold={gc.get_threshold()[0]} collections={len(seen)}')\n"
        "    real()\n"
        "entry._exit_now = report\n"
        f"sys.argv = ['licheck', 'scan', {str(tmp_path)!r}, '--offline', '--no-cache', '-q']\n"
        "entry.run()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert f"threshold={collector.YOUNG_THRESHOLD} collections=0" in done.stderr


def test_an_exit_handler_registered_before_the_command_still_runs(tmp_path: Path) -> None:
    # A tool started with the interpreter (coverage, a tracer) registers its exit handler before
    # licheck's command begins; skipping the interpreter's teardown would skip it, so then the
    # process exits as usual and the handler runs (licheck/__main__.py).
    marker = tmp_path / "handler-ran"
    (tmp_path / "load.py").write_text(
        'from transformers import AutoModel\nAutoModel.from_pretrained("acme7/widget-7b")\n'
    )
    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: open({str(marker)!r}, 'w').write('ran'))\n"
        "import licheck.__main__ as entry\n"
        f"sys.argv = ['licheck', 'scan', {str(tmp_path)!r}, '--offline', '--no-cache', '-q',"
        " '--fail-on', 'low']\n"
        "entry.run()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 1, done.stderr
    assert marker.read_text() == "ran"
