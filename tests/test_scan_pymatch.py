"""pymatch.match answers from the call's name alone wherever the receiver and the imports
cannot matter, and reads them where they can: the same loader either way."""

from __future__ import annotations

import ast

import pytest

from licheck.scan import pyloaders, pymatch
from licheck.scan.pymatch import match


def _call(code: str) -> ast.Call:
    node = ast.parse(code).body[-1]
    assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
    return node.value


def test_names_read_in_context_take_no_name_only_rule_but_the_table() -> None:
    # _in_context asks _by_name before txtai's, faster-whisper's and mlx_lm's rules: that keeps
    # the rules' order only while no other name-only rule takes such a name.
    for name in pymatch._CONTEXT_NAMES:
        assert name not in pyloaders.NOT_LOADERS
        assert pymatch._by_name(name) == pyloaders.BY_NAME.get(name), name


# (module, call, the loader's label or None)
CASES = [
    ("", 'AutoModel.from_pretrained("org/a")', "from_pretrained"),
    ("", 'PeftModel.from_pretrained(base, "org/a")', "peft:from_pretrained"),
    ("", 'Llama.from_pretrained("org/a", "*.gguf")', "llama_cpp:from_pretrained"),
    ("import ollama", 'ollama.chat(model="llama3")', "ollama:chat"),
    ("from ollama import Client", 'client.generate("llama3")', "ollama:generate"),
    ("", 'client.generate("llama3")', None),
    ("from vllm import LLM", 'LLM(model="org/a")', "vllm:LLM"),
    ("from txtai.pipeline import Summary", 'Summary("org/a")', "txtai:Summary"),
    ("", 'Summary("org/a")', None),
    ("from mlx_lm import load", 'load("org/a")', "mlx_lm:load"),
    ("", 'load("org/a")', None),
    ("", 'client.chat.completions.create(model="org/a")', "openai-compatible"),
    ("", 'OllamaModel(model="llama3")', "ollama:OllamaModel"),
    ("", 'HuggingFaceEmbeddings(model_name="all-MiniLM-L6-v2")', "langchain:HuggingFaceEmbeddings"),
    ("", 'SFTTrainer("org/a")', "trainer:SFTTrainer"),
    ("", 'outlines.models.transformers("org/a")', "models.transformers"),
    ("from outlines import models", 'models.llamacpp(repo_id="org/a")', "models.llamacpp"),
    ("", 'models.append("org/a")', None),
    ("", "torch.zeros(3)", None),
]


@pytest.mark.parametrize(("module", "code", "label"), CASES)
def test_match(module: str, code: str, label: str | None) -> None:
    tree = ast.parse(module)
    imported = {
        alias.asname or alias.name: node.module or ""
        for node in tree.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    found = match(_call(code), imported)
    assert (found.label if found is not None else None) == label
