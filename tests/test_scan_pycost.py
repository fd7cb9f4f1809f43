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


def test_a_literal_read_along_many_paths_gives_each_reader_its_own_entries() -> None:
    import ast

    from licheck.scan.pyscope import Tables
    from licheck.scan.pyvalues import Resolver

    tree = ast.parse('MODELS = [m for m in ["org-a/x", "org-b/y"]]\n')
    tables = Tables().build(tree)
    resolver = Resolver(tables)
    value = tree.body[0].value  # type: ignore[attr-defined]
    first = resolver.entries(value, tables.module)
    first.clear()  # a reader that changes its list changes no one else's
    again = resolver.entries(value, tables.module)
    assert len(again) == 1 and isinstance(again[0].value, ast.Name)
    assert sorted(v.text for v in resolver.values(again[0].value, tables.module)) == [
        "org-a/x",
        "org-b/y",
    ]


def test_a_loop_target_bound_in_many_loops_still_resolves() -> None:
    # Every loop over ``regions`` reads the comprehension again (diffusers' mixture_canvas).
    loops = "".join(f"    for region in regions_{i % 2}:\n        load(region)\n" for i in range(8))
    code = (
        'IDS = ["org-a/x", "org-b/y"]\n'
        "def run():\n"
        "    regions_0 = [r for r in IDS]\n"
        "    regions_1 = [r for r in regions_0 if r]\n"
        + loops
        + "    m = AutoModel.from_pretrained(region)\n"
    )
    found = sorted({r.model for r in python_references(code, "app.py")})
    assert found == ["org-a/x", "org-b/y"]
