"""JavaScript / TypeScript: transformers.js and @huggingface/inference calls, plus Hub URLs.

A light, regex-based reader (no JS parser is available without new dependencies): the model
argument must be a string literal in the call itself. ``pipeline("task", "org/model")`` gives
its second argument (the first is the task), ``*.from_pretrained("org/model")`` its first, an
object literal ``{ model: "org/model" }`` passed to an inference call its ``model``, and a
binding, property or default whose name says model (``EMBEDDING_MODEL = "org/model"``) its
value. Never runs the code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from licheck.records import Reference
from licheck.scan import keys, kinds
from licheck.scan.base import SourceFile
from licheck.scan.literals import Found, literal_candidate, text_candidate
from licheck.scan.prefilter import Triggers
from licheck.scan.text import LineIndex, talks_to_ollama
from licheck.scan.urls import url_references

_STRING = r"""(["'`])([^"'`\n]{1,200})\1"""
_STRING_AFTER_NAME = _STRING.replace("\\1", "\\2")  # the name is group 1 there
_PATTERNS = (
    ("pipeline", re.compile(r"\bpipeline\s*\(\s*" + _STRING + r"\s*,\s*" + _STRING)),
    ("from_pretrained", re.compile(r"\.from_pretrained\s*\(\s*" + _STRING)),
    ("inference", re.compile(r"\bmodel\s*:\s*" + _STRING)),
    # A model-named binding, property or default (``const EMBEDDING_MODEL = "org/name"``,
    # ``{ modelName: "org/name" }``, ``({ model = "org/name" })``), told by its name's words.
    # ``this.model = config.model || "x"`` and ``?? "x"``: the literal is the default.
    (
        "named",
        re.compile(
            r"([A-Za-z_$][\w$]*)[\"']?\s*(?::|=(?![=>]))\s*"
            r"(?:[\w$.?]{1,80}\s*(?:\|\||\?\?)\s*)?" + _STRING_AFTER_NAME
        ),
    ),
)


def _named_model(match: re.Match[str]) -> bool:
    """A model-named binding; ``model:`` itself is the inference rule's (no double report)."""
    name = match.group(1)
    separator = match.group(0)[len(name) :].lstrip("\"' \t")[:1]
    if name == "model" and separator == ":":
        return False
    return keys.is_model_key(name)


# ``import ... from "ollama"`` / ``require("ollama")``: the module talks to an Ollama server, so
# its model-named values are Ollama tags (``chroma/all-minilm-l6-v2-f32``), not Hub ids.
_OLLAMA_IMPORT = re.compile(
    r"""(?:from\s+|require\(\s*|import\s*\(\s*)["']ollama(?:/[\w-]+)?["']"""
)


def js_references(file: SourceFile) -> Iterator[Reference]:
    """Loader calls with literal model ids, and Hub URLs."""
    lines = LineIndex(file.text)
    ollama = bool(_OLLAMA_IMPORT.search(file.text))
    # Not importing it, but calling its server (fetch("http://localhost:11434/api/chat")): a
    # value with a tag after its name (gemma3:1b) is an Ollama model there.
    tagged = ollama or talks_to_ollama(file.text)
    strong = [
        *_rule_references(file, lines, ollama, tagged),
        *_tables(file, lines, ollama),
        *url_references(file, lines, "js:url"),
    ]
    yield from strong
    yield from _literals(file, lines, {(r.line, r.model) for r in strong})


# What comes right before a string that is a module path, not a value (import ... from "x/y").
_MODULE_PATH = re.compile(r"(?:\bfrom|\brequire\(|\bimport\(?)\s*$")
# A name or key written right before a string (``url: "x"``, ``const image = "x"``).
_PLACE = re.compile(r"([A-Za-z_$][\w$]*)[\"']?\s*(?::|=)\s*$")


def _literals(
    file: SourceFile, lines: LineIndex, taken: set[tuple[int, str]]
) -> Iterator[Reference]:
    """Any other ``"org/name"`` string outside comments and module paths, as a candidate for the
    Hub to confirm (``const defaultWhisper = "org/name"``, a table keyed by ids)."""
    text = file.text
    for match in _ANY_STRING.finditer(text):
        value = match.group(2)
        if value.count("/") != 1 or " " in value or "${" in value:
            continue
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if "//" in before or before.lstrip().startswith(("*", "/*")):
            continue  # a comment (or a URL on the line, whose ids url_references reads)
        if _MODULE_PATH.search(before):
            continue
        place = _PLACE.search(before)
        if place is not None and keys.holds_no_model(place.group(1)):
            continue
        found = literal_candidate(value)
        if found is None:
            continue
        ref = _reference(file, lines, match.start(2) - 1, found, "js:candidate:literal")
        if (ref.line, ref.model) not in taken:
            yield replace(ref, candidate=True)


def _reference(
    file: SourceFile, lines: LineIndex, at: int, found: Found, context: str
) -> Reference:
    """The reference to ``found`` whose literal starts at offset ``at``."""
    line, column = lines.position(at)
    return Reference(file.path, line, column, found.model, found.source, found.revision, context)


def _rule_references(
    file: SourceFile, lines: LineIndex, ollama: bool, tagged: bool
) -> Iterator[Reference]:
    """References the loader and naming rules find."""
    for label, pattern in _PATTERNS:
        for match in pattern.finditer(file.text):
            group = 4 if label == "pipeline" else 3 if label == "named" else 2
            value = match.group(group)
            if "${" in value:
                continue
            if label == "named" and not _named_model(match):
                continue
            legacy = label not in ("inference", "named")  # a bare word there is rarely an id
            as_tag = label in ("inference", "named") and (ollama or (tagged and ":" in value))
            found = text_candidate(value, legacy=legacy, loader=False, ollama=as_tag)
            if found is not None:
                yield _reference(file, lines, match.start(group) - 1, found, f"js:{label}")


# ``const SUPPORTED_EMBEDDING_MODELS = {`` / ``= [``: a model table (keys.is_model_list_key).
_TABLE = re.compile(
    # A binding or a class field (``private static MODEL_IDS: {...} = {``).
    r"\b(?:const|let|var|static|readonly)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]{1,80})?="
    r"\s*(?:Object\.freeze\(\s*)?([\[{])"
)
# Collections of models named for what the user picks from (TOKENIZER_OPTIONS, MODEL_CHOICES).
_CHOICE_WORDS = frozenset({"options", "choices", "list", "map", "table", "catalog", "registry"})


def _model_table(name: str) -> bool:
    if keys.is_model_list_key(name):
        return True
    words = set(keys.normalize(name).split("_"))
    return bool(words & _CHOICE_WORDS) and bool(
        words & {"model", "models", "tokenizer", "tokenizers"}
    )


_ANY_STRING = re.compile(_STRING)
_MAX_TABLE = 200_000  # characters read after a table's opening bracket


def _table_end(text: str, start: int) -> int:
    """Where the bracket opened at ``start`` closes (strings and comments skipped), or the
    end of the text, or the bound."""
    depth, i, end = 0, start, min(len(text), start + _MAX_TABLE)
    while i < end:
        char = text[i]
        if char in "\"'`":
            close = text.find(char, i + 1)
            i = close if close > 0 else end
        elif text.startswith("//", i):
            newline = text.find("\n", i)
            i = newline if newline > 0 else end
        elif char in "[{(":
            depth += 1
        elif char in "]})":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return end


def _tables(file: SourceFile, lines: LineIndex, ollama: bool) -> Iterator[Reference]:
    """Every Hub id (with its namespace) written as a string inside a model table, keys and
    values alike (``{"Xenova/all-MiniLM-L6-v2": {id: "Xenova/all-MiniLM-L6-v2", ...}}``); in a
    module that imports ollama, its tags (``["llama3:8b", "phi3"]``)."""
    for table in _TABLE.finditer(file.text):
        if not _model_table(table.group(1)):
            continue
        end = _table_end(file.text, table.start(2))
        for match in _ANY_STRING.finditer(file.text, table.start(2), end):
            found = text_candidate(match.group(2), legacy=False, loader=False, ollama=ollama)
            if found is None or (found.source.on_hub and "/" not in found.model):
                continue
            line, column = lines.position(match.start(2) - 1)
            yield Reference(
                file.path, line, column, found.model, found.source, found.revision, "js:table"
            )


TRIGGERS = Triggers(b"pipeline", b"from_pretrained", b"model", b"huggingface.co/", b"hf.co/")


class JavaScriptExtractor:
    """``.js``/``.ts`` and their module/JSX variants."""

    name = "javascript"

    def handles(self, path: PurePosixPath) -> bool:
        """By suffix."""
        return kinds.javascript(path)

    def quick_check(self, data: bytes) -> bool:
        """Only files with a loader call, a model key or a Hub URL."""
        return TRIGGERS.search(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References in the file."""
        yield from js_references(file)
