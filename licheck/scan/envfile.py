"""``.env`` files, and the other ``key = value`` formats (INI, ``.cfg``, ``.conf``,
``.properties``, Terraform ``.tf``/``.tfvars``/``.hcl``): ``NAME=value`` where the name says
model (``MODEL_ID``, ``EMBEDDING_MODEL``, ``model_id = "org/name"``).

Only model-named keys count (a key that merely hints at a model gives a candidate); an
``OLLAMA``-named one holds an Ollama tag. Values are validated like every other id, so
``.env.example`` placeholders are dropped. Reads text only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from licheck.records import Reference
from licheck.scan import keys, kinds
from licheck.scan.base import SourceFile
from licheck.scan.configs import embedded_references
from licheck.scan.literals import sized_tag, text_candidate, weak_candidate
from licheck.scan.prefilter import Triggers
from licheck.scan.shellwords import unquote
from licheck.scan.text import LineIndex, talks_to_ollama
from licheck.scan.urls import url_references

_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$")


def _documents(file: SourceFile, lines: list[str]) -> Iterator[Reference]:
    """``NAME=`[...]``` (chat-ui's ``MODELS``): a JSON document, possibly over many lines,
    read like a config; each reference placed at its line in the file."""
    for number, raw in enumerate(lines, start=1):
        match = _LINE.match(raw)
        if match is None or not match.group(2).startswith(("`", "'", '"')):
            continue
        quote, value = match.group(2)[0], match.group(2)[1:]
        first_column = match.start(2) + 2
        body = [value]
        end = number
        while quote not in body[-1] and end < len(lines):
            end += 1
            body.append(lines[end - 1])
        document = "\n".join(body)
        document = document[: document.rfind(quote)] if quote in document else document
        if document.lstrip()[:1] not in ("[", "{"):
            continue
        name = match.group(1)

        def place(ref: Reference, start: int = number, column: int = first_column) -> Reference:
            shift = column - 1 if ref.line == 1 else 0
            return replace(ref, line=start + ref.line - 1, column=ref.column + shift)

        models = keys.is_model_list_key(name) or keys.is_model_key(name)
        yield from embedded_references(
            file.path, document, f"env:{name}", models=models, place=place
        )


def env_references(file: SourceFile) -> Iterator[Reference]:
    """Model-named variables, JSON documents in values, and Hub URLs in a dotenv file."""
    lines = file.text.splitlines()
    ollama_file = talks_to_ollama(file.text)
    if "=`" in file.text or "=[" in file.text or '="[' in file.text or "='[" in file.text:
        yield from _documents(file, lines)
    settings = []
    for number, raw in enumerate(lines, start=1):
        match = _LINE.match(raw)
        if match is None:
            continue
        weak = not keys.is_model_key(match.group(1))
        if weak and not keys.is_weak_model_key(match.group(1)):
            continue
        value = match.group(2)
        if value[:1] in ("'", '"'):
            end = value.find(value[0], 1)
            value = value[1:end] if end > 0 else value[1:]
        else:
            value = unquote(value.split(" #", 1)[0].strip())
        settings.append((number, match, weak, value))
    # LOCAL_MODEL=qwen2.5:7b says the file's local models are Ollama's, its embedder's too.
    ollama_file = ollama_file or any(not weak and sized_tag(v) for _, _, weak, v in settings)
    for number, match, weak, value in settings:
        name = match.group(1)
        if weak:  # HF_REPO=org/name: a candidate for the Hub to confirm
            found = weak_candidate(value)
        elif "OLLAMA" in name.upper():
            found = text_candidate(value, legacy=True, loader=True, ollama=True)
        else:
            found = text_candidate(value, legacy=True, loader=True)
            if found is None and ollama_file and not keys.names_api(name):
                # MODEL=llama3.2:1b beside OLLAMA_BASE_URL
                found = text_candidate(value, legacy=False, loader=False, ollama=True)
        if found is not None:
            column = match.start(2) + 1 + (1 if match.group(2)[:1] in ("'", '"') else 0)
            context = f"env:candidate:{name}" if weak else f"env:{name}"
            yield Reference(
                file.path,
                number,
                column,
                found.model,
                found.source,
                found.revision,
                context,
                candidate=weak,
            )
    yield from url_references(file, LineIndex(file.text), "env:url")


TRIGGERS = Triggers(b"MODEL", b"model", b"huggingface.co/", b"GGUF", b"ADAPTER", b"PRETRAINED")


class EnvFileExtractor:
    """``.env``, ``.env.local``, ``.env.example``, ``prod.env``, and ``key = value`` formats."""

    name = "env"

    def handles(self, path: PurePosixPath) -> bool:
        """Dotenv files by name, the other key = value formats by suffix."""
        return kinds.env(path)

    def quick_check(self, data: bytes) -> bool:
        """Only files with a model-ish variable or a Hub URL."""
        return TRIGGERS.search(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References in the file."""
        yield from env_references(file)
