"""Recall and precision of the whole scan against the labelled corpus in tests/corpus."""

from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

import pytest

from licheck.models import Reference
from licheck.scan import scan

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CORPUS = Path(__file__).parent / "corpus"
LABELS = tomllib.loads((CORPUS / "labels.toml").read_text(encoding="utf-8"))
THRESHOLD = 0.97

Key = tuple[str, int, str, str | None]


def _label(path: str, entry: str) -> Key:
    line, _, model = entry.partition(" ")
    model, _, revision = model.partition("@")
    return path, int(line), model, revision or None


EXPECTED = {_label(path, e) for path, table in LABELS.items() for e in table["refs"]}


@pytest.fixture(scope="module")
def found() -> tuple[Reference, ...]:
    result = scan(CORPUS, include_docs=True, exclude=["labels.toml"])
    assert result.skipped == ()
    return result.references


def test_corpus_is_big_and_varied_enough() -> None:
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.name != "labels.toml"]
    assert len(files) >= 40
    assert sorted(str(p.relative_to(CORPUS).as_posix()) for p in files) == sorted(LABELS)
    assert len(EXPECTED) >= 200
    assert sum(len(t["decoys"]) for t in LABELS.values()) >= 60
    kinds = {PurePosixPath(p).suffix or PurePosixPath(p).name for p in LABELS}
    for kind in (".py", ".ipynb", ".yaml", ".yml", ".json", ".toml", ".sh", ".ps1", ".env"):
        assert kind in kinds, kind
    for kind in ("Dockerfile", "Makefile", "Modelfile", ".md", ".rst", ".txt", ".example"):
        assert kind in kinds, kind


def test_recall_and_precision(found: tuple[Reference, ...]) -> None:
    got = {(r.path, r.line, r.model, r.revision) for r in found}
    hits = got & EXPECTED
    recall = len(hits) / len(EXPECTED)
    precision = len(hits) / len(got) if got else 0.0
    print(f"\ncorpus: {len(EXPECTED)} labelled, {len(got)} found")
    print(f"recall {recall:.3f}  precision {precision:.3f}")
    for miss in sorted(EXPECTED - got, key=str):
        print("  missed:", miss)
    for extra in sorted(got - EXPECTED, key=str):
        print("  unexpected:", extra)
    assert recall >= THRESHOLD
    assert precision >= THRESHOLD


def test_no_decoy_is_ever_reported(found: tuple[Reference, ...]) -> None:
    reported = {(r.path, r.model) for r in found}
    leaked = [
        (path, decoy)
        for path, t in LABELS.items()
        for decoy in t["decoys"]
        if (path, decoy) in reported
    ]
    assert leaked == []


def test_docs_references_are_marked(found: tuple[Reference, ...]) -> None:
    docs = {r.path for r in found if r.docs}
    assert docs == {"docs/models.md", "docs/deploy.rst"}
    assert not any(
        r.path.startswith("docs/") for r in scan(CORPUS, exclude=["labels.toml"]).references
    )
