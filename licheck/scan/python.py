"""Python source: model references found through the AST, never by importing or running code.

A reference is reported where its id is written: the string literal (``MODEL_ID = "org/name"``),
with each loader call that reads it (``from_pretrained(MODEL_ID)``) listed in its ``uses``; a
constant read by three loaders is one reference with three uses. A value the resolver cannot
place (no single literal) stays at the loader's argument. A model-named definition (an
argparse ``--model`` default, a dataclass field) that no loader in the file consumes is
reported where it is defined, since another module may import it.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import PurePosixPath

from licheck.errors import ExtractError
from licheck.records import Reference, Source, Use
from licheck.scan import keys
from licheck.scan.base import SourceFile, merge_uses
from licheck.scan.literals import (
    Found,
    candidate,
    literal_candidate,
    text_candidate,
    weak_candidate,
)
from licheck.scan.prefilter import Triggers
from licheck.scan.pyast import call_name, const_str
from licheck.scan.pyformat import Val
from licheck.scan.pygate import could_name_a_model
from licheck.scan.pyloaders import Loader, match
from licheck.scan.pyloops import paired
from licheck.scan.pyplaces import getter, not_a_model_place
from licheck.scan.pyscope import COMMAND_NAMES, Binding, Scope, Tables
from licheck.scan.pyurls import glued_urls
from licheck.scan.pyvalues import Resolver
from licheck.scan.shell import command_hits
from licheck.scan.shellwords import Word
from licheck.scan.text import LineIndex, talks_to_ollama
from licheck.scan.urls import url_references

ST_ORG = "sentence-transformers"
_ST_MODULES = ("sentence_transformers", "setfit")


def _st_name(val: Val) -> bool:
    """A bare name shaped like sentence-transformers' own (``all-MiniLM-L6-v2``)."""
    text = val.text
    return not val.pattern and "/" not in text and text.count("-") >= 2 and " " not in text


# Calls that write a model to the path they are given, and keywords that name such a path.
_SAVERS = frozenset({"save_pretrained", "save_model", "save_quantized"})
_OUTPUT_KEYWORDS = frozenset({"output_dir", "save_directory"})

# The keywords that name the model in a call to a model-named constructor (ModelMeta(name=...)).
_NAME_KEYWORDS = frozenset({"name", "id", "repo_id", "hf", "hf_id", "hub_id"})


_RECORD_SUFFIXES = ("Meta", "Spec", "Args", "Arguments", "Config")


def _record_name(name: str) -> str:
    """``TokenizerArgs`` -> ``Tokenizer``: a settings record named for the model it holds."""
    for suffix in _RECORD_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


_HUB_WORDS = frozenset({"hub", "download", "weight", "weights", "pretrained"})
_FROM_WORDS = ("model", "hub", "hf", "pretrained")


def _hub_function(name: str) -> bool:
    """A function named for fetching from the Hub (``weight_hub_files``, ``download_weights``,
    ``StaticEmbedding.from_model2vec``): an id with a namespace given to it is a model."""
    if not name or keys.is_writer_name(name) or keys.is_dataset_key(name):
        return False
    if name.startswith("from_") and any(word in name for word in _FROM_WORDS):
        return True
    return any(word in _HUB_WORDS for word in keys.normalize(name).split("_"))


# A settings dict whose ``type=`` is a model class (OpenCompass: dict(type=TurboMindModel,
# path="org/name")): these keys name the model it loads.
_TYPED_PATH_KEYS = frozenset({"path", "tokenizer_path", "peft_path", "hf_path", "model_path"})


def _as_call(node: ast.Dict, texts: list[str | None]) -> ast.Call:
    """A dict literal's string keys as the keywords of a ``dict(...)`` call."""
    keywords = [ast.keyword(k, v) for k, v in zip(texts, node.values, strict=True) if k]
    return ast.Call(func=ast.Name("dict"), args=[], keywords=keywords)


def _typed_model(call: ast.Call) -> bool:
    """``dict(type=VLLM, ...)`` / ``SomeConfig(type=HuggingFaceCausalLM, ...)``."""
    kind = next((kw.value for kw in call.keywords if kw.arg == "type"), None)
    name = (
        kind.id
        if isinstance(kind, ast.Name)
        else kind.attr
        if isinstance(kind, ast.Attribute)
        else ""
    )
    return bool(name) and ("Model" in name or "LLM" in name or name.startswith("HuggingFace"))


_DATA_WORDS = frozenset({"dataset", "datasets", "data", "task", "tasks", "benchmark", "eval"})


def _data_call(call: ast.Call) -> bool:
    """A call named for data or an evaluation task: its repo keywords name datasets."""
    words = keys.normalize(_record_name(call_name(call))).split("_")
    return any(word in _DATA_WORDS for word in words)


def _any_tag(val: Val) -> Found | None:
    """``val`` as an Ollama tag, with or without its size (``llama3.2``)."""
    if val.pattern:
        return None
    return text_candidate(val.text, legacy=False, loader=False, ollama=True)


def _model_named_call(call: ast.Call) -> bool:
    """A constructor whose name says model (``ModelMeta``, ``ModelSpec``): it names its model
    with ``name=`` or ``id=``."""
    return keys.is_model_key(_record_name(call_name(call)))


# Keys that hold a model config's id, and calls that copy a config.
_ENTRY_ID_KEYS = frozenset({"path", "repo_id", "model_id", "hf_path", "name_or_path"})
_COPIERS = frozenset({"deepcopy", "copy", "dict"})

# Nesting followed inside a model-named container (groups of rows of ids).
_MAX_ROW_DEPTH = 3

# A candidate is a literal near its weak name (``teacher = "org/name"``, or one constant away):
# a far smaller search than a loader's argument gets.
_WEAK_STEPS = 200

# Position mapper for code embedded in another file (notebook cells, Markdown fences).
LineMap = Callable[[int, int], tuple[int, int]]

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


class _Module:
    """One parsed module's references."""

    def __init__(
        self,
        tree: ast.Module,
        path: str,
        lines: LineIndex,
        line_map: LineMap | None,
        *,
        ollama: bool = False,
    ):
        self.path = path
        self.ollama = ollama  # the module talks to Ollama (says so anywhere in its text)
        self.lines = lines
        self.line_map = line_map
        self.tables = Tables().build(tree)
        self._saved: set[str] | None = None
        self._st: bool | None = None
        self.resolver = Resolver(self.tables)
        self.imported_from = self.tables.imported_from

    def position(self, line: int, col_offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of an ast position, in the file's own coordinates."""
        raw = self.lines.line_text(line)
        column = col_offset
        if not raw.isascii():  # ast columns count UTF-8 bytes
            column = len(raw.encode()[:col_offset].decode(errors="ignore"))
        if self.line_map is not None:
            return self.line_map(line, column + 1)
        return line, column + 1

    def ref(
        self,
        node: ast.expr,
        found: Found,
        context: str,
        val: Val | None = None,
        *,
        weak: bool = False,
    ) -> Reference:
        """A reference at the literal ``val`` came from (else at ``node``), used at ``node``;
        ``weak`` makes it a candidate for the Hub to confirm."""
        context = f"python:{context}"
        used_at = self.position(node.lineno, node.col_offset)
        written_at = self.position(*val.at) if val is not None and val.at is not None else used_at
        uses = (Use(*used_at, context),) if written_at != used_at else ()
        return Reference(
            self.path,
            *written_at,
            found.model,
            found.source,
            found.revision,
            context,
            uses=uses,
            candidate=weak,
        )

    def weak(self, node: ast.expr, scope: Scope, context: str) -> Iterator[Reference]:
        """Candidates among the values of ``node``: Hub ids in a context no rule names.

        Reading them consumes nothing: a model-named definition they reach is still reported
        where it is defined when no loader reads it.
        """
        with self.resolver.tentatively(limit=_WEAK_STEPS):
            values = self.resolver.values(node, scope)
        for val in values:
            found = None if val.pattern else weak_candidate(val.text)
            if found is not None:
                yield self.ref(node, found, f"candidate:{context}", val, weak=True)

    def references(self) -> Iterator[Reference]:
        for call, scope in self.tables.calls:
            loader = match(call, self.imported_from)
            if loader is not None:
                yield from self._loader_call(call, scope, loader)
            else:
                yield from self._generic_keywords(call, scope)
                yield from self._model_function(call, scope)
                yield from self._fallback(call, scope)
        yield from self._unconsumed()
        yield from self._weak_bindings()
        yield from self._argument_lists()
        yield from self._config_dicts()
        yield from self._item_stores()
        yield from self._literals()

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
                targets = list(call.args[:1]) if name in _SAVERS else []
                targets += [kw.value for kw in call.keywords if kw.arg in _OUTPUT_KEYWORDS]
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
                if found is None and self._sentence_transformers() and _st_name(val):
                    found = text_candidate(
                        val.text, legacy=True, loader=True, bare_namespace=ST_ORG
                    )
                if found is not None and found.source.on_hub and val.text in self.saved_to():
                    found = Found(val.text, Source.LOCAL)  # saved here first: a local copy
                if found is not None:
                    yield self.ref(arg, found.with_revision(pinned), loader.label, val)

    def _config_dicts(self) -> Iterator[Reference]:
        """Dict literals that read like a config (``{"name_or_path": "org/name", "revision":
        "abc"}``): a value under a model key is a model, pinned by a revision key beside it."""
        for node, scope in self.tables.dicts:
            texts = [const_str(k) if k is not None else None for k in node.keys]
            model_at = [i for i, k in enumerate(texts) if k is not None and keys.is_model_key(k)]
            if "type" in texts and _typed_model(_as_call(node, texts)):
                model_at += [i for i, k in enumerate(texts) if k in _TYPED_PATH_KEYS]
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
            if keys.is_model_key(text) or (text in _ENTRY_ID_KEYS and self._model_config(name)):
                # os.environ["MODEL"] = "llama3.2" beside OLLAMA_BASE_URL: a tag.
                tags = self.ollama and name == "environ" and not keys.names_api(text)
                tag = _any_tag if tags else None
                yield from self._models(value, scope, f"item:{text}", tag=tag)

    def _fallback(self, call: ast.Call, scope: Scope) -> Iterator[Reference]:
        """The fallback of a settings read under a model key (``os.getenv("MODEL", "org/name")``):
        a model, an Ollama tag where the module talks to Ollama and the key names no API."""
        read = getter(call)
        if read is None:
            return
        key, default = read
        if keys.is_model_key(key):
            tag = _any_tag if self.ollama and not keys.names_api(key) else None
            yield from self._models(default, scope, f"default:{key}", tag=tag)
        elif keys.is_weak_model_key(key):
            yield from self.weak(default, scope, f"default:{key}")

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

    def _models(
        self,
        node: ast.expr,
        scope: Scope,
        context: str,
        *,
        revision: str | None = None,
        tag: Callable[[Val], Found | None] | None = None,
    ) -> Iterator[Reference]:
        """Each value of ``node`` that names a model (local paths aside), at its literal;
        ``tag`` reads a value no Hub rule takes as an Ollama tag."""
        for val in self.resolver.values(node, scope):
            found = candidate(val, loader=None, legacy=True)
            if found is None and tag is not None:
                found = tag(val)
            if found is not None and found.source != Source.LOCAL:
                yield self.ref(node, found.with_revision(revision), context, val)

    def _model_config(self, name: str) -> bool:
        """Whether the container ``name`` holds a model's settings: by its name, or because
        it is bound to a copy of a container whose name says model."""
        if "model" in keys.normalize(name).split("_"):
            return True
        for scope in self.tables.scopes:
            for binding in scope.names.get(name, []):
                expr = binding.expr
                if isinstance(expr, ast.Call) and call_name(expr) in _COPIERS and expr.args:
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
            if repo and _data_call(call):  # LightevalTaskConfig(hf_repo="org/questions")
                continue
            if kw.arg in _TYPED_PATH_KEYS and _typed_model(call):
                # dict(type=VLLM, path="org/name"): a config whose type is a model class.
                yield from self._models(kw.value, scope, kw.arg)
                continue
            if keys.is_model_key(kw.arg) or (kw.arg in _NAME_KEYWORDS and _model_named_call(call)):
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
        named = bool(name) and keys.is_model_key(_record_name(name))
        if not named and not _hub_function(name):
            weak = name and keys.is_weak_model_key(name) and not keys.is_writer_name(name)
            if weak:  # get_model_from_task(task, "org/name")
                for arg in call.args[:3]:
                    yield from self.weak(arg, scope, name)
            return
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

    def _model_named_bindings(self, weak: bool = False) -> Iterator[Binding]:
        """Each binding of a model-named variable, attribute or option once, in table order
        (``weak``: of a name that only hints at a model).

        Tables key bindings by their name, so other names are passed over a whole list at once.
        """
        seen: set[int] = set()
        groups = [s.names for s in self.tables.scopes] + [self.tables.attrs]
        groups += [s.self_attrs for s in self.tables.scopes]
        for group in groups:
            for name, bindings in group.items():
                strong = keys.is_model_key(name) or keys.is_model_list_key(name)
                if strong == weak or (weak and not keys.is_weak_model_key(name)):
                    continue
                for binding in bindings:
                    if id(binding) not in seen:
                        seen.add(id(binding))
                        yield binding

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
                    if depth < _MAX_ROW_DEPTH:
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
            if found is None and self._sentence_transformers() and _st_name(val):
                # sentence-transformers (and SetFit, built on it) complete a bare name with
                # their own organisation: --teacher_model=paraphrase-mpnet-base-v2.
                found = text_candidate(val.text, legacy=True, loader=True, bare_namespace=ST_ORG)
            if found is None and self._ollama_client():
                # self.config.model = "llama3.1:70b" in a module built on the ollama client.
                found = self._tag(val)
            if found is not None and found.source != Source.LOCAL:
                yield self.ref(node, found, "constant", val)

    def _tag(self, val: Val) -> Found | None:
        """An Ollama tag with its size or quantisation (``user/model:Q8_0``), in a module that
        talks to Ollama (says so anywhere: an OpenAI client pointed at Ollama's port)."""
        if not self.ollama or ":" not in val.text or val.pattern:
            return None
        return text_candidate(val.text, legacy=False, loader=False, ollama=True)

    def _ollama_client(self) -> bool:
        """Whether this module imports from the ollama package."""
        return any(m == "ollama" or m.startswith("ollama.") for m in self.imported_from.values())

    def _sentence_transformers(self) -> bool:
        """Whether this module imports from sentence-transformers or SetFit (asked once)."""
        if self._st is None:
            self._st = any(m.startswith(_ST_MODULES) for m in self.imported_from.values())
        return self._st


def python_references(
    text: str, path: str, line_map: LineMap | None = None, *, urls: bool = True
) -> list[Reference]:
    """Every reference in Python source ``text``; raises ExtractError if it does not parse."""
    tree = parse(text)
    lines = LineIndex(text)
    try:
        # The parser accepts chains (``f()()()``, ``a.b.c``) deeper than a walk of the tree
        # can recurse; such a file is refused like one that does not parse.
        module = _Module(tree, path, lines, line_map, ollama=talks_to_ollama(text))
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
        return path.suffix in (".py", ".pyw")

    def quick_check(self, data: bytes) -> bool:
        """Only files mentioning a loader, a model-ish name or the Hub, with a literal that can
        name a model (pygate.py)."""
        return TRIGGERS.search(data) and could_name_a_model(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References in the module; ExtractError on a syntax error."""
        yield from python_references(file.text, file.path)
