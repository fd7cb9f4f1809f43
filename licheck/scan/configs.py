"""YAML, JSON and TOML configs: the extractor, and the documents a config holds in its values.

Each file is parsed into a ``CNode`` tree (configtree.py, jsonpos.py) and walked by
``configwalk.ConfigWalker``, which applies the key rules at any depth. Here: choosing the
parser by file kind, leaving ``[tool.licheck]`` out of pyproject.toml, JSON documents kept in
string values (read like configs of their own), and templated ids in values.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from licheck.errors import ExtractError
from licheck.records import Reference
from licheck.scan import keys, kinds
from licheck.scan.base import SourceFile
from licheck.scan.configtree import CNode, parse_toml, parse_yaml
from licheck.scan.configwalk import (
    MAX_DEPTH,
    ConfigWalker,
    ExpansionError,
    WalkContext,
    expansion_limit,
    model_named_file,
    node_for,
)
from licheck.scan.jsonpos import parse_json
from licheck.scan.literals import text_candidate, weak_candidate
from licheck.scan.prefilter import Triggers
from licheck.scan.shell import hit_reference, script_hits
from licheck.scan.shellwords import commands
from licheck.scan.text import LineIndex
from licheck.scan.urls import url_references


def _without_licheck_policy(doc: CNode) -> CNode:
    """pyproject.toml without ``[tool.licheck]``: its waivers name models the project accepts,
    not models it pulls."""
    tool = node_for(doc, "tool")
    if tool is not None and tool.items:
        tool.items = [(key, value) for key, value in tool.items if key != "licheck"]
    return doc


def embedded_references(
    path: str, document: str, where: str, *, models: bool, place: Callable[[Reference], Reference]
) -> list[Reference]:
    """References in a JSON document kept inside a value (chat-ui's ``MODELS=`[...]```, a
    Helm value holding a JSON list), read like a config file of its own.

    ``models`` says the value's name holds model entries (``MODELS``), so a ``name:`` in its
    entries is an id; ``place`` moves each reference from the document into the file. A value
    that is not JSON is not a document: nothing is reported from it.
    """
    try:
        doc = parse_json(document)
    except ExtractError:
        return []
    walker = ConfigWalker(
        path, LineIndex(document), where, expansion_limit(document), embedded=True
    )
    try:
        walker.walk(doc, WalkContext(in_models=models))
    except ExpansionError:
        return []
    return [place(ref) for ref in walker.refs]


def _embedded_in_scalars(walker: ConfigWalker, doc: CNode, lines: LineIndex) -> list[Reference]:
    """JSON documents held in YAML/TOML string values, placed where each id is written."""
    found: list[Reference] = []
    for key, node in _json_scalars(doc, "", 0):
        text = node.value or ""

        def place(ref: Reference, start: int = node.line, column: int = node.column) -> Reference:
            # Folding and escapes change a scalar's lines: find the id's own text instead.
            for number in range(start, min(start + 2000, lines.line_count) + 1):
                at = lines.line_text(number).find(ref.model)
                if at >= 0:
                    return replace(ref, line=number, column=at + 1)
            return replace(ref, line=start, column=column)

        models = keys.is_model_list_key(key) or keys.is_model_key(key)
        found += embedded_references(
            walker.path, text, f"{walker.kind}:{key}", models=models, place=place
        )
    return found


# A JSON document in a value can only name a model under one of these keys.
_EMBEDDED_KEYS = ('"name"', '"id"', '"model', '"repo', '"tokenizer', '"base_model')


def _json_scalars(node: CNode, key: str, depth: int) -> Iterator[tuple[str, CNode]]:
    """(key, scalar) for every string value that holds a JSON list or object."""
    if depth > MAX_DEPTH:
        return
    if node.kind == "scalar":
        text = (node.value or "").strip()
        if text[:1] in "[{" and text[-1:] in "]}" and '"' in text:
            yield key, node
    elif node.kind == "map":
        for sub, child in node.items:
            yield from _json_scalars(child, sub, depth + 1)
    elif node.kind == "seq":
        for elem in node.elems:
            yield from _json_scalars(elem, key, depth + 1)


_TEMPLATE_KEY = re.compile(
    r"""^\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:\s*["']?([^"'\s#{}]+)["']?\s*(?:#.*)?$"""
)


def _template_references(file: SourceFile) -> list[Reference]:
    """A template that is not YAML until rendered (Helm ``.tpl``, ``{{ }}`` values files):
    ``key: value`` lines whose key says model, and the commands in it (``hf download X``)."""
    found: dict[Reference, None] = {}
    for number, raw in enumerate(file.text.splitlines(), start=1):
        match = _TEMPLATE_KEY.match(raw)
        if match is None:
            continue
        weak = not keys.is_model_key(match.group(1))
        if weak and not keys.is_weak_model_key(match.group(1)):
            continue
        if weak:
            value = weak_candidate(match.group(2))
        else:
            value = text_candidate(match.group(2), legacy=True, loader=True)
        if value is not None:
            ref = Reference(
                file.path,
                number,
                match.start(2) + 1,
                value.model,
                value.source,
                value.revision,
                f"yaml-template:{'candidate:' if weak else ''}{match.group(1)}",
                candidate=weak,
            )
            found.setdefault(ref)
    for hit in script_hits(list(commands(file.text)), {}):
        found.setdefault(hit_reference(file.path, hit))
    return list(found)


def config_references(file: SourceFile, kind: str) -> list[Reference]:
    """References in one YAML/JSON/TOML file (``kind`` is yaml, json or toml)."""
    lines = LineIndex(file.text)
    if kind == "yaml":
        try:
            docs = parse_yaml(file.text)
        except ExtractError:
            templated = "{{" in file.text or "{%" in file.text
            if not templated and file.pure.suffix.lower() != ".tpl":
                raise
            # A Helm/Jinja template is not YAML until rendered: read it line by line.
            refs = _template_references(file)
            return [*refs, *url_references(file, lines, f"{kind}:url")]
    elif kind == "json":
        docs = [parse_json(file.text)] if file.text.strip() else []
    else:
        docs = [parse_toml(file.text)]
        if file.pure.name == "pyproject.toml":
            docs = [_without_licheck_policy(doc) for doc in docs]
    limit = expansion_limit(file.text)
    walker = ConfigWalker(file.path, lines, kind, limit)
    named = model_named_file(file.pure.stem)
    for number, doc in enumerate(docs, 1):
        try:
            walker.walk(doc)
            if named:
                walker.table(doc)
        except ExpansionError:
            # The whole file is refused, other documents too: a file is either read or skipped.
            where = f" in document {number}" if len(docs) > 1 else ""
            raise ExtractError(f"{kind.upper()} aliases expand past {limit} nodes{where}") from None
    embedded: list[Reference] = []
    if kind != "json" and any(key in file.text for key in _EMBEDDED_KEYS):
        for doc in docs:
            embedded += _embedded_in_scalars(walker, doc, lines)
    return [*walker.refs, *embedded, *url_references(file, lines, f"{kind}:url")]


TRIGGERS = Triggers(
    b"model",
    b"Model",
    b"MODEL",
    b"_name_or_path",
    b"tokenizer",
    b"checkpoint",
    b"download",
    b"serve",
    b"-hf",
    b"ollama",
    b"huggingface.co/",
    b"hf.co/",
    b"hf://",
    b"huggingface",
    # Keys that name weights by their role or format (keys.py): pretrained_weight, GGUF_REPO.
    b"pretrained",
    b"gguf",
    b"GGUF",
    b"adapter",
    b"ADAPTER",
)


class ConfigExtractor:
    """YAML, JSON and TOML files."""

    name = "config"

    def handles(self, path: PurePosixPath) -> bool:
        """By suffix."""
        return kinds.config(path)

    def quick_check(self, data: bytes) -> bool:
        """Only files mentioning a model key, a command that pulls, or the Hub."""
        return TRIGGERS.search(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References by key; ExtractError when the file does not parse."""
        yield from config_references(file, kinds.CONFIG_KINDS[file.pure.suffix.lower()])
