"""Reads of configs and command lines a Python module keeps as data.

``DataReads`` is the part of the extractor's ``_Module`` (python.py) that reads the tables'
lists of data: dict literals that read like a config, configs built in steps
(``cfg["path"] = ...``), command lines kept as lists of words, and every other ``org/name``
literal as a candidate. Never imports or runs the scanned code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from licheck.records import Reference, Source
from licheck.scan import keys
from licheck.scan.literals import candidate, literal_candidate
from licheck.scan.pyast import call_name, const_str
from licheck.scan.pyformat import Val
from licheck.scan.pyhints import (
    COPIERS,
    ENTRY_ID_KEYS,
    TYPED_PATH_KEYS,
    any_tag,
    as_call,
    typed_model,
)
from licheck.scan.pymodule import ModuleBase
from licheck.scan.pyplaces import not_a_model_place
from licheck.scan.pyscope import COMMAND_NAMES
from licheck.scan.shell import command_hits
from licheck.scan.shellwords import Word


class DataReads(ModuleBase):
    """References read from configs and command lines kept as data."""

    def _config_dicts(self) -> Iterator[Reference]:
        """Dict literals that read like a config (``{"name_or_path": "org/name", "revision":
        "abc"}``): a value under a model key is a model, pinned by a revision key beside it."""
        for node, scope in self.tables.dicts:
            texts = [const_str(k) if k is not None else None for k in node.keys]
            model_at = [i for i, k in enumerate(texts) if k is not None and keys.is_model_key(k)]
            if "type" in texts and typed_model(as_call(node, texts)):
                model_at += [i for i, k in enumerate(texts) if k in TYPED_PATH_KEYS]
            for i, k in enumerate(texts):
                if k is not None and i not in model_at and keys.is_weak_model_key(k):
                    yield from self.weak(node.values[i], scope, f"dict:{k}")
            if not model_at:
                continue
            revision = next(
                (
                    const_str(node.values[i])
                    for i, k in enumerate(texts)
                    if k is not None and keys.is_revision_key(k)
                ),
                None,
            )
            for i in model_at:
                value = node.values[i]
                context = f"dict:{texts[i]}"
                yield from self._models(value, scope, context, revision=revision, tag=self._tag)

    def _item_stores(self) -> Iterator[Reference]:
        """A config built in steps: ``cfg["model_name_or_path"] = "org/name"``, and
        ``m["path"] = "org/name"`` where ``m`` is a model config (its name says model, or it is a
        copy of one: ``m = deepcopy(base_model)``, as OpenCompass configs are written)."""
        for name, key, value, scope in self.tables.item_stores:
            text = const_str(key)
            if text is None:
                continue
            if keys.is_model_key(text) or (text in ENTRY_ID_KEYS and self._model_config(name)):
                # os.environ["MODEL"] = "llama3.2" beside OLLAMA_BASE_URL: a tag.
                tags = name == "environ" and self.ollama and not keys.names_api(text)
                tag = any_tag if tags else None
                yield from self._models(value, scope, f"item:{text}", tag=tag)

    def _literals(self) -> Iterator[Reference]:
        """Every other ``org/name`` literal given to a call, or kept in a dict, a list or a
        variable, as a candidate for the Hub to confirm (``Memory("nebius", "org/name")``),
        unless its place says it is text for people, data, an output or a target."""
        for node, place, call in self.tables.literals:
            if not_a_model_place(place, call):
                continue
            text = const_str(node)
            found = literal_candidate(text) if text else None
            if text and found is not None:
                yield self.ref(node, found, "candidate:literal", Val(text, at=None), weak=True)

    def _model_config(self, name: str) -> bool:
        """Whether the container ``name`` holds a model's settings: by its name, or because
        it is bound to a copy of a container whose name says model."""
        if "model" in keys.normalize(name).split("_"):
            return True
        for scope in self.tables.scopes:
            for binding in scope.names.get(name, []):
                expr = binding.expr
                if isinstance(expr, ast.Call) and call_name(expr) in COPIERS and expr.args:
                    source = expr.args[0]
                    if isinstance(source, ast.Name) and keys.is_model_key(source.id):
                        return True
        return False

    def _argument_lists(self) -> Iterator[Reference]:
        """Command lines kept as lists of strings (``args=["--model_id", "org/name", ...]``,
        ``cmd = [..., "--model=org/name"]``): the value after a model flag names a model, and
        a list that runs a command (``["hf", "download", "org/name"]``) is read like a shell
        command line."""
        for node in self.tables.flag_lists:
            yield from self._command_list(node)
            items = node.elts
            for i, item in enumerate(items):
                text = const_str(item)
                if text is None or not text.startswith("-"):
                    continue
                flag, eq, inline = text.partition("=")
                if not keys.is_model_key(flag):
                    continue
                value_node = item if eq else (items[i + 1] if i + 1 < len(items) else None)
                value = inline if eq else (const_str(value_node) if value_node else None)
                if value_node is None or not value:
                    continue
                val = Val(value, at=(value_node.lineno, value_node.col_offset))
                found = candidate(val, loader=None, legacy=True)
                if found is not None and found.source != Source.LOCAL:
                    yield self.ref(value_node, found, "argv", val)

    def _command_list(self, node: ast.List | ast.Tuple) -> Iterator[Reference]:
        """The commands shell.py knows (``hf download``, ``ollama pull``, ``vllm serve``), run
        from a list of words; other words stand as unknown variables."""
        first = const_str(node.elts[0]) if node.elts else None
        if first not in COMMAND_NAMES:
            return
        argv = [
            Word(text if (text := const_str(e)) is not None else "$ARG", e.lineno, e.col_offset)
            for e in node.elts
        ]
        for hit in command_hits(argv, {}):
            if hit.weak or hit.context.startswith("shell:--"):
                continue  # the flag loop below reads flags, at their own literals
            item = node.elts[argv.index(hit.word)]
            val = Val(hit.raw or hit.word.text, at=(item.lineno, item.col_offset))
            yield self.ref(item, hit.found, hit.context.removeprefix("shell:"), val)
