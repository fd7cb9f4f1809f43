"""Ollama Modelfiles: ``FROM`` and ``ADAPTER`` lines.

``FROM qwen2.5:7b`` is an Ollama library tag (source ``ollama``; mapping it to its upstream
publisher is the rules stage's job), ``FROM hf.co/org/repo:quant`` a Hub model, and
``FROM ./model.gguf`` a local weight file. Nothing else in a Modelfile names a model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from licheck.records import Reference, Source
from licheck.scan import kinds
from licheck.scan.base import SourceFile
from licheck.scan.ids import local_model_path, ollama_ref
from licheck.scan.prefilter import Triggers
from licheck.scan.text import LineIndex
from licheck.scan.urls import url_references

_DIRECTIVE = re.compile(r"^\s*(FROM|ADAPTER)\s+(\S+)", re.IGNORECASE)


def modelfile_references(file: SourceFile) -> Iterator[Reference]:
    """The base model and adapters a Modelfile builds on."""
    for number, raw in enumerate(file.text.splitlines(), start=1):
        match = _DIRECTIVE.match(raw)
        if match is None:
            continue
        value = match.group(2).strip("\"'")
        column = match.start(2) + 1
        context = f"modelfile:{match.group(1).upper()}"
        hub = value.lower().startswith(("hf.co/", "huggingface.co/", "https://"))
        local = None if hub else local_model_path(value, loader=True)
        if local is not None or value.startswith(("./", "/", "~")):
            yield Reference(file.path, number, column, value, Source.LOCAL, None, context)
            continue
        hit = ollama_ref(value)
        if hit is not None:
            yield Reference(file.path, number, column, hit.model, hit.source, None, context)
    yield from url_references(file, LineIndex(file.text), "modelfile:url")


TRIGGERS = Triggers(b"FROM", b"from")


class ModelfileExtractor:
    """``Modelfile``, ``Modelfile.*`` and ``*.Modelfile``."""

    name = "modelfile"

    def handles(self, path: PurePosixPath) -> bool:
        """Ollama Modelfiles by name."""
        return kinds.modelfile(path)

    def quick_check(self, data: bytes) -> bool:
        """Every Modelfile has a FROM line."""
        return TRIGGERS.search(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References in the file."""
        yield from modelfile_references(file)
