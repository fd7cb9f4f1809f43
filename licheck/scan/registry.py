"""The extractors a scan uses, in dispatch order: an explicit tuple, no plugin discovery.

A file goes to the first extractor whose ``handles`` accepts its path, so specific kinds
(notebooks, Modelfiles, .env) come before generic ones. Adding a file kind means adding one
entry here and its predicate in kinds.py. An extractor's module (its parser, vocabulary and
patterns) is imported when a file of its kind is first screened or read, not before: a warm
re-scan answered from the scan cache, or a pre-commit run on a few files, pays only for the
kinds it reads. Documentation extractors join only with ``include_docs``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from licheck.records import Reference
from licheck.scan import kinds
from licheck.scan.base import Extractor, SourceFile


class Deferred:
    """An extractor known by its name and file kind until it first screens or reads a file;
    then ``module.attribute`` is imported and instantiated, and does the work."""

    def __init__(self, name: str, module: str, attribute: str) -> None:
        self.name = name
        self.handles = kinds.BY_NAME[name]
        self._where = (module, attribute)
        self._loaded: Extractor | None = None

    def load(self) -> Extractor:
        """The extractor itself (imported on the first call)."""
        if self._loaded is None:
            module, attribute = self._where
            self._loaded = getattr(importlib.import_module(module), attribute)()
        return self._loaded

    def quick_check(self, data: bytes) -> bool:
        """The extractor's prefilter."""
        return self.load().quick_check(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """The extractor's references."""
        return self.load().extract(file)

    def __repr__(self) -> str:
        return f"Deferred({self.name!r})"


def _deferred(name: str, module: str, attribute: str) -> Deferred:
    return Deferred(name, f"licheck.scan.{module}", attribute)


EXTRACTORS: tuple[Deferred, ...] = (
    _deferred("python", "python", "PythonExtractor"),
    _deferred("notebook", "notebook", "NotebookExtractor"),
    _deferred("modelfile", "modelfile", "ModelfileExtractor"),
    _deferred("env", "envfile", "EnvFileExtractor"),
    _deferred("config", "configs", "ConfigExtractor"),
    _deferred("shell", "shell", "ShellExtractor"),
    _deferred("javascript", "javascript", "JavaScriptExtractor"),
    _deferred("url", "urls", "UrlExtractor"),
)
_WITH_DOCS = (*EXTRACTORS, _deferred("docs", "docs", "DocsExtractor"))


def extractors(*, include_docs: bool = False) -> tuple[Deferred, ...]:
    """The extractors for one scan (one tuple per choice, so ``chain.index`` is stable)."""
    return _WITH_DOCS if include_docs else EXTRACTORS


def load(chain: tuple[Deferred, ...]) -> None:
    """Import every extractor of ``chain`` now (before forking workers, which would otherwise
    each import them again)."""
    for extractor in chain:
        extractor.load()


def extractor_for(chain: tuple[Extractor, ...], path: PurePosixPath) -> Extractor | None:
    """The first extractor in ``chain`` that reads ``path``; None when no extractor does."""
    for extractor in chain:
        if extractor.handles(path):
            return extractor
    return None


def chooser(chain: tuple[Extractor, ...]) -> Callable[[str], Extractor | None]:
    """``extractor_for`` of a relative POSIX path, for a walk that asks it of every file.

    kinds.py tells a file by its name alone, so the answer is worked out once per file name
    (``__init__.py``, ``config.yaml``), and from the name, not the whole path, which a warm
    re-scan would otherwise parse into a ``PurePosixPath`` once per file.
    """
    known: dict[str, Extractor | None] = {}

    def choose(rel: str) -> Extractor | None:
        name = rel.rpartition("/")[2]
        if name not in known:
            known[name] = extractor_for(chain, PurePosixPath(name))
        return known[name]

    return choose
