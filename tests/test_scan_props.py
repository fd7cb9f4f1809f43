"""Property tests: no extractor raises anything but ExtractError, whatever the input."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from licheck.errors import ExtractError
from licheck.scan import registry
from licheck.scan.base import Extractor, SourceFile
from licheck.scan.tree import scan_file

# Fragments that steer random text into the extractors' deeper paths.
FRAGMENTS = [
    "from_pretrained(",
    "pipeline(",
    "model=",
    "revision=",
    '"Qwen/Qwen3-8B"',
    "'a/b'",
    "f'{x}/y'",
    "MODEL_ID = ",
    "for m in M:",
    "def f(model='x'):",
    "class C:",
    "self.model",
    "os.getenv(",
    "add_argument('--model', default=",
    "model:",
    "base_model:",
    "- id:",
    "run: |",
    "{",
    "}",
    "[",
    "]",
    '"',
    "'",
    ":",
    ",",
    "\n",
    "  ",
    "\t",
    "\\",
    "$",
    "${MODEL:-a/b}",
    "--model ",
    "hf download ",
    "ollama run ",
    "FROM ",
    "ENV MODEL=",
    "```python\n",
    "```\n",
    "---\n",
    "https://huggingface.co/",
    "resolve/main/",
    "%",
    "{}",
    "!",
    "# licheck: ignore[",
    "\x00",
    '{"cells": [{"cell_type": "code", "source": ["',
    '"]}]}',
    "[[x]]",
    "=",
    "\r\n",
    "é",
    "\ud7ff",
]
TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=40).map("".join),
)
SAMPLE_PATHS = [
    "a.py",
    "nb.ipynb",
    "Modelfile",
    ".env",
    "c.yaml",
    "c.json",
    "c.toml",
    "run.sh",
    "Dockerfile",
    "Makefile",
    "x.ps1",
    "notes.txt",
    "README.md",
    "guide.rst",
    "app.ts",
]
EXTRACTORS = registry.extractors(include_docs=True)


def _handled() -> list[tuple[Extractor, str]]:
    pairs = []
    for extractor in EXTRACTORS:
        for rel in SAMPLE_PATHS:
            if extractor.handles(PurePosixPath(rel)):
                pairs.append((extractor, rel))
    return pairs


def test_every_extractor_is_exercised() -> None:
    assert {e.name for e, _ in _handled()} == {e.name for e in EXTRACTORS}


@pytest.mark.parametrize(("extractor", "rel"), _handled(), ids=lambda v: getattr(v, "name", v))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_extractors_raise_only_extract_error(extractor: Extractor, rel: str, text: str) -> None:
    try:
        refs = list(extractor.extract(SourceFile(rel, text)))
    except ExtractError as exc:
        assert exc.reason
        return
    for ref in refs:
        assert ref.path == rel
        assert ref.line >= 1 and ref.column >= 1
        assert ref.model


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_quick_checks_and_scan_file_never_raise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for extractor in EXTRACTORS:
            assert isinstance(extractor.quick_check(data), bool)
        for rel in ("a.py", "c.yaml", "c.json", "nb.ipynb", "run.sh"):
            path = Path(tmp) / rel
            path.write_bytes(b"model " + data)
            extractor = registry.extractor_for(EXTRACTORS, PurePosixPath(rel))
            assert extractor is not None
            refs, skipped = scan_file(path, rel, extractor, 10_000)
            assert skipped is None or not skipped.reason.startswith("licheck")
            assert skipped is None or refs == []
