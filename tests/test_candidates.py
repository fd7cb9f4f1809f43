"""Candidates: id-shaped strings in weak contexts, confirmed by the Hub (the local stand-in).

The real CLI and the real huggingface_hub client ask the stand-in; a GitHub ``owner/repo`` and a
dataset id in weak contexts must stay unconfirmed (listed apart, never failing CI by default),
and a real model in a weak context must become a reference with ``confirmed: hub``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from licheck.cli import main
from licheck.config import Config
from licheck.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from licheck.records import Reference
from licheck.scan import scan
from tests.faults.runner import write
from tests.hubstub import HubStub

APP = """\
from optimum.exporters import TasksManager

teacher = "Qwen/Qwen2.5-7B-Instruct"
UPSTREAM_REPO = "huggingface/transformers"  # a GitHub repository
SFT_DATA = {"repository": "HuggingFaceH4/ultrachat_200k"}
model = TasksManager.get_model_from_task("text-classification", "google-bert/bert-base-uncased")
"""
CONFIG = """\
model_server:
  image:
    repository: vllm/vllm-openai
  weights:
    format: safetensors
    repository: meta-llama/Llama-3.1-8B-Instruct
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write(tmp_path / "proj", {"train.py": APP, "values.yaml": CONFIG})


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["scan", *args, "--format", "json", "--quiet", "--fail-on", "never"])
    return code, json.loads(capsys.readouterr().out)


def test_the_scan_keeps_candidates_apart_from_references(project: Path) -> None:
    result = scan(project)
    assert all(not r.candidate for r in result.references)
    weak = {(r.path, r.line, r.model) for r in result.candidates}
    assert weak == {
        ("train.py", 3, "Qwen/Qwen2.5-7B-Instruct"),
        ("train.py", 4, "huggingface/transformers"),
        ("train.py", 5, "HuggingFaceH4/ultrachat_200k"),
        ("train.py", 6, "google-bert/bert-base-uncased"),
        ("values.yaml", 3, "vllm/vllm-openai"),
        ("values.yaml", 6, "meta-llama/Llama-3.1-8B-Instruct"),
    }
    assert all(r.context.partition(":")[2].startswith("candidate:") for r in result.candidates)


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_the_hub_confirms_models_and_refuses_repos_and_datasets(
    project: Path, hub: HubStub, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run([str(project)], capsys)

    assert code == EXIT_OK
    confirmed = {(r["path"], r["line"], r["model"]) for r in report["references"]}
    assert confirmed == {
        ("train.py", 3, "Qwen/Qwen2.5-7B-Instruct"),
        ("train.py", 6, "google-bert/bert-base-uncased"),
        ("values.yaml", 6, "meta-llama/Llama-3.1-8B-Instruct"),
    }
    assert {r["confirmed"] for r in report["references"]} == {"hub"}
    apart = {c["model"]: c["reason"] for c in report["candidates"]}
    assert set(apart) == {
        "huggingface/transformers",
        "HuggingFaceH4/ultrachat_200k",
        "vllm/vllm-openai",
    }
    assert all("no model by this id" in why for why in apart.values())
    # Only confirmed models are resolved and judged.
    assert {m["model"] for m in report["models"]} >= {"Qwen/Qwen2.5-7B-Instruct"}
    judged = {f["model"] for f in report["findings"]}
    assert judged.isdisjoint(apart)
    assert not set(apart) & {m["model"] for m in report["models"]}
    # One model lookup per distinct candidate (the confirmed ones are then resolved from it).
    for model in apart:
        assert hub.request_count(f"/api/models/{model}") == 1


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_a_warm_rerun_asks_nothing_about_candidates(
    project: Path, hub: HubStub, capsys: pytest.CaptureFixture[str]
) -> None:
    run([str(project)], capsys)
    before = hub.request_count()
    _code, report = run([str(project)], capsys)
    assert hub.request_count() == before
    assert len(report["candidates"]) == 3
    assert {r["model"] for r in report["references"]} >= {"Qwen/Qwen2.5-7B-Instruct"}


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_offline_candidates_are_listed_apart_and_never_fail(
    project: Path, hub: HubStub, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["scan", str(project), "--offline", "--format", "json", "--quiet"])
    report = json.loads(capsys.readouterr().out)
    assert code == EXIT_OK
    assert report["references"] == []
    assert len(report["candidates"]) == 6
    assert all("offline" in c["reason"] for c in report["candidates"])
    assert report["summary"]["candidates"] == 6
    assert hub.request_count() == 0


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_candidates_fail_mode_exits_one_and_ignore_mode_asks_nothing(
    project: Path, hub: HubStub, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run([str(project), "--offline", "--candidates", "fail"], capsys)
    assert code == EXIT_FINDINGS
    code, report = run([str(project), "--candidates", "ignore"], capsys)
    assert code == EXIT_OK
    assert report["candidates"] == [] and report["references"] == []
    assert hub.request_count() == 0
    assert main(["scan", str(project), "--candidates", "maybe", "--quiet"]) == EXIT_USAGE


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_the_candidate_limit_bounds_the_questions_with_a_reason(
    project: Path, hub: HubStub, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"pyproject.toml": "[tool.licheck]\ncandidate_limit = 2\n"})
    _code, report = run([str(project)], capsys)
    unasked = [c for c in report["candidates"] if c["reason"].startswith("not asked")]
    assert len(unasked) == 4 and all("candidate_limit" in c["reason"] for c in unasked)
    assert hub.request_count("/api/models/") >= 2
    asked = {
        "/".join(r.path.split("?")[0].split("/")[3:5])
        for r in hub.requests
        if r.path.startswith("/api/models/")
    }
    assert len(asked & {c["model"] for c in unasked}) == 0


@pytest.mark.usefixtures("hub_env", "cache_dir")
def test_a_candidate_named_by_a_rule_elsewhere_needs_no_question(
    project: Path, hub: HubStub, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project, {"load.py": 'AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")\n'})
    _code, report = run([str(project), "--offline"], capsys)
    found = {(r["path"], r["line"], r["confirmed"]) for r in report["references"]}
    assert ("train.py", 3, "scan") in found and ("load.py", 1, "scan") in found


def test_an_ignore_comment_drops_a_candidate(tmp_path: Path) -> None:
    from licheck.hub import HubSettings
    from licheck.pipeline import confirm_candidates

    root = write(tmp_path, {"a.py": 'teacher = "org-x/model-y"  # licheck: ignore\n'})
    result = scan(root)
    assert [r.model for r in result.candidates] == ["org-x/model-y"]
    refs, rest = confirm_candidates(result, Config(), HubSettings(offline=True, use_cache=False))
    assert refs == () and rest == ()


def test_writer_calls_and_output_names_give_no_candidates(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "a.py": (
                'api.upload_folder(repo_id="acme/model-out", folder_path=".")\n'
                'create_repo(repo_id="acme/new-model")\n'
                'output_repo = "acme/finetuned"\n'
                'hub_model_id = "acme/pushed"\n'
            )
        },
    )
    result = scan(root)
    assert result.candidates == () and result.references == ()


def test_a_hub_source_beside_a_repo_key_makes_it_a_reference(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "values.yaml": (
                "adapters:\n"
                "  - adapterSource:\n"
                "      type: huggingface\n"
                "      repository: nvidia/llama-3.1-nemoguard-8b-topic-control\n"
            )
        },
    )
    result = scan(root)
    assert [(r.line, r.model) for r in result.references] == [
        (4, "nvidia/llama-3.1-nemoguard-8b-topic-control")
    ]
    assert result.candidates == ()


def _ids(refs: tuple[Reference, ...]) -> set[str]:
    return {r.model for r in refs}


def test_env_files_and_embedded_documents_give_candidates(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            ".env": 'TEACHER=org-a/weights\nMODELS=`[{"title": "x", "endpoint": "org-b/m"}]`\n',
        },
    )
    result = scan(root)
    assert _ids(result.candidates) == {"org-a/weights", "org-b/m"}
    assert not result.references


def test_any_org_name_literal_is_a_candidate_unless_its_place_says_otherwise() -> None:
    """Ids in places no rule names become candidates in every kind of file; text for people,
    data, Spaces, outputs, module paths and comments do not."""
    from licheck.scan import scan_text

    def weak(name: str, text: str) -> list[tuple[int, str]]:
        found = scan_text(name, text, candidates=True)
        return [(r.line, r.model) for r in found if r.candidate]

    python = (
        'emb = Memory("nebius", "Qwen/Qwen3-Embedding-8B")\n'
        'print("see meta-llama/Llama-2-7b")\n'
        'ds = load_dataset("openai/gsm8k")\n'
        'hf_hub_download(repo_id="acme/data", repo_type="dataset", filename="a")\n'
        'weights = [{"dest": "liuhaotian/llava-v1.5-13b"}]\n'
        'run(output_dir="acme/out", help="acme/help")\n'
    )
    assert weak("a.py", python) == [
        (1, "Qwen/Qwen3-Embedding-8B"),
        (5, "liuhaotian/llava-v1.5-13b"),
    ]
    shell = (
        'off=$(hf_offline_prefix "Qwen/Qwen3.5-4B")\n'
        "python -m petals.cli.run_server bigscience/bloom-petals --output_dir acme/out\n"
        "git clone huggingface/transformers\n"
        "hf download acme/data --repo-type dataset\n"
    )
    assert weak("run.sh", shell) == [(1, "Qwen/Qwen3.5-4B"), (2, "bigscience/bloom-petals")]
    js = (
        'import x from "react-dom/client";\n'
        'const defaultWhisper = "Xenova/whisper-small";\n'
        '// "meta-llama/Llama-2-7b"\n'
        'const url = "acme/thing";\n'
    )
    assert weak("a.js", js) == [(2, "Xenova/whisper-small")]
    yaml = "splitter:\n  name: Snowflake/snowflake-arctic-embed-l\n  image: acme/server\n"
    assert weak("c.yaml", yaml) == [(2, "Snowflake/snowflake-arctic-embed-l")]


def test_sweep_values_and_joined_model_words_are_references() -> None:
    from licheck.scan import scan_text

    sweep = (
        "parameters:\n"
        "  model_name_or_path:\n"
        "    value: distil-whisper/large-32-2\n"
        "  teacher_model_name_or_path:\n"
        "    values: [openai/whisper-large-v2, openai/whisper-medium]\n"
    )
    assert [(r.line, r.model) for r in scan_text("sweep.yaml", sweep)] == [
        (3, "distil-whisper/large-32-2"),
        (5, "openai/whisper-large-v2"),
        (5, "openai/whisper-medium"),
    ]
    env = "APP_TEXTSPLITTER_MODELNAME: Snowflake/snowflake-arctic-embed-l\n"
    assert [r.model for r in scan_text("compose.yaml", env)] == [
        "Snowflake/snowflake-arctic-embed-l"
    ]
