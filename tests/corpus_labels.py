"""What the two discovery corpora share: reading labels.toml, scoring, listing misses and leaks.

A label is ``"LINE MODEL[@REVISION]"`` under the file's path; ``decoys`` are ids that must never
be reported in that file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from licheck.records import Reference
from licheck.tomlio import read_toml

THRESHOLD = 0.97

Key = tuple[str, int, str, str | None]


def _label(path: str, entry: str) -> Key:
    line, _, model = entry.partition(" ")
    model, _, revision = model.partition("@")
    return path, int(line), model, revision or None


@dataclass(frozen=True)
class Corpus:
    """A labelled folder of files."""

    root: Path
    labels: dict[str, Any]

    @classmethod
    def load(cls, root: Path) -> Corpus:
        """The corpus in ``root`` with its ``labels.toml``."""
        labels, _ = read_toml(root / "labels.toml", AssertionError)
        return cls(root, labels)

    @property
    def expected(self) -> set[Key]:
        """Every labelled reference as (path, line, model, revision)."""
        return {_label(p, e) for p, table in self.labels.items() for e in table["refs"]}

    @property
    def decoy_count(self) -> int:
        """How many decoys the labels list."""
        return sum(len(t["decoys"]) for t in self.labels.values())

    def files(self) -> list[str]:
        """Every file of the corpus except the labels, as sorted POSIX paths."""
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in self.root.rglob("*")
            if p.is_file() and p.name != "labels.toml"
        )

    def leaked(self, found: Iterable[Reference]) -> list[tuple[str, str]]:
        """Decoys that were reported in their file."""
        reported = {(r.path, r.model) for r in found}
        return [
            (path, decoy)
            for path, table in self.labels.items()
            for decoy in table["decoys"]
            if (path, decoy) in reported
        ]


def score(
    name: str, got: set[tuple[object, ...]], expected: set[tuple[object, ...]]
) -> tuple[float, float]:
    """Recall and precision of ``got`` against ``expected``, printed with every miss and extra."""
    hits = got & expected
    recall = len(hits) / len(expected)
    precision = len(hits) / len(got) if got else 0.0
    print(f"\n{name}: {len(expected)} labelled, {len(got)} found")
    print(f"recall {recall:.3f}  precision {precision:.3f}")
    for miss in sorted(expected - got, key=str):
        print("  missed:", miss)
    for extra in sorted(got - expected, key=str):
        print("  unexpected:", extra)
    return recall, precision
