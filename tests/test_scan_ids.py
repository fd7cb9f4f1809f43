"""Hub id validation, URL parsing, Ollama tags, family patterns and key names."""

from __future__ import annotations

import pytest

from licheck.records import PinKind, Source
from licheck.scan import keys
from licheck.scan.ids import classify, hub_id, ollama_ref
from licheck.scan.literals import family
from licheck.scan.urls import parse_hub_url

VALID = [
    "Qwen/Qwen2.5-7B-Instruct",
    "meta-llama/Llama-3.1-8B-Instruct",
    "01-ai/Yi-34B",
    "BAAI/bge-small-en-v1.5",
    "stable-diffusion-v1-5/stable-diffusion-v1-5",
    "openai/gpt-oss-20b",
    "openai/whisper-large-v3",
    "unsloth/Qwen3.5-2B-GGUF",
    "a_b/c_d",
]
INVALID = [
    "",
    "org/model",
    "your-org/your-model",
    "user/repo",
    "username/model-name",
    "<model>",
    "path/to/model",
    "./models/llama",
    "/abs/path",
    "models/llama-7b",
    "checkpoints/run1",
    "text/plain",
    "application/json",
    "image/png",
    "actions/checkout@v4",
    "python:3.11-slim",
    "nvidia/cuda:12.1.0-runtime-ubuntu22.04",
    "org/config.json",
    "weights/model.safetensors",
    "a--b/c",
    "a/b..c",
    "-a/b",
    "a/b-",
    "a/.b",
    "x/" + "n" * 97,
    "2024/01",
    "anthropic/claude-3-5-sonnet",
    "openai/gpt-4o",
    "ollama/llama3",
    "foo/bar",
    "${MODEL}",
    "a/b/c",
]


@pytest.mark.parametrize("value", VALID)
def test_valid_hub_ids(value: str) -> None:
    assert hub_id(value) == value


@pytest.mark.parametrize("value", INVALID)
def test_invalid_hub_ids(value: str) -> None:
    assert hub_id(value) is None
    assert hub_id(value, legacy=True) is None


def test_name_length_limit_is_96() -> None:
    assert hub_id("x/" + "n" * 96) is not None


@pytest.mark.parametrize("value", ["gpt2", "bert-base-uncased", "t5-small", "xlm-roberta-base"])
def test_legacy_ids_only_in_loader_context(value: str) -> None:
    assert hub_id(value) is None
    assert hub_id(value, legacy=True) == value


@pytest.mark.parametrize("value", ["output", "model", "gpt-4o", "llama3", "my_model"])
def test_bare_words_are_never_legacy_ids(value: str) -> None:
    assert hub_id(value, legacy=True) is None


def test_classify_local_paths_only_in_loaders_or_for_weight_files() -> None:
    assert classify("./out/final", loader=True) is not None
    assert classify("./out/final") is None
    weights = classify("/models/q4.gguf")
    assert weights is not None and weights.source == Source.LOCAL
    assert classify("path/to/model.gguf") is None


URLS = [
    ("Qwen/Qwen2.5-7B-Instruct", ("Qwen/Qwen2.5-7B-Instruct", None)),
    ("Qwen/Qwen2.5-7B-Instruct/resolve/main/config.json", ("Qwen/Qwen2.5-7B-Instruct", "main")),
    (
        "org1/m/blob/0123456789abcdef0123456789abcdef01234567/a.py",
        ("org1/m", "0123456789abcdef0123456789abcdef01234567"),
    ),
    ("org1/m/tree/refs%2Fpr%2F12", ("org1/m", "refs/pr/12")),
    ("org1/m.git", ("org1/m", None)),
    ("api/models/org1/m", ("org1/m", None)),
    ("api/models/org1/m/revision/v1.0", ("org1/m", "v1.0")),
    ("gpt2", ("gpt2", None)),
    ("gpt2/resolve/main/config.json", ("gpt2", "main")),
    ("org1/m?library=transformers", ("org1/m", None)),
    ("org1/m.", ("org1/m", None)),
    ("datasets/tatsu-lab/alpaca", None),
    ("spaces/gradio/hello", None),
    ("docs/transformers/index", None),
    ("blog/llama3", None),
    ("Qwen", None),
    ("settings/tokens", None),
]


@pytest.mark.parametrize(("path", "expected"), URLS)
def test_parse_hub_url(path: str, expected: tuple[str, str | None] | None) -> None:
    assert parse_hub_url(path) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("qwen2.5:7b", ("qwen2.5:7b", Source.OLLAMA)),
        ("llama3.1", ("llama3.1", Source.OLLAMA)),
        (
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
            ("bartowski/Llama-3.2-1B-Instruct-GGUF", Source.HF),
        ),
        ("Bad Tag", None),
        ("model", None),
    ],
)
def test_ollama_refs(value: str, expected: tuple[str, Source] | None) -> None:
    hit = ollama_ref(value)
    assert (None if hit is None else (hit.model, hit.source)) == expected


@pytest.mark.parametrize(
    ("template", "ok"),
    [
        ("Qwen/Qwen2.5-Coder-{size}-Instruct", True),
        ("meta-llama/{name}", True),
        ("{org}/model-x", False),
        ("{base}/ckpt-{step}/x", False),
        ("org/model-{size}", False),
        ("Qwen/Qwen2.5-7B", False),
    ],
)
def test_family_patterns(template: str, ok: bool) -> None:
    found = family(template)
    assert (found is not None) == ok
    if found is not None:
        assert found.source == Source.FAMILY


@pytest.mark.parametrize(
    "name",
    [
        "model",
        "model_id",
        "MODEL_NAME",
        "--model-name-or-path",
        "base_model",
        "_name_or_path",
        "tokenizer_name",
        "EMBEDDING_MODEL",
        "modelName",
        "reward_model",
        "model_checkpoint",
        "base_model_name_or_path",
        "pretrained_model_name_or_path",
    ],
)
def test_model_keys(name: str) -> None:
    assert keys.is_model_key(name)


@pytest.mark.parametrize(
    "name",
    [
        "hub_model_id",
        "served_model_name",
        "--served-model-name",
        "output_dir",
        "dataset_name",
        "model_type",
        "new_model",
        "model_max_length",
        "push_to_hub",
        "datasets",
        "image",
        "model_revision",
    ],
)
def test_not_model_keys(name: str) -> None:
    assert not keys.is_model_key(name)


def test_pin_kinds_for_revisions_found_by_the_scan() -> None:
    from licheck.records import classify_revision

    assert classify_revision("0123456789abcdef0123456789abcdef01234567") == PinKind.COMMIT
    assert classify_revision("1234567") == PinKind.SHORT_COMMIT
    assert classify_revision("refs/pr/3") == PinKind.PULL_REQUEST
    assert classify_revision("v1.0") == PinKind.BRANCH
