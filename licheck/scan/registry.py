"""The extractors a scan uses, in dispatch order: an explicit tuple, no plugin discovery.

A file goes to the first extractor whose ``handles`` accepts its path, so specific kinds
(notebooks, Modelfiles, .env) come before generic ones. Adding a file kind means adding one
instance here. Documentation extractors join only with ``include_docs``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from licheck.scan.base import Extractor
from licheck.scan.configs import ConfigExtractor
from licheck.scan.docs import DocsExtractor
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
DOCS_EXTRACTORS: tuple[Extractor, ...] = (DocsExtractor(),)


def extractors(*, include_docs: bool = False) -> tuple[Extractor, ...]:
    """The extractors for one scan."""
    return EXTRACTORS + DOCS_EXTRACTORS if include_docs else EXTRACTORS


def extractor_for(chain: tuple[Extractor, ...], path: PurePosixPath) -> Extractor | None:
    """The first extractor in ``chain`` that reads ``path``; None when no extractor does."""
    for extractor in chain:
        if extractor.handles(path):
            return extractor
    return None
