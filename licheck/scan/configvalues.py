"""Reading one value of a config tree into references, within the walk's budget.

``ValueReader`` holds what a walk over one document collects (its references, its node budget)
and reads leaves: a scalar or list under a model key, a weak candidate, a Hydra sweep, and shell
text's hits placed where they are written. configwalk.py's ``ConfigWalker`` builds on it and
decides, key by key, which of these applies.
"""

from __future__ import annotations

from licheck.records import Reference
from licheck.scan.configtree import CNode
from licheck.scan.literals import Found, literal_candidate, text_candidate, weak_candidate
from licheck.scan.shell import script_hits
from licheck.scan.shellwords import Word
from licheck.scan.text import LineIndex

# Node visits a file's walk may make: at least this many, and at least one per character, which
# no alias-free file can reach (every node takes a character or more), so only expansion does.
MIN_EXPANSION = 100_000
MAX_DEPTH = 100
# A scalar whose text is read also costs one visit per this many characters, so an aliased
# megabyte string is not read a hundred thousand times; a file's own text still fits the budget.
CHARS_PER_VISIT = 64


def expansion_limit(text: str) -> int:
    """How many nodes the walk of ``text`` may visit before the file is refused."""
    return max(MIN_EXPANSION, len(text))


class ExpansionError(Exception):
    """The walk visited more nodes than its budget allows (aliases expanded past the bound)."""


class ValueReader:
    """Leaf reads and the references collected for one parsed document."""

    def __init__(
        self, path: str, lines: LineIndex, kind: str, budget: int, *, embedded: bool = False
    ) -> None:
        self.path = path
        # A document held in a value (chat-ui's MODELS): any Hub id in it is a candidate.
        self.embedded = embedded
        self.lines = lines
        self.kind = kind
        self.budget = budget  # node visits left (see expansion_limit)
        # An aliased node is one place: however often the walk meets it, one reference.
        self.refs: dict[Reference, None] = {}
        self.parsed: set[int] = set()  # command nodes already read as shell (by identity)

    def spend(self, visits: int) -> None:
        """Count ``visits`` more nodes; ExpansionError once the budget is spent."""
        self.budget -= visits
        if self.budget < 0:
            raise ExpansionError

    def emit(
        self,
        node: CNode,
        found: Found | None,
        key: str,
        revision: str | None,
        *,
        weak: bool = False,
    ) -> None:
        if found is None:
            return
        found = found.with_revision(revision)
        self.refs.setdefault(
            Reference(
                self.path,
                node.line,
                node.column,
                found.model,
                found.source,
                found.revision,
                f"{self.kind}:{'candidate:' if weak else ''}{key}",
                candidate=weak,
            )
        )

    def sweep(self, node: CNode, key: str, revision: str | None) -> None:
        """Each id of a comma-separated value, where it is written (the value may span lines)."""
        line = node.line
        for part in (node.value or "").split(","):
            part = part.strip()
            found = text_candidate(part, legacy=False, loader=False) if part else None
            if found is None:
                continue
            line, column = self._placed(part, line, node, node.column)
            self.emit(CNode("scalar", line, column), found, key, revision)

    def weak(self, node: CNode, key: str, revision: str | None) -> None:
        """A candidate: a Hub id under a key that only hints at a model (``repository:``)."""
        if node.kind == "scalar" and node.value:
            self.spend(len(node.value) // CHARS_PER_VISIT)
            read = literal_candidate if key == "literal" else weak_candidate
            self.emit(node, read(node.value), key, revision, weak=True)

    def scalar(
        self,
        node: CNode,
        key: str,
        revision: str | None,
        *,
        legacy: bool,
        ollama: bool = False,
        depth: int = 0,
    ) -> None:
        if node.kind == "scalar" and node.value:
            self.spend(len(node.value) // CHARS_PER_VISIT)
            found = text_candidate(node.value, legacy=legacy, loader=legacy, ollama=ollama)
            if found is None and "," in node.value:  # a Hydra sweep: model: a, b, c
                self.sweep(node, key, revision)
                return
            self.emit(node, found, key, revision)
        elif node.kind == "seq" and depth <= MAX_DEPTH:  # a list holding itself ends here
            self.spend(len(node.elems))
            for elem in node.elems:
                self.scalar(elem, key, revision, legacy=legacy, ollama=ollama, depth=depth + 1)

    def _placed(self, word: str, line: int, node: CNode | None, column: int) -> tuple[int, int]:
        """Where ``word`` is written, from ``line`` on: a quoted scalar folds escaped line
        breaks (``"a && \\`` then ``vllm serve X"``), so its words may sit lines later."""
        for number in range(line, min(line + 50, self.lines.line_count) + 1):
            at = self.lines.line_text(number).find(word)
            if at >= 0:
                return number, at + 1
        return line, node.column if node is not None else column

    def hits(self, script: list[list[Word]], node: CNode | None) -> None:
        for hit in script_hits(script, {}):
            line, column = hit.word.line, hit.word.column + hit.offset
            text = self.lines.line_text(line)
            if node is not None or hit.word.text not in text:
                # Inside a scalar (or a command line given as one argument): the word's real
                # line, which folding may have moved.
                line, column = self._placed(hit.word.text, line, node, hit.word.column)
                column += hit.offset
            leaf = CNode("scalar", line, column)
            key = hit.context.removeprefix("shell:").removeprefix("candidate:")
            self.emit(leaf, hit.found, key, None, weak=hit.weak)
