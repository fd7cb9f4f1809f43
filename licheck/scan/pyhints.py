"""What a Python name or call shape says about a model, for the extractor (python.py).

Constants and predicates read from names alone (``TokenizerArgs``, ``weight_hub_files``,
``dict(type=VLLM, ...)``), with no tables or resolver: the ``_Module`` mixins (pymodule.py,
pycalls.py, pydata.py, pydefs.py) share them. Never imports or runs the scanned code.
"""

from __future__ import annotations

import ast

from licheck.scan import keys
from licheck.scan.literals import Found, text_candidate
from licheck.scan.pyast import call_name
from licheck.scan.pyformat import Val

ST_ORG = "sentence-transformers"
ST_MODULES = ("sentence_transformers", "setfit")


def st_name(val: Val) -> bool:
    """A bare name shaped like sentence-transformers' own (``all-MiniLM-L6-v2``)."""
    text = val.text
    return not val.pattern and "/" not in text and text.count("-") >= 2 and " " not in text


# Calls that write a model to the path they are given, and keywords that name such a path.
SAVERS = frozenset({"save_pretrained", "save_model", "save_quantized"})
OUTPUT_KEYWORDS = frozenset({"output_dir", "save_directory"})

# The keywords that name the model in a call to a model-named constructor (ModelMeta(name=...)).
NAME_KEYWORDS = frozenset({"name", "id", "repo_id", "hf", "hf_id", "hub_id"})


_RECORD_SUFFIXES = ("Meta", "Spec", "Args", "Arguments", "Config")


def record_name(name: str) -> str:
    """``TokenizerArgs`` -> ``Tokenizer``: a settings record named for the model it holds."""
    for suffix in _RECORD_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


_HUB_WORDS = frozenset({"hub", "download", "weight", "weights", "pretrained"})
_FROM_WORDS = ("model", "hub", "hf", "pretrained")


def hub_function(name: str) -> bool:
    """A function named for fetching from the Hub (``weight_hub_files``, ``download_weights``,
    ``StaticEmbedding.from_model2vec``): an id with a namespace given to it is a model."""
    if not name or keys.is_writer_name(name) or keys.is_dataset_key(name):
        return False
    if name.startswith("from_") and any(word in name for word in _FROM_WORDS):
        return True
    return any(word in _HUB_WORDS for word in keys.normalize(name).split("_"))


# A settings dict whose ``type=`` is a model class (OpenCompass: dict(type=TurboMindModel,
# path="org/name")): these keys name the model it loads.
TYPED_PATH_KEYS = frozenset({"path", "tokenizer_path", "peft_path", "hf_path", "model_path"})


def as_call(node: ast.Dict, texts: list[str | None]) -> ast.Call:
    """A dict literal's string keys as the keywords of a ``dict(...)`` call."""
    keywords = [ast.keyword(k, v) for k, v in zip(texts, node.values, strict=True) if k]
    return ast.Call(func=ast.Name("dict"), args=[], keywords=keywords)


def typed_model(call: ast.Call) -> bool:
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


def data_call(call: ast.Call) -> bool:
    """A call named for data or an evaluation task: its repo keywords name datasets."""
    words = keys.normalize(record_name(call_name(call))).split("_")
    return any(word in _DATA_WORDS for word in words)


def any_tag(val: Val) -> Found | None:
    """``val`` as an Ollama tag, with or without its size (``llama3.2``)."""
    if val.pattern:
        return None
    return text_candidate(val.text, legacy=False, loader=False, ollama=True)


def model_named_call(call: ast.Call) -> bool:
    """A constructor whose name says model (``ModelMeta``, ``ModelSpec``): it names its model
    with ``name=`` or ``id=``."""
    return keys.is_model_key(record_name(call_name(call)))


# Keys that hold a model config's id, and calls that copy a config.
ENTRY_ID_KEYS = frozenset({"path", "repo_id", "model_id", "hf_path", "name_or_path"})
COPIERS = frozenset({"deepcopy", "copy", "dict"})

# Nesting followed inside a model-named container (groups of rows of ids).
MAX_ROW_DEPTH = 3

# A candidate is a literal near its weak name (``teacher = "org/name"``, or one constant away):
# a far smaller search than a loader's argument gets.
WEAK_STEPS = 200
