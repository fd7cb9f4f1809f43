"""The scan's vocabulary as data (rules/scan.toml): what it holds, and a broken copy naming the
file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from licheck.builtin_rules import builtin_rules_dir
from licheck.errors import RuleFileError
from licheck.scan.ids import API_PROVIDERS, hub_id
from licheck.scan.legacy import LEGACY_IDS
from licheck.scan.vocabulary import load_vocabulary, vocabulary


def test_the_builtin_vocabulary() -> None:
    words = vocabulary()
    assert words is vocabulary()  # read once per process
    assert words.legacy_ids is LEGACY_IDS and words.api_providers is API_PROVIDERS
    assert {"gpt2", "bert-base-uncased", "t5-small", "xlm-roberta-large"} <= LEGACY_IDS
    assert {"bedrock", "azure_ai", "openrouter", "ollama_chat"} <= API_PROVIDERS
    assert "databricks" not in API_PROVIDERS  # also the Hub organisation of DBRX
    assert len(LEGACY_IDS) == 64 and len(API_PROVIDERS) == 29


@pytest.mark.parametrize(
    ("value", "expected"),
    [("gpt2", "gpt2"), ("output", None), ("bedrock/anthropic.claude-v2", None),
     ("Bedrock/some-model", None), ("databricks/dbrx-instruct", "databricks/dbrx-instruct")],
)  # fmt: skip
def test_the_data_decides(value: str, expected: str | None) -> None:
    assert hub_id(value, legacy=True) == expected


GOOD = 'legacy_ids = ["gpt2"]\napi_providers = ["Bedrock"]\n'


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        (GOOD + 'extra = ["x"]\n', "extra", "unknown key"),
        ('legacy_ids = ["gpt2"]\n', "api_providers", "missing required key"),
        ('legacy_ids = "gpt2"\napi_providers = ["b"]\n', "legacy_ids", "non-empty array"),
        ("legacy_ids = []\napi_providers = ['b']\n", "legacy_ids", "non-empty array"),
        ('legacy_ids = ["gpt2", "gpt 2"]\napi_providers = ["b"]\n', "legacy_ids[1]",
         "without spaces"),
        ('legacy_ids = ["gpt2", 3]\napi_providers = ["b"]\n', "legacy_ids[1]", "without spaces"),
        ('legacy_ids = ["gpt2", "gpt2"]\napi_providers = ["b"]\n', "legacy_ids[1]", "duplicate"),
    ],
)  # fmt: skip
def test_a_broken_vocabulary_names_file_and_key(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    path = tmp_path / "scan.toml"
    path.write_text(text)
    with pytest.raises(RuleFileError) as caught:
        load_vocabulary(path)
    assert (caught.value.path, caught.value.key) == (str(path), key)
    assert problem in caught.value.problem


def test_providers_compare_lower_case(tmp_path: Path) -> None:
    path = tmp_path / "scan.toml"
    path.write_text(GOOD)
    assert load_vocabulary(path).api_providers == frozenset({"bedrock"})


def test_the_file_ships_with_the_rules() -> None:
    assert (builtin_rules_dir() / "scan.toml").is_file()
