"""Python source: model references found through the AST, never by importing or running code.

A reference is reported where its id is written: the string literal (``MODEL_ID = "org/name"``),
with each loader call that reads it (``from_pretrained(MODEL_ID)``) listed in its ``uses``; a
constant read by three loaders is one reference with three uses. A value the resolver cannot
place (no single literal) stays at the loader's argument. A model-named definition (an
argparse ``--model`` default, a dataclass field) that no loader in the file consumes is
reported where it is defined, since another module may import it.

This module is the extractor's entry (PythonExtractor, python_references, dedupe). The reads
are mixins joined in ``_Module``: one call at a time (pycalls.py), configs and command lines
kept as data (pydata.py) and unconsumed definitions (pydefs.py), on the state pymodule.py
holds; pyhints.py has the name and call-shape predicates they share.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from licheck.errors import ExtractError
from licheck.records import Reference, Source
from licheck.scan import kinds
from licheck.scan.base import SourceFile, collector_paused, merge_uses
from licheck.scan.prefilter import Triggers
from licheck.scan.pyast import call_name
from licheck.scan.pycalls import CallReads, function_kind, keyword_may_name
from licheck.scan.pydata import DataReads
from licheck.scan.pydefs import DefinitionReads
from licheck.scan.pygate import could_name_a_model
from licheck.scan.pymatch import match
from licheck.scan.pymodule import LineMap
from licheck.scan.pyplaces import may_get
from licheck.scan.pyurls import glued_urls
from licheck.scan.text import LineIndex
from licheck.scan.urls import url_references

__all__ = ["TRIGGERS", "LineMap", "PythonExtractor", "dedupe", "parse", "python_references"]

TRIGGERS = Triggers(
    b"model",
    b"MODEL",
    b"Model",
    b"from_pretrained",
    b"pipeline",
    b"_download",
    b"Encoder",
    b"SentenceTransformer",
    b"LLM",
    b"EngineArgs",
    b"HuggingFace",
    b"hf-hub:",
    b"huggingface.co/",
    b"hf.co/",
    b"Trainer",
    b"InferenceClient",
    b"from_single_file",
    b"from_preset",
    b"from_hparams",
    b"checkpoint",
    b"CHECKPOINT",
    b"tokenizer",
    b"TOKENIZER",
    b"Llama",
    b"ollama",
    b"Ollama",
    b"mlx_lm",
)


def parse(text: str) -> ast.Module:
    """``ast.parse`` with every failure turned into ExtractError, and its warnings silenced.

    The scanned code's own warnings (invalid escapes, ``1if``) are not licheck's to print.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except SyntaxError as exc:
        raise ExtractError(f"Python syntax error at line {exc.lineno or 0}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise ExtractError(f"Python source cannot be parsed: {type(exc).__name__}") from None


class _Module(CallReads, DataReads, DefinitionReads):
    """One parsed module's references: the reads of pycalls.py, pydata.py and pydefs.py, in
    the order they are reported."""

    def references(self) -> Iterator[Reference]:
        for call, scope in self.tables.calls:
            loader = match(call, self.imported_from)
            if loader is not None:
                yield from self._loader_call(call, scope, loader)
            else:
                # Each read needs what it is named for (keywords; arguments; its function's
                # name): most calls have none, and a generator per read per call adds up.
                keywords = call.keywords
                if keywords and any(kw.arg and keyword_may_name(kw.arg) for kw in keywords):
                    yield from self._generic_keywords(call, scope)
                if call.args:
                    name = call_name(call)
                    if function_kind(name) is not None:
                        yield from self._model_function(call, scope)
                    if may_get(name):
                        yield from self._fallback(call, scope)
        yield from self._unconsumed()
        yield from self._weak_bindings()
        yield from self._argument_lists()
        yield from self._config_dicts()
        yield from self._item_stores()
        yield from self._literals()


def python_references(
    text: str, path: str, line_map: LineMap | None = None, *, urls: bool = True
) -> list[Reference]:
    """Every reference in Python source ``text``; raises ExtractError if it does not parse."""
    # Paused here as well as around each file of a tree scan (files.extract_bytes): scan_text
    # comes this way, and library callers may keep the default threshold.
    with collector_paused():
        return _references(text, path, line_map, urls=urls)


def _references(text: str, path: str, line_map: LineMap | None, *, urls: bool) -> list[Reference]:
    tree = parse(text)
    lines = LineIndex(text)
    try:
        # The parser accepts chains (``f()()()``, ``a.b.c``) deeper than a walk of the tree
        # can recurse; such a file is refused like one that does not parse.
        module = _Module(tree, path, lines, line_map)
        try:
            refs = list(module.references())
        finally:
            module.tables.release()
    except RecursionError:
        raise ExtractError("Python nested too deeply") from None
    if urls:
        hits = url_references(SourceFile(path, text), lines, "python:url")
        for ref in glued_urls(tree, lines, hits):
            if line_map is not None:
                line, column = line_map(ref.line, ref.column)
                ref = replace(ref, line=line, column=column)
            refs.append(ref)
    return dedupe(refs)


def dedupe(refs: list[Reference]) -> list[Reference]:
    """One reference per model at one place (two routes to one value, or one literal read by
    several loaders), with the uses of all of them; a URL beside the same model on its line
    is the same reference."""
    lines_seen: set[tuple[int, str]] = set()
    out: list[Reference] = []
    # A rule's reference first: a candidate on its line is the same reference, never its shadow.
    merged = merge_uses(refs)
    for ref in [r for r in merged if not r.candidate] + [r for r in merged if r.candidate]:
        if (ref.source == Source.URL or ref.candidate) and (ref.line, ref.model) in lines_seen:
            continue
        lines_seen.add((ref.line, ref.model))
        out.append(ref)
    return out


class PythonExtractor:
    """``.py`` files."""

    name = "python"

    def handles(self, path: PurePosixPath) -> bool:
        """Python sources and stubs."""
        return kinds.python(path)

    def quick_check(self, data: bytes) -> bool:
        """Only files mentioning a loader, a model-ish name or the Hub, with a literal that can
        name a model (pygate.py)."""
        return TRIGGERS.search(data) and could_name_a_model(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References in the module; ExtractError on a syntax error."""
        yield from python_references(file.text, file.path)
