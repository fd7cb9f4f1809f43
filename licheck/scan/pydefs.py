"""Reads of a Python module's model-named definitions that no loader in it consumes.

``DefinitionReads`` is the part of the extractor's ``_Module`` (python.py) that runs after the
calls: a model-named definition (an argparse ``--model`` default, a dataclass field, a list of
models) that no loader here reads is reported where it is defined, since another module may
import it; names that only hint at a model (``teacher``) give candidates. Never imports or runs
the scanned code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import lru_cache

from licheck.records import Reference, Source
from licheck.scan import keys
from licheck.scan.literals import candidate, text_candidate
from licheck.scan.pyhints import MAX_ROW_DEPTH, ST_ORG, st_name
from licheck.scan.pymodule import ModuleBase
from licheck.scan.pyscope import Binding, Scope


@lru_cache(maxsize=4096)
def _name_kind(name: str) -> int | None:
    """0 for a name that says model, 1 for one that only hints at a model, else None."""
    if keys.is_model_key(name) or keys.is_model_list_key(name):
        return 0
    return 1 if keys.is_weak_model_key(name) else None


class DefinitionReads(ModuleBase):
    """References read from definitions no loader consumes, and from weakly named bindings."""

    def _model_named_bindings(self, weak: bool = False) -> list[Binding]:
        """Each binding of a model-named variable, attribute or option once, in table order
        (``weak``: of a name that only hints at a model).

        Tables key bindings by their name, so other names are passed over a whole list at once;
        one pass over them sorts out both kinds (the tables do not change once built).
        """
        if self._named is None:
            found: tuple[list[Binding], list[Binding]] = ([], [])
            seen: tuple[set[int], set[int]] = (set(), set())
            groups = [s.names for s in self.tables.scopes] + [self.tables.attrs]
            groups += [s.self_attrs for s in self.tables.scopes]
            for group in groups:
                for name, bindings in group.items():
                    kind = _name_kind(name)
                    if kind is None:
                        continue
                    out, done = found[kind], seen[kind]
                    for binding in bindings:
                        if id(binding) not in done:
                            done.add(id(binding))
                            out.append(binding)
            self._named = found
        return self._named[weak]

    def _unconsumed(self) -> Iterator[Reference]:
        for typed in self.tables.typed_models:  # segmentation: PipelineModel = "org/name"
            if id(typed.expr) not in self.resolver.used:
                yield from self._definition(typed.expr, typed.scope)
        grown: set[tuple[int, str]] = set()
        for binding in self._model_named_bindings():
            if not binding.name:
                continue
            listed = binding.kind == "value" and keys.is_model_list_key(binding.name)
            # A list of models is reported at its literals even when a loop reads part of it
            # (a parametrize picking one group): the same literal read by a loader is merged.
            if id(binding.expr) in self.resolver.used and not listed:
                continue
            if binding.kind == "value" and keys.is_model_key(binding.name):
                yield from self._definition(binding.expr, binding.scope)
            elif keys.is_model_key(binding.name) or listed:
                yield from self._rows(binding.expr, binding.scope)
            # Grown at module level, where another module may import it; a function's own
            # list that nothing here loads is scratch.
            module = binding.scope.kind == "module"
            if listed and module and (id(binding.scope), binding.name) not in grown:
                grown.add((id(binding.scope), binding.name))  # MODELS["org/name"] = ...
                for added in binding.scope.appends.get(binding.name, []):
                    if added.kind == "value":
                        yield from self._definition(added.expr, added.scope)

    def _rows(self, node: ast.expr, scope: Scope, depth: int = 0) -> Iterator[Reference]:
        """Every id in a model-named container, through nested rows and groups
        (``{"bf16": [("org/name", 1)], "fp8": [pytest.param("org/other", 1)]}``)."""
        for entry in self.resolver.entries(node, scope):
            for item in (entry.key, entry.value) if entry.is_dict else (entry.value,):
                if item is None:
                    continue
                if isinstance(item, ast.Dict | ast.List | ast.Tuple | ast.Set):
                    if depth < MAX_ROW_DEPTH:
                        yield from self._rows(item, entry.scope, depth + 1)
                else:
                    yield from self._definition(item, entry.scope)

    def _weak_bindings(self) -> Iterator[Reference]:
        """Candidates bound to names that hint at a model (``teacher = "org/name"``), where no
        loader of this module reads them, and the entries of such lists and dicts."""
        for binding in self._model_named_bindings(weak=True):
            if id(binding.expr) in self.resolver.used or not binding.name:
                continue
            container = isinstance(binding.expr, ast.Dict | ast.List | ast.Tuple | ast.Set)
            if binding.kind == "value" and not container:
                yield from self.weak(binding.expr, binding.scope, binding.name)
                continue
            for entry in self.resolver.entries(binding.expr, binding.scope):
                for node in (entry.key, entry.value) if entry.is_dict else (entry.value,):
                    if node is not None and not isinstance(node, ast.Dict | ast.List):
                        yield from self.weak(node, entry.scope, binding.name)

    def _definition(self, node: ast.expr, scope: Scope) -> Iterator[Reference]:
        if isinstance(node, ast.Dict | ast.List | ast.Tuple | ast.Set):
            return
        for val in self.resolver.values(node, scope):
            found = candidate(val, loader=None, legacy=True)
            if found is None and self._sentence_transformers() and st_name(val):
                # sentence-transformers (and SetFit, built on it) complete a bare name with
                # their own organisation: --teacher_model=paraphrase-mpnet-base-v2.
                found = text_candidate(val.text, legacy=True, loader=True, bare_namespace=ST_ORG)
            if found is None and self._ollama_client():
                # self.config.model = "llama3.1:70b" in a module built on the ollama client.
                found = self._tag(val)
            if found is not None and found.source != Source.LOCAL:
                yield self.ref(node, found, "constant", val)
