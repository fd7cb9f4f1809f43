"""Markdown and reStructuredText, only with ``--include-docs``: references marked ``docs``.

Docs are not dependencies, so they are off by default. When asked for, fenced/directive code
blocks go through the matching extractor (python, shell, yaml/json/toml), YAML front matter
through the config rules, and Hub URLs anywhere in the text count. A code block that does not
parse is passed over; the document itself is never "skipped".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from licheck.errors import ExtractError
from licheck.records import Reference
from licheck.scan import kinds
from licheck.scan.base import SourceFile
from licheck.scan.configs import config_references
from licheck.scan.prefilter import Triggers
from licheck.scan.python import python_references
from licheck.scan.shell import shell_references
from licheck.scan.text import LineIndex
from licheck.scan.urls import url_references

_FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([\w+-]*)")
_RST_DIRECTIVE = re.compile(r"^(\s*)\.\. (?:code-block|code|sourcecode)::\s*(\w*)")
_LANGS = {
    "python": "python",
    "py": "python",
    "python3": "python",
    "ipython": "python",
    "pycon": "python",
    "bash": "shell",
    "sh": "shell",
    "shell": "shell",
    "console": "shell",
    "zsh": "shell",
    "powershell": "shell",
    "ps1": "shell",
    "dockerfile": "shell",
    "": "shell",
    "yaml": "yaml",
    "yml": "yaml",
    "json": "json",
    "jsonc": "json",
    "toml": "toml",
}


@dataclass(frozen=True)
class Block:
    """A code block: its language kind, its text, and the file line its first line is on."""

    kind: str
    text: str
    first_line: int


def markdown_blocks(lines: list[str]) -> Iterator[Block]:
    """Fenced code blocks, and YAML front matter at the top."""
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            yield Block("yaml", "\n".join(lines[1:end]), 2)
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        fence, lang = match.group(2), match.group(3).lower()
        end = next(
            (j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence)), len(lines)
        )
        if lang in _LANGS:
            yield Block(_LANGS[lang], "\n".join(lines[i + 1 : end]), i + 2)
        i = end + 1


def rst_blocks(lines: list[str]) -> Iterator[Block]:
    """``.. code-block:: LANG`` directives with their indented bodies."""
    for i, raw in enumerate(lines):
        match = _RST_DIRECTIVE.match(raw)
        if match is None or match.group(2).lower() not in _LANGS:
            continue
        indent = len(match.group(1))
        body: list[str] = []
        j = i + 1
        while j < len(lines) and (
            not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent
        ):
            body.append(lines[j])
            j += 1
        first = next((k for k, b in enumerate(body) if b.strip()), 0)
        width = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
        text = "\n".join(b[width:] for b in body[first:])
        yield Block(_LANGS[match.group(2).lower()], text, i + 2 + first)


def _block_refs(path: str, block: Block) -> list[Reference]:
    text = block.text
    if block.kind == "shell":
        # Drop "$ " prompts, keeping columns aligned by padding.
        text = "\n".join(re.sub(r"^(\s*)\$ ", r"\1  ", line) for line in text.splitlines())
    file = SourceFile(path, text)
    try:
        if block.kind == "python":
            refs = python_references(text, path, urls=False)
        elif block.kind == "shell":
            refs = [r for r in shell_references(file) if not r.context.endswith(":url")]
        else:
            refs = [
                r for r in config_references(file, block.kind) if not r.context.endswith(":url")
            ]
    except ExtractError:
        return []
    return [replace(r, line=r.line + block.first_line - 1) for r in refs]


def docs_references(file: SourceFile) -> list[Reference]:
    """References in a Markdown or reST document, all marked ``docs``."""
    lines = file.text.splitlines()
    rst = file.pure.suffix.lower() in (".rst", ".rest", ".txt")
    blocks = rst_blocks(lines) if rst else markdown_blocks(lines)
    refs = [r for block in blocks for r in _block_refs(file.path, block)]
    refs += url_references(file, LineIndex(file.text), "url")
    seen: set[tuple[int, str]] = set()
    out = []
    for ref in refs:
        if (ref.line, ref.model) not in seen:
            seen.add((ref.line, ref.model))
            out.append(replace(ref, docs=True, context=f"docs:{ref.context}"))
    return out


TRIGGERS = Triggers(
    b"model", b"Model", b"MODEL", b"hf.co/", b"huggingface.co/", b"download", b"from_pretrained"
)


class DocsExtractor:
    """Markdown (``.md``, ``.mdx``, ``.markdown``) and reST (``.rst``)."""

    name = "docs"

    def handles(self, path: PurePosixPath) -> bool:
        """Documentation files by suffix."""
        return kinds.docs(path)

    def quick_check(self, data: bytes) -> bool:
        """Docs are read only on request, so the prefilter is the broad Python one plus URLs."""
        return TRIGGERS.search(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References in code blocks, front matter and URLs."""
        yield from docs_references(file)
