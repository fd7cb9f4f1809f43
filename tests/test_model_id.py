"""ModelId: the namespace, name and Hub page of a model id."""

from __future__ import annotations

import pytest

from licheck.model_id import ModelId


@pytest.mark.parametrize(
    ("model", "namespace", "name", "url"),
    [
        ("Qwen/Qwen2.5-7B", "Qwen", "Qwen2.5-7B", "https://huggingface.co/Qwen/Qwen2.5-7B"),
        ("gpt2", None, "gpt2", "https://huggingface.co/gpt2"),
        ("/orphan", None, "orphan", "https://huggingface.co//orphan"),
        ("org/na me", "org", "na me", "https://huggingface.co/org/na%20me"),
    ],
)
def test_parts_and_page(model: str, namespace: str | None, name: str, url: str) -> None:
    mid = ModelId(model)
    assert (mid.namespace, mid.name, mid.url, str(mid)) == (namespace, name, url, model)
