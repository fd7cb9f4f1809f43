"""The extractor interface every file kind implements.

An extractor gets the decoded text of one file and yields ``Reference`` records. It must never
import or execute the scanned code, and it raises ``ExtractError`` (never anything else) when
the file cannot be understood; the walker turns that into a ``Skipped`` entry.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Protocol

from licheck.records import Reference, Use


@dataclass(frozen=True)
class SourceFile:
    """A file handed to an extractor: path relative to the scan root, and its text."""

    path: str
    text: str

    @property
    def pure(self) -> PurePosixPath:
        """The relative path as a PurePosixPath, for suffix and name checks."""
        return PurePosixPath(self.path)


class Extractor(Protocol):
    """One file kind's reader."""

    name: str

    def handles(self, path: PurePosixPath) -> bool:
        """Whether this extractor reads files at ``path`` (relative to the root)."""

    def quick_check(self, data: bytes) -> bool:
        """Cheap byte-level test: False means the file cannot hold a reference (skip parsing)."""

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """Yield every model reference in ``file``; raise ExtractError if it cannot be read."""


def merge_uses(refs: Iterable[Reference]) -> list[Reference]:
    """One reference per model and revision at one place, carrying the uses of all of them
    (a variable or constant written once and loaded in several places)."""
    at: dict[tuple[int, int, str, str | None], int] = {}
    out: list[Reference] = []
    uses: list[set[Use]] = []  # gathered, then sorted once: a literal may have thousands
    for ref in refs:
        key = (ref.line, ref.column, ref.model, ref.revision)
        if key not in at:
            at[key] = len(out)
            out.append(ref)
            uses.append(set(ref.uses))
            continue
        index = at[key]
        if out[index].candidate and not ref.candidate:  # a rule's word outranks a weak context
            out[index] = ref
        uses[index].update(ref.uses)
    return [
        replace(ref, uses=tuple(sorted(found))) if found != set(ref.uses) else ref
        for ref, found in zip(out, uses, strict=True)
    ]


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile; a collector the host had disabled stays so.

    Parsers allocate a node per token and extractors a record per binding, nearly all freed by
    reference counting: the collector's passes at its default threshold cost diffusers'
    extraction 1.22x the CPU (one process, best of three each way).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
