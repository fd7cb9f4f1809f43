"""Which of a repository's files ``licheck preserve`` keeps, and what kind of file each is.

By default: the card (``README.md``), the terms (``LICENSE*``, ``LICENCE*``, ``COPYING*``,
``NOTICE*``, ``USE_POLICY*`` and every ``*.md``), and the config and tokenizer files; with
``--weights`` also ``*.safetensors``, ``*.gguf``, ``*.bin``, ``*.pt`` and ``*.pth``. The
built-in patterns match a file's base name in any case, at any depth. ``--include`` globs add
files and ``--exclude`` globs drop them; both match the whole path the way huggingface_hub's
``allow_patterns`` do (``fnmatch``, where ``*`` also crosses ``/``, and ``dir/`` means
``dir/*``). Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("terms", ("license*", "licence*", "copying*", "notice*", "use_policy*", "*.md")),
    (
        "tokenizer",
        (
            "tokenizer*",
            "vocab*",
            "merges.txt",
            "special_tokens_map.json",
            "added_tokens.json",
            "*.tiktoken",
            "spiece.model",
            "sentencepiece*.model",
        ),
    ),
    (
        "config",
        (
            "config.json",
            "*config*.json",
            "params.json",
            "model_index.json",
            "modules.json",
            "*.index.json",
            "chat_template*",
        ),
    ),
)
WEIGHTS = ("*.safetensors", "*.gguf", "*.bin", "*.pt", "*.pth")


def _glob(pattern: str) -> str:
    # huggingface_hub's filter_repo_objects reads a trailing "/" as "everything in that folder".
    return pattern + "*" if pattern.endswith("/") else pattern


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(path, _glob(p)) for p in patterns)


@dataclass(frozen=True)
class Selection:
    """What one run asks to keep: metadata always, weights on request, plus user globs."""

    weights: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def kind(self, path: str) -> str | None:
        """``card``, ``terms``, ``tokenizer``, ``config``, ``weights`` or ``include`` for a file
        this selection keeps; None for one it leaves out."""
        if _matches(path, self.exclude):
            return None
        if path == "README.md":
            return "card"
        base = path.rsplit("/", 1)[-1].lower()
        for kind, patterns in KINDS:
            if any(fnmatchcase(base, p) for p in patterns):
                return kind
        if self.weights and any(fnmatchcase(base, p) for p in WEIGHTS):
            return "weights"
        if _matches(path, self.include):
            return "include"
        return None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as the manifest records it (globs sorted, each once)."""
        return {
            "weights": self.weights,
            "include": sorted(set(self.include)),
            "exclude": sorted(set(self.exclude)),
        }

    @classmethod
    def from_dict(cls, data: Any) -> Selection | None:
        """The selection a manifest recorded; None when the record is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("weights"), bool):
            return None
        include, exclude = _globs(data.get("include")), _globs(data.get("exclude"))
        if include is None or exclude is None:
            return None
        return cls(data["weights"], include, exclude)


def _globs(value: Any) -> tuple[str, ...] | None:
    if not isinstance(value, list) or not all(isinstance(g, str) for g in value):
        return None
    return tuple(value)
