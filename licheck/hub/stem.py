"""The family stem of a Hub repo name: the name without its size and variant suffixes.

``Qwen2.5-7B-Instruct`` -> ``Qwen2.5``, ``Mistral-7B-Instruct-v0.3`` -> ``Mistral``,
``DeepSeek-R1-Distill-Qwen-7B`` -> ``DeepSeek-R1``. The stem is cut at the first ``-``/``_``
token that names a size (``7B``, ``8x7B``, ``A22B``, ``4k``), a version or date stamp
(``v0.3``, ``2407``), a tuning or packaging variant (``Instruct``, ``it``, ``GGUF``, ``AWQ``)
or a size word (``mini``, ``large``). Bare numbers (``Llama-3.1``, ``gemma-2``) and upper-case
``V3`` (``DeepSeek-V3``, a model name, not a revision) stay. Pure string work: no I/O.
"""

from __future__ import annotations

import re

from licheck.model_id import ModelId

_SEPARATOR = re.compile(r"([-_])")
_SIZE = re.compile(
    r"""
    \d+(\.\d+)?[bmkt]          # 7B, 0.5B, 125m, 4k (context), 1T
    | \d+x\d+(\.\d+)?[bm]      # 8x7B
    | a\d+(\.\d+)?b            # A22B: active parameters of a mixture of experts
    | \d+e                     # 16E: number of experts
    | \d{4}                    # 2407, 0324: date-stamped releases
    | \d+bit | int\d+ | fp\d+ | bf16 | q\d\w*   # quantisation formats
    """,
    re.IGNORECASE | re.VERBOSE,
)
_VERSION = re.compile(r"v\d+(\.\d+)*")  # lower-case only: v0.3, v01, v1.5
_TUNING = ("instruct", "chat", "it", "pt", "base", "hf", "ft", "sft", "dpo", "orpo", "rlhf")
_PACKAGING = ("gguf", "ggml", "awq", "gptq", "exl2", "mlx", "onnx", "bnb", "ct2", "quantized")
_SIZE_WORDS = ("tiny", "nano", "micro", "mini", "small", "medium", "large", "xl", "xxl", "huge")
_VARIANTS = frozenset((*_TUNING, "distill", "preview", *_PACKAGING, *_SIZE_WORDS))


def _cuts(token: str) -> bool:
    return bool(token.lower() in _VARIANTS or _SIZE.fullmatch(token) or _VERSION.fullmatch(token))


def family_stem(name: str) -> str:
    """The family stem of a repo name (the part after ``namespace/`` if an id is given)."""
    base = ModelId(name).name
    parts = _SEPARATOR.split(base)  # tokens at even indexes, separators at odd ones
    end = 1
    while end < len(parts) // 2 + 1 and not _cuts(parts[2 * end]):
        end += 1
    return "".join(parts[: 2 * end - 1]) or base


def same_family(stem: str, other: str) -> bool:
    """Whether repo name ``other`` belongs to the family ``stem``.

    A search for ``Qwen2`` also finds ``Qwen2.5-...``; only equal stems are one family. A
    publisher prefix is allowed (``Meta-Llama-3.1-8B`` belongs to ``Llama-3.1``).
    """
    theirs = family_stem(other).lower()
    mine = stem.lower()
    return theirs == mine or theirs.endswith(f"-{mine}") or theirs.endswith(f"_{mine}")
