"""Recall and precision of the whole scan against the labelled corpus in tests/corpus."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from licheck.records import Reference
from licheck.scan import scan
from tests.corpus_labels import THRESHOLD, Corpus, score

CORPUS = Path(__file__).parent / "corpus"
LABELS = Corpus.load(CORPUS)
EXPECTED = LABELS.expected


@pytest.fixture(scope="module")
def found() -> tuple[Reference, ...]:
    result = scan(CORPUS, include_docs=True, exclude=["labels.toml"])
    assert result.skipped == ()
    return result.references


def test_corpus_is_big_and_varied_enough() -> None:
    files = LABELS.files()
    assert len(files) >= 40
    assert files == sorted(LABELS.labels)
    assert len(EXPECTED) >= 195  # a constant read by several loaders is one reference
    assert LABELS.decoy_count >= 60
    kinds = {PurePosixPath(p).suffix or PurePosixPath(p).name for p in LABELS.labels}
    for kind in (".py", ".ipynb", ".yaml", ".yml", ".json", ".toml", ".sh", ".ps1", ".env"):
        assert kind in kinds, kind
    for kind in ("Dockerfile", "Makefile", "Modelfile", ".md", ".rst", ".txt", ".example"):
        assert kind in kinds, kind


def test_recall_and_precision(found: tuple[Reference, ...]) -> None:
    got: set[tuple[object, ...]] = {(r.path, r.line, r.model, r.revision) for r in found}
    recall, precision = score("corpus", got, set(EXPECTED))
    assert recall >= THRESHOLD
    assert precision >= THRESHOLD


def test_no_decoy_is_ever_reported(found: tuple[Reference, ...]) -> None:
    assert LABELS.leaked(found) == []


def test_docs_references_are_marked(found: tuple[Reference, ...]) -> None:
    docs = {r.path for r in found if r.docs}
    assert docs == {"docs/models.md", "docs/deploy.rst"}
    assert not any(
        r.path.startswith("docs/") for r in scan(CORPUS, exclude=["labels.toml"]).references
    )
