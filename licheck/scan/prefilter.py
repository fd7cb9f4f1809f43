"""Byte-level prefilters: does a file mention any of an extractor's trigger words at all?

The scan asks this of every file before decoding or parsing it, so on a large tree it is the
hottest code licheck runs. With ``ahocorasick_rs`` installed (the optional ``fast`` extra,
``pip install 'licheck[fast]'``), one ``Triggers`` search is a single SIMD multi-literal pass
(GB/s, as ripgrep does it); without it, one ``in`` test per trigger word (each fast, but the
passes add up). Both give the same answer (tests/test_scan_speed.py runs a scan both ways). This
module only answers "could this file hold a reference"; it never decodes, parses or judges what
it finds.
"""

from __future__ import annotations

from collections.abc import Callable

try:
    from ahocorasick_rs import BytesAhoCorasick, MatchKind
except ImportError:  # the optional accelerator is not installed
    BytesAhoCorasick = None  # type: ignore[assignment,misc]


def _plain(needles: tuple[bytes, ...]) -> Callable[[bytes], bool]:
    def search(data: bytes) -> bool:
        return any(needle in data for needle in needles)

    return search


def _automaton(needles: tuple[bytes, ...]) -> Callable[[bytes], bool]:
    # Leftmost-first lets the library use its packed SIMD searcher; any match at all will do.
    find = BytesAhoCorasick(needles, matchkind=MatchKind.LeftmostFirst).find_matches_as_indexes

    def search(data: bytes) -> bool:
        return bool(find(data))

    return search


class Triggers:
    """A fixed set of byte strings, searched for all at once."""

    def __init__(self, *needles: bytes) -> None:
        if not needles or not all(needles):
            raise ValueError("a prefilter needs at least one non-empty trigger")
        self.needles = needles
        self.search: Callable[[bytes], bool] = (
            _automaton(needles) if BytesAhoCorasick is not None else _plain(needles)
        )

    def __add__(self, other: Triggers) -> Triggers:
        return Triggers(*self.needles, *(n for n in other.needles if n not in self.needles))

    def __repr__(self) -> str:
        return f"Triggers{self.needles!r}"


def plain_search(triggers: Triggers) -> Callable[[bytes], bool]:
    """The accelerator-free search for the same words (tests compare the two)."""
    return _plain(triggers.needles)
