"""What the Python extractor does for speed changes no answer and leaves the host as it was.

Extraction pauses the cyclic garbage collector while it parses and walks (python.py): no
collection runs meanwhile, and the collector's state is restored after, also on a syntax error.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from licheck.errors import ExtractError
from licheck.scan.python import python_references

# Enough assignments and calls that a collector at a low threshold runs many times.
SOURCE = "".join(
    f'M{i} = "org-{i}/model-{i}"\nm{i} = AutoModel.from_pretrained(M{i})\n' for i in range(300)
)


@pytest.fixture
def eager_collector() -> Iterator[list[str]]:
    """The collector at threshold 10, with every collection's start recorded."""
    started: list[str] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(phase)

    threshold, enabled = gc.get_threshold(), gc.isenabled()
    gc.set_threshold(10)
    gc.enable()
    gc.callbacks.append(record)
    try:
        yield started
    finally:
        gc.callbacks.remove(record)
        gc.set_threshold(*threshold)
        if not enabled:
            gc.disable()


def test_no_collection_runs_during_extraction_and_the_collector_is_back(
    eager_collector: list[str],
) -> None:
    junk = [[] for _ in range(100)]  # the threshold is passed without extraction
    assert eager_collector, "the recording collector never ran"
    eager_collector.clear()
    refs = python_references(SOURCE, "app.py")
    assert len(refs) == 300
    # At most the few the first allocations after re-enabling start (unpaused: 1,140).
    assert len(eager_collector) <= 3
    assert gc.isenabled()
    del junk


def test_a_syntax_error_restores_the_collector(eager_collector: list[str]) -> None:
    with pytest.raises(ExtractError):
        python_references("def f(:\n", "app.py")
    assert gc.isenabled()


def test_a_collector_the_host_disabled_stays_disabled() -> None:
    enabled = gc.isenabled()
    gc.disable()
    try:
        assert len(python_references(SOURCE, "app.py")) == 300
        assert not gc.isenabled()
    finally:
        if enabled:
            gc.enable()
