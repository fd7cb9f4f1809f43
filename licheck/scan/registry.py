"""The extractors a scan uses, in dispatch order: an explicit tuple, no plugin discovery.

A file goes to the first extractor whose ``handles`` accepts its path, so specific kinds
(notebooks, Modelfiles, .env) come before generic ones. Adding a file kind means adding one
instance here. Documentation extractors join only with ``include_docs`` (and are imported only
then: a pre-commit run pays for what it reads).
"""

from __future__ import annotations

from pathlib import PurePosixPath

from licheck.scan.base import Extractor
from licheck.scan.configs import ConfigExtractor
from licheck.scan.envfile import EnvFileExtractor
from licheck.scan.javascript import JavaScriptExtractor
from licheck.scan.modelfile import ModelfileExtractor
from licheck.scan.notebook import NotebookExtractor
from licheck.scan.python import PythonExtractor
from licheck.scan.shell import ShellExtractor
from licheck.scan.urls import UrlExtractor

EXTRACTORS: tuple[Extractor, ...] = (
    PythonExtractor(),
    NotebookExtractor(),
    ModelfileExtractor(),
    EnvFileExtractor(),
    ConfigExtractor(),
    ShellExtractor(),
    JavaScriptExtractor(),
    UrlExtractor(),
)
_WITH_DOCS: list[tuple[Extractor, ...]] = []


def extractors(*, include_docs: bool = False) -> tuple[Extractor, ...]:
    """The extractors for one scan (one tuple per choice, so ``chain.index`` is stable)."""
    if not include_docs:
        return EXTRACTORS
    if not _WITH_DOCS:
        from licheck.scan.docs import DocsExtractor

        _WITH_DOCS.append((*EXTRACTORS, DocsExtractor()))
    return _WITH_DOCS[0]


def extractor_for(chain: tuple[Extractor, ...], path: PurePosixPath) -> Extractor | None:
    """The first extractor in ``chain`` that reads ``path``; None when no extractor does."""
    for extractor in chain:
        if extractor.handles(path):
            return extractor
    return None
