"""The walk over one parsed config tree (YAML, JSON or TOML as ``CNode``s): model keys, model
lists, command and environment values, each turned into references.

Model keys (``base_model``, ``model_name_or_path``, ``_name_or_path`` ... see keys.py) give
their string value, or each string of a list; a sibling ``revision`` pins them. Containers named
``models`` give their entries (``id:``/``name:``). Command keys (``run``, ``command``, ``args``,
``script``, ``entrypoint``) are read as shell text; ``environment``/``env`` entries as
``NAME=value`` or ``{name, value}``. Dataset subtrees and output keys are never models.

The walk is bounded: a YAML alias is one node that the walk enters again at each use, so a few
hundred bytes of nested aliases ("billion laughs") would expand to billions of visits. Every
node visited is counted, and a file whose walk passes ``expansion_limit`` is refused. Parsing
and the extractor itself live in ``configs``; configkeys.py sorts keys into kinds and
configvalues.py reads leaf values into references (and holds the budget).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from licheck.scan import keys
from licheck.scan.configkeys import (
    ARGV_KEYS,
    COMMAND,
    DATASET,
    ENTRY_KEYS,
    ENV,
    HUB_SOURCES,
    ID_KEYS,
    MODEL,
    MODEL_LIST,
    REPO,
    UPLOAD,
    api_route,
    hub_scheme,
    key_kind,
    names_repo,
    sweep_values,
)
from licheck.scan.configtree import CNode
from licheck.scan.configvalues import CHARS_PER_VISIT, ValueReader
from licheck.scan.configvalues import MAX_DEPTH as MAX_DEPTH
from licheck.scan.configvalues import MIN_EXPANSION as MIN_EXPANSION
from licheck.scan.configvalues import ExpansionError as ExpansionError
from licheck.scan.configvalues import expansion_limit as expansion_limit
from licheck.scan.literals import literal_candidate
from licheck.scan.shellwords import Word, commands


@dataclass(frozen=True)
class WalkContext:
    in_models: bool = False  # inside a ``models:`` container: entries are ids
    upload: bool = False  # below a push/upload/output key: repo ids there are targets
    routes: bool = False  # LiteLLM ``litellm_params``: ``provider/name`` is an API route
    data: bool = False  # below a dataset key: only a model key (its tokenizer) names a model


class ConfigWalker(ValueReader):
    """Applies the key rules to one parsed document."""

    def table(self, node: CNode) -> None:
        """A file named for its models (``model2path.json``, ``models.yaml``): each top-level
        ``org/name`` value no key already claimed is one (``{"llama2-7b": "org/name"}``)."""
        if node.kind == "seq":
            rows = [("models", elem) for elem in node.elems]
        else:
            rows = [(k, v) for k, v in node.items if not keys.is_model_key(k)]
        for key, child in rows:
            if child.kind == "scalar" and child.value and not keys.holds_no_model(key):
                found = literal_candidate(child.value)
                if found is not None:
                    self.emit(child, found, key, None)

    def walk(self, node: CNode, ctx: WalkContext = WalkContext(), depth: int = 0) -> None:
        if depth > MAX_DEPTH:
            return
        if node.kind == "seq":
            self.spend(len(node.elems))
            for elem in node.elems:
                if elem.kind != "scalar":
                    self.walk(elem, ctx, depth + 1)
                elif ctx.in_models:
                    self.scalar(elem, "models", None, legacy=False)
                elif hub_scheme(elem):
                    self.scalar(elem, "hf://", None, legacy=False)
                elif self.embedded:
                    self.weak(elem, "embedded", None)
        elif node.kind == "map":
            self.mapping(node, ctx, depth)

    def mapping(self, node: CNode, ctx: WalkContext, depth: int) -> None:
        # One pass for what the siblings say: a pinned revision, an Ollama runtime beside the
        # model ({provider: ollama, model: x}), a Kubernetes env entry ({name, value}).
        self.spend(len(node.items))
        revision = name = repo_type = None
        ollama = hub = False
        value: CNode | None = None
        aliased: bool | None = None  # whether ``name`` is an alias: asked once, not per key
        for key, child in node.items:
            if child.kind == "scalar" and child.value:
                if revision is None and keys.is_revision_key(key):
                    revision = child.value
                elif key in ("provider", "backend", "api", "type", "source", "kind"):
                    ollama = ollama or child.value.lower() == "ollama"
                    hub = hub or child.value.lower() in HUB_SOURCES
                elif key == "name":
                    name = name or child.value
                elif key == "repo_type":
                    repo_type = child.value
            if key == "value" and value is None:
                value = child
        if name and value is not None and keys.is_model_key(name):
            self.scalar(value, name, revision, legacy=True)
            return
        items = node.items
        if hub and not ctx.upload:  # {type: huggingface, repository: org/name}
            for key, child in items:
                if key in ID_KEYS or key in ("repository", "model", "name", "path"):
                    self.scalar(child, key, revision, legacy=False)
        for key, child in items:
            kind = key_kind(key)
            if kind == DATASET:
                if child.kind != "scalar":  # dataset: {path: ..., tokenizer_name: org/name}
                    self.walk(child, WalkContext(data=True), depth + 1)
                continue
            if ctx.data:
                if kind == MODEL and child.kind != "map":
                    self.scalar(child, key, revision, legacy=True)
                elif child.kind != "scalar":
                    self.walk(child, ctx, depth + 1)
                continue
            if kind == MODEL:
                swept = sweep_values(child)
                if swept:  # W&B sweeps: model_name_or_path: {value: org/name}
                    for leaf in swept:
                        self.scalar(leaf, key, revision, legacy=True)
                elif child.kind == "map" or any(e.kind == "map" for e in child.elems):
                    self.walk(child, WalkContext(in_models=True), depth + 1)
                elif not (ctx.routes and api_route(child)):
                    self.scalar(child, key, revision, legacy=True, ollama=ollama)
            elif ctx.in_models and key in ENTRY_KEYS:
                if key == "name":
                    if aliased is None:
                        aliased = any(names_repo(k, v) for k, v in items)
                    if aliased:
                        continue  # {name: alias, id: org/model}: the name is what clients call it
                # An id key names a Hub repo outright, so a legacy id (gpt2) counts there.
                self.scalar(child, key, revision, legacy=key in ID_KEYS)
            elif kind == MODEL_LIST:
                if child.kind == "map" and all(v.kind == "scalar" for _, v in child.items):
                    for sub, leaf in child.items:
                        self.scalar(leaf, f"{key}.{sub}", None, legacy=False)
                else:
                    self.walk(child, WalkContext(in_models=True), depth + 1)
            elif kind == REPO:
                if not ctx.upload and repo_type in (None, "model"):
                    self.scalar(child, key, revision, legacy=False)
            elif kind == COMMAND and child.kind != "map":
                self.command(child, argv=keys.normalize(key) in ARGV_KEYS)
            elif kind == ENV and child.kind == "seq":
                self.env_list(child, depth + 1)
            elif child.kind != "scalar":
                below = WalkContext(ctx.in_models, upload=True) if kind == UPLOAD else ctx
                if key == "litellm_params":
                    below = WalkContext(below.in_models, below.upload, routes=True)
                self.walk(child, below, depth + 1)
            elif hub_scheme(child) and not ctx.upload:
                self.scalar(child, key, revision, legacy=False)
            elif not ctx.upload and (self.embedded or keys.is_weak_model_key(key)):
                self.weak(child, key, revision)
            elif not ctx.upload and not keys.holds_no_model(key):
                self.weak(child, "literal", revision)  # any org/name value: for the Hub to say

    def env_list(self, node: CNode, depth: int) -> None:
        self.spend(len(node.elems))
        for elem in node.elems:
            text = elem.value if elem.kind == "scalar" else None
            if not text:
                self.walk(elem, WalkContext(), depth + 1)
                continue
            self.spend(len(text) // CHARS_PER_VISIT)
            name, equals, value = text.partition("=")
            if equals and keys.is_model_key(name.strip()):
                leaf = CNode("scalar", elem.line, elem.column + len(name) + 1, value.strip())
                self.scalar(leaf, name.strip(), None, legacy=True)

    def command(self, node: CNode, *, argv: bool = False) -> None:
        """A script (a scalar, or a list of lines), or with ``argv`` a list that is one
        command's words (Compose and Kubernetes ``command:``/``args:``)."""
        # An aliased script is one script: parsing it again at each use would find the same
        # hits at the same places, at the cost of its whole length each time.
        if id(node) in self.parsed:
            return
        self.parsed.add(id(node))
        if node.kind == "seq":
            self.spend(len(node.elems))
            texts = [e for e in node.elems if e.kind == "scalar" and e.value]
            for elem in texts:  # KServe's storage-initializer: args: [hf://org/name, /mnt/models]
                if hub_scheme(elem):
                    self.scalar(elem, "hf://", None, legacy=False)
            spaced = [e for e in texts if " " in (e.value or "")]
            if texts and (argv or not spaced):
                # Empty words stay: ``--api_key ""`` must not take the next flag as its value.
                scalars = [e for e in node.elems if e.kind == "scalar" and e.value is not None]
                words = [Word(e.value or "", e.line, e.column) for e in scalars]
                self.hits([words], None)
            if argv or not spaced:
                texts = spaced  # an argument holding a whole command line (``sh -c "..."``)
            for elem in texts:
                self.command(elem)
            for elem in node.elems:  # args: [{name: --model-id, value: org/name}]
                if elem.kind == "map":
                    self.walk(elem)
        elif node.kind == "scalar" and node.value:
            first = node.line + 1 if node.block else node.line
            # The whole scalar is one script, so a `for` loop in a CI step is unrolled.
            self.hits(list(commands(node.value, first)), node)


def model_named_file(stem: str) -> bool:
    """``model2path``, ``models``, ``model_list``: a file whose name says it lists models."""
    return bool({"model", "models"} & set(re.split(r"[^a-z]+", stem.lower())))


def node_for(node: CNode, key: str) -> CNode | None:
    """The child of a mapping under ``key``."""
    return next((v for k, v in node.items if k == key), None)
