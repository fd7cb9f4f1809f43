"""Reads of each call in a Python module: loader calls, model keywords, model-named functions.

``CallReads`` is the part of the extractor's ``_Module`` (python.py) that reads one call at a
time: a known loader's arguments (``from_pretrained(x, revision=...)``), model keywords of any
other call (``model="org/name"``), functions named for a model, and settings fallbacks
(``os.getenv("MODEL", "org/name")``). Never imports or runs the scanned code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import lru_cache

from licheck.records import Reference, Source
from licheck.scan import keys
from licheck.scan.literals import Found, candidate, text_candidate
from licheck.scan.pyast import call_name, const_str
from licheck.scan.pyformat import Val
from licheck.scan.pyhints import (
    NAME_KEYWORDS,
    OUTPUT_KEYWORDS,
    SAVERS,
    ST_ORG,
    TYPED_PATH_KEYS,
    any_tag,
    data_call,
    hub_function,
    model_named_call,
    record_name,
    st_name,
    typed_model,
)
from licheck.scan.pyloaders import Loader
from licheck.scan.pyloops import paired
from licheck.scan.pymodule import ModuleBase
from licheck.scan.pyplaces import getter
from licheck.scan.pyscope import Scope


@lru_cache(maxsize=4096)
def keyword_may_name(arg: str) -> bool:
    """Whether a keyword called ``arg`` can give ``_generic_keywords`` a reference: most
    keywords (``dim=``, ``dtype=``) are none of its kinds, and are passed over per call."""
    return (
        arg in TYPED_PATH_KEYS
        or arg in NAME_KEYWORDS
        or keys.is_model_key(arg)
        or keys.is_weak_model_key(arg)
    )


@lru_cache(maxsize=4096)
def function_kind(name: str) -> str | None:
    """How a called function's name says it takes a model: ``named`` for the model
    (``load_model``), ``hub`` for fetching from the Hub, ``weak`` (a candidate's context), or
    None. Asked for every call in a module, so answered once per name."""
    if name and keys.is_model_key(record_name(name)):
        return "named"
    if hub_function(name):
        return "hub"
    if name and keys.is_weak_model_key(name) and not keys.is_writer_name(name):
        return "weak"
    return None


class CallReads(ModuleBase):
    """References read from one call at a time (python.py joins these with the other reads)."""

    def _arguments(self, call: ast.Call, loader: Loader) -> Iterator[ast.expr]:
        for index in loader.positions:
            if index < len(call.args) and not isinstance(call.args[index], ast.Starred):
                arg = call.args[index]
                if isinstance(arg, ast.Dict) and loader.dict_keys:  # Embeddings({"path": x})
                    yield from (
                        v
                        for k, v in zip(arg.keys, arg.values, strict=True)
                        if k is not None and const_str(k) in loader.dict_keys
                    )
                    continue
                yield arg
        for kw in call.keywords:
            if kw.arg in loader.keywords:
                yield kw.value

    def _keyword(self, call: ast.Call, name: str, scope: Scope) -> list[Val]:
        for kw in call.keywords:
            if kw.arg == name:
                return [v for v in self.resolver.values(kw.value, scope) if not v.pattern]
        return []

    def saved_to(self) -> set[str]:
        """The names this module saves a model under (``save_pretrained(x)``, ``output_dir=``):
        a loader reading one of them reads the local copy, not the Hub (computed once)."""
        if self._saved is None:
            self._saved = set()
            for call, scope in self.tables.calls:
                name = call_name(call)
                targets = list(call.args[:1]) if name in SAVERS else []
                targets += [kw.value for kw in call.keywords if kw.arg in OUTPUT_KEYWORDS]
                for target in targets:
                    self._saved.update(
                        v.text for v in self.resolver.values(target, scope) if not v.pattern
                    )
        return self._saved

    def _loader_call(self, call: ast.Call, scope: Scope, loader: Loader) -> Iterator[Reference]:
        repo_types = {v.text for v in self._keyword(call, "repo_type", scope)}
        if repo_types and repo_types != {"model"}:
            return
        revision = None
        revision_expr = next((kw.value for kw in call.keywords if kw.arg == "revision"), None)
        if revision_expr is not None and not self._cleared(revision_expr, scope):
            # A revision that some path sets to None is not claimed: that path loads unpinned.
            known = {v.text for v in self.resolver.values(revision_expr, scope) if not v.pattern}
            revision = known.pop() if len(known) == 1 else None
        for arg in self._arguments(call, loader):
            together = None
            if revision_expr is not None:
                together = paired(self.resolver, arg, revision_expr, scope)
            if together is None:
                together = [(val, revision) for val in self.resolver.values(arg, scope)]
            for val, pinned in together:
                alias = None if val.pattern else loader.alias(val.text)
                found = Found(alias, Source.HF) if alias else None
                found = found or candidate(val, loader=loader, legacy=True)
                if found is None and not loader.ollama:  # an OpenAI client on Ollama's port
                    found = self._tag(val)
                if found is None and self._sentence_transformers() and st_name(val):
                    found = text_candidate(
                        val.text, legacy=True, loader=True, bare_namespace=ST_ORG
                    )
                if found is not None and found.source.on_hub and val.text in self.saved_to():
                    found = Found(val.text, Source.LOCAL)  # saved here first: a local copy
                if found is not None:
                    yield self.ref(arg, found.with_revision(pinned), loader.label, val)

    def _cleared(self, expr: ast.expr, scope: Scope) -> bool:
        """``revision = None`` assigned in the loader's own function (not a parameter default:
        callers pass those), so the revision the call sees depends on the path taken."""
        return isinstance(expr, ast.Name) and any(
            binding.scope is scope
            and isinstance(binding.expr, ast.Constant)
            and binding.expr.value is None
            for binding in self.resolver.bindings_of(expr, scope)
        )

    def _generic_keywords(self, call: ast.Call, scope: Scope) -> Iterator[Reference]:
        for kw in call.keywords:
            if kw.arg is None:
                continue
            repo = keys.is_repo_key(kw.arg) or kw.arg == "hf_repo"
            if repo and data_call(call):  # LightevalTaskConfig(hf_repo="org/questions")
                continue
            if kw.arg in TYPED_PATH_KEYS and typed_model(call):
                # dict(type=VLLM, path="org/name"): a config whose type is a model class.
                yield from self._models(kw.value, scope, kw.arg)
                continue
            if keys.is_model_key(kw.arg) or (kw.arg in NAME_KEYWORDS and model_named_call(call)):
                with self.resolver.tentatively() as reached:
                    values = self.resolver.values(kw.value, scope)
                found = [
                    (v, f)
                    for v in values
                    if (f := candidate(v, loader=None, legacy=True) or self._tag(v))
                ]
                if found:  # model=f"openai/arbor:{lm_name}" names none: lm_name stays unread
                    self.resolver.used |= reached
                for val, hit in found:
                    yield self.ref(kw.value, hit, kw.arg, val)
            elif keys.is_weak_model_key(kw.arg) and not keys.is_writer_name(call_name(call)):
                yield from self.weak(kw.value, scope, kw.arg)

    def _model_function(self, call: ast.Call, scope: Scope) -> Iterator[Reference]:
        """``infer_task_from_model("org/name")``, ``load_model("gpt2")``: a function named for
        the model it takes, given an id as one of its first two arguments."""
        name = call_name(call) if call.args else ""
        kind = function_kind(name)
        if kind is None:
            return
        if kind == "weak":  # get_model_from_task(task, "org/name")
            for arg in call.args[:3]:
                yield from self.weak(arg, scope, name)
            return
        named = kind == "named"
        for arg in call.args[:2]:
            for val in self.resolver.values(arg, scope):
                # A function named for its model takes a legacy id (gpt2) too; one named for
                # the Hub (weight_hub_files, from_model2vec) only an id with its namespace.
                found = candidate(val, loader=None, legacy=named)
                if (
                    found is not None
                    and found.source != Source.LOCAL
                    and (named or "/" in found.model)
                ):
                    yield self.ref(arg, found, name, val)

    def _fallback(self, call: ast.Call, scope: Scope) -> Iterator[Reference]:
        """The fallback of a settings read under a model key (``os.getenv("MODEL", "org/name")``):
        a model, an Ollama tag where the module talks to Ollama and the key names no API."""
        read = getter(call)
        if read is None:
            return
        key, default = read
        if keys.is_model_key(key):
            tag = any_tag if self.ollama and not keys.names_api(key) else None
            yield from self._models(default, scope, f"default:{key}", tag=tag)
        elif keys.is_weak_model_key(key):
            yield from self.weak(default, scope, f"default:{key}")
