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
and the extractor itself live in ``configs``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from licheck.records import Reference
from licheck.scan import keys
from licheck.scan.configtree import CNode
from licheck.scan.ids import API_PROVIDERS
from licheck.scan.literals import (
    OLLAMA_SCHEME,
    Found,
    literal_candidate,
    text_candidate,
    weak_candidate,
)
from licheck.scan.shell import script_hits
from licheck.scan.shellwords import Word, commands
from licheck.scan.text import LineIndex, words

_COMMAND_KEYS = words(
    "run script command commands args arguments entrypoint cmd before_script after_script exec"
)
# Command keys whose list is one command's words, not a list of lines (Compose, Kubernetes).
_ARGV_KEYS = frozenset({"command", "args", "arguments", "entrypoint", "cmd"})
_ENV_KEYS = frozenset({"environment", "env", "envs", "env_vars", "variables"})
_ENTRY_KEYS = frozenset({"id", "name", "repo", "repo_id", "hf_repo", "model", "path", "hub_id"})
# Entry keys that hold the id itself: beside one of them, ``name`` is the entry's alias.
_ID_KEYS = frozenset({"id", "repo", "repo_id", "hf_repo", "hub_id"})


@dataclass(frozen=True)
class WalkContext:
    in_models: bool = False  # inside a ``models:`` container: entries are ids
    upload: bool = False  # below a push/upload/output key: repo ids there are targets
    routes: bool = False  # LiteLLM ``litellm_params``: ``provider/name`` is an API route
    data: bool = False  # below a dataset key: only a model key (its tokenizer) names a model


# What a ``type:`` / ``source:`` beside a repo key says when the repo is on the Hub.
_HUB_SOURCES = frozenset({"huggingface", "hf", "huggingface_hub", "hf_hub", "hub"})

# Containers whose repo ids are where things go, not what is pulled.
_UPLOAD_KEYS = words("push_to_hub hub upload uploads output outputs export publish destination")


# Node visits a file's walk may make: at least this many, and at least one per character, which
# no alias-free file can reach (every node takes a character or more), so only expansion does.
MIN_EXPANSION = 100_000
MAX_DEPTH = 100
# A scalar whose text is read also costs one visit per this many characters, so an aliased
# megabyte string is not read a hundred thousand times; a file's own text still fits the budget.
_CHARS_PER_VISIT = 64


def expansion_limit(text: str) -> int:
    """How many nodes the walk of ``text`` may visit before the file is refused."""
    return max(MIN_EXPANSION, len(text))


class ExpansionError(Exception):
    """The walk visited more nodes than its budget allows (aliases expanded past the bound)."""


class ConfigWalker:
    """Applies the key rules to one parsed document."""

    def __init__(
        self, path: str, lines: LineIndex, kind: str, budget: int, *, embedded: bool = False
    ) -> None:
        self.path = path
        # A document held in a value (chat-ui's MODELS): any Hub id in it is a candidate.
        self.embedded = embedded
        self.lines = lines
        self.kind = kind
        self.budget = budget  # node visits left (see expansion_limit)
        # An aliased node is one place: however often the walk meets it, one reference.
        self.refs: dict[Reference, None] = {}
        self.parsed: set[int] = set()  # command nodes already read as shell (by identity)

    def spend(self, visits: int) -> None:
        """Count ``visits`` more nodes; ExpansionError once the budget is spent."""
        self.budget -= visits
        if self.budget < 0:
            raise ExpansionError

    def emit(
        self,
        node: CNode,
        found: Found | None,
        key: str,
        revision: str | None,
        *,
        weak: bool = False,
    ) -> None:
        if found is None:
            return
        found = found.with_revision(revision)
        self.refs.setdefault(
            Reference(
                self.path,
                node.line,
                node.column,
                found.model,
                found.source,
                found.revision,
                f"{self.kind}:{'candidate:' if weak else ''}{key}",
                candidate=weak,
            )
        )

    def sweep(self, node: CNode, key: str, revision: str | None) -> None:
        """Each id of a comma-separated value, where it is written (the value may span lines)."""
        line = node.line
        for part in (node.value or "").split(","):
            part = part.strip()
            found = text_candidate(part, legacy=False, loader=False) if part else None
            if found is None:
                continue
            line, column = self._placed(part, line, node, node.column)
            self.emit(CNode("scalar", line, column), found, key, revision)

    def weak(self, node: CNode, key: str, revision: str | None) -> None:
        """A candidate: a Hub id under a key that only hints at a model (``repository:``)."""
        if node.kind == "scalar" and node.value:
            self.spend(len(node.value) // _CHARS_PER_VISIT)
            read = literal_candidate if key == "literal" else weak_candidate
            self.emit(node, read(node.value), key, revision, weak=True)

    def scalar(
        self,
        node: CNode,
        key: str,
        revision: str | None,
        *,
        legacy: bool,
        ollama: bool = False,
        depth: int = 0,
    ) -> None:
        if node.kind == "scalar" and node.value:
            self.spend(len(node.value) // _CHARS_PER_VISIT)
            found = text_candidate(node.value, legacy=legacy, loader=legacy, ollama=ollama)
            if found is None and "," in node.value:  # a Hydra sweep: model: a, b, c
                self.sweep(node, key, revision)
                return
            self.emit(node, found, key, revision)
        elif node.kind == "seq" and depth <= MAX_DEPTH:  # a list holding itself ends here
            self.spend(len(node.elems))
            for elem in node.elems:
                self.scalar(elem, key, revision, legacy=legacy, ollama=ollama, depth=depth + 1)

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
                elif _hub_scheme(elem):
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
                    hub = hub or child.value.lower() in _HUB_SOURCES
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
                if key in _ID_KEYS or key in ("repository", "model", "name", "path"):
                    self.scalar(child, key, revision, legacy=False)
        for key, child in items:
            kind = _key_kind(key)
            if kind == _DATASET:
                if child.kind != "scalar":  # dataset: {path: ..., tokenizer_name: org/name}
                    self.walk(child, WalkContext(data=True), depth + 1)
                continue
            if ctx.data:
                if kind == _MODEL and child.kind != "map":
                    self.scalar(child, key, revision, legacy=True)
                elif child.kind != "scalar":
                    self.walk(child, ctx, depth + 1)
                continue
            if kind == _MODEL:
                swept = _sweep_values(child)
                if swept:  # W&B sweeps: model_name_or_path: {value: org/name}
                    for leaf in swept:
                        self.scalar(leaf, key, revision, legacy=True)
                elif child.kind == "map" or any(e.kind == "map" for e in child.elems):
                    self.walk(child, WalkContext(in_models=True), depth + 1)
                elif not (ctx.routes and _api_route(child)):
                    self.scalar(child, key, revision, legacy=True, ollama=ollama)
            elif ctx.in_models and key in _ENTRY_KEYS:
                if key == "name":
                    if aliased is None:
                        aliased = any(_names_repo(k, v) for k, v in items)
                    if aliased:
                        continue  # {name: alias, id: org/model}: the name is what clients call it
                # An id key names a Hub repo outright, so a legacy id (gpt2) counts there.
                self.scalar(child, key, revision, legacy=key in _ID_KEYS)
            elif kind == _MODEL_LIST:
                if child.kind == "map" and all(v.kind == "scalar" for _, v in child.items):
                    for sub, leaf in child.items:
                        self.scalar(leaf, f"{key}.{sub}", None, legacy=False)
                else:
                    self.walk(child, WalkContext(in_models=True), depth + 1)
            elif kind == _REPO:
                if not ctx.upload and repo_type in (None, "model"):
                    self.scalar(child, key, revision, legacy=False)
            elif kind == _COMMAND and child.kind != "map":
                self.command(child, argv=keys.normalize(key) in _ARGV_KEYS)
            elif kind == _ENV and child.kind == "seq":
                self.env_list(child, depth + 1)
            elif child.kind != "scalar":
                below = WalkContext(ctx.in_models, upload=True) if kind == _UPLOAD else ctx
                if key == "litellm_params":
                    below = WalkContext(below.in_models, below.upload, routes=True)
                self.walk(child, below, depth + 1)
            elif _hub_scheme(child) and not ctx.upload:
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
            self.spend(len(text) // _CHARS_PER_VISIT)
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
                if _hub_scheme(elem):
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

    def _placed(self, word: str, line: int, node: CNode | None, column: int) -> tuple[int, int]:
        """Where ``word`` is written, from ``line`` on: a quoted scalar folds escaped line
        breaks (``"a && \\`` then ``vllm serve X"``), so its words may sit lines later."""
        for number in range(line, min(line + 50, self.lines.line_count) + 1):
            at = self.lines.line_text(number).find(word)
            if at >= 0:
                return number, at + 1
        return line, node.column if node is not None else column

    def hits(self, script: list[list[Word]], node: CNode | None) -> None:
        for hit in script_hits(script, {}):
            line, column = hit.word.line, hit.word.column + hit.offset
            text = self.lines.line_text(line)
            if node is not None or hit.word.text not in text:
                # Inside a scalar (or a command line given as one argument): the word's real
                # line, which folding may have moved.
                line, column = self._placed(hit.word.text, line, node, hit.word.column)
                column += hit.offset
            leaf = CNode("scalar", line, column)
            key = hit.context.removeprefix("shell:").removeprefix("candidate:")
            self.emit(leaf, hit.found, key, None, weak=hit.weak)


_OTHER, _DATASET, _MODEL, _MODEL_LIST, _COMMAND, _ENV, _REPO, _UPLOAD = range(8)


def model_named_file(stem: str) -> bool:
    """``model2path``, ``models``, ``model_list``: a file whose name says it lists models."""
    return bool({"model", "models"} & set(re.split(r"[^a-z]+", stem.lower())))


def _sweep_values(node: CNode) -> list[CNode]:
    """The values a hyperparameter sweep tries for one key (``{value: x}``, ``{values: [..]}``)."""
    if node.kind != "map":
        return []
    out: list[CNode] = []
    for key, child in node.items:
        if key in ("value", "values"):
            out += (
                [child]
                if child.kind == "scalar"
                else [e for e in child.elems if e.kind == "scalar"]
            )
    return out


def _hub_scheme(node: CNode) -> bool:
    """A value that names a model by its scheme (KServe's ``storageUri: hf://org/name``,
    KubeAI's ``url: ollama://qwen2.5:7b``), whatever its key; ``hf://datasets/...`` and
    ``hf://spaces/...`` are not models."""
    value = node.value or ""
    if value.startswith(OLLAMA_SCHEME):
        return True
    value = value[:5].lower() + value[5:]
    if value.startswith("huggingface://"):  # AIBrix's artifactURL: huggingface://org/name
        value = "hf://" + value[len("huggingface://") :]
    return value.startswith("hf://") and not value.startswith(("hf://datasets/", "hf://spaces/"))


def _names_repo(key: str, node: CNode) -> bool:
    """Whether a models entry's ``key: node`` spells out the repo (so ``name`` is an alias)."""
    value = node.value if node.kind == "scalar" else None
    return (
        bool(value) and not str(value).isdigit() and (key in _ID_KEYS or _key_kind(key) == _MODEL)
    )


@lru_cache(maxsize=8192)
def _key_kind(key: str) -> int:
    """What a mapping key says about its value; the first that applies, in this order.

    Cached: configs repeat their keys, and each test normalises the name again.
    """
    if keys.is_dataset_key(key):
        return _DATASET
    if keys.is_model_key(key):
        return _MODEL
    if keys.is_model_list_key(key):
        return _MODEL_LIST
    if keys.is_repo_key(key):
        return _REPO
    name = keys.normalize(key)
    if name in _COMMAND_KEYS or name.endswith(("_command", "_commands", "_script", "_args")):
        return _COMMAND
    if key.lower() in _ENV_KEYS:
        return _ENV
    return _UPLOAD if name in _UPLOAD_KEYS else _OTHER


def node_for(node: CNode, key: str) -> CNode | None:
    """The child of a mapping under ``key``."""
    return next((v for k, v in node.items if k == key), None)


def _api_route(node: CNode) -> bool:
    """``openai/fake``, ``groq/llama3-70b``: a LiteLLM provider route to a hosted API, which
    names no Hub model (``hosted_vllm/org/name`` and ``ollama/x`` are read by literals.py)."""
    route, slash, rest = (node.value or "").partition("/")
    return bool(slash) and "/" not in rest and route.lower() in _API_ROUTES


# Under litellm_params, openai/ is a route too (elsewhere it is also a Hub organisation), and so
# are a few providers that ids.py leaves alone because they are Hub names as well; Ollama routes
# name a model (literals.py reads them).
_API_ROUTES = (API_PROVIDERS - {"ollama", "ollama_chat"}) | {
    "openai",
    "cohere",
    "xai",
    "deepseek",
    "databricks",
}
