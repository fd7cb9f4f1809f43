"""The state one parsed Python module's reads share: tables, resolver, and reference building.

``ModuleBase`` holds what every group of reads needs (the symbol tables, the value resolver, the
file's positions) and builds each Reference; the reads themselves are mixins on it (pycalls.py,
pydata.py, pydefs.py), joined in python.py. Never imports or runs the scanned code.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from licheck.records import Reference, Source, Use
from licheck.scan.literals import Found, candidate, text_candidate, weak_candidate
from licheck.scan.pyformat import Val
from licheck.scan.pyhints import ST_MODULES, WEAK_STEPS
from licheck.scan.pyscope import Binding, Scope, Tables
from licheck.scan.pyvalues import Resolver
from licheck.scan.text import LineIndex, talks_to_ollama

# Position mapper for code embedded in another file (notebook cells, Markdown fences).
LineMap = Callable[[int, int], tuple[int, int]]


class ModuleBase:
    """One parsed module: its tables, resolver and positions."""

    def __init__(
        self,
        tree: ast.Module,
        path: str,
        lines: LineIndex,
        line_map: LineMap | None,
        *,
        ollama: bool | None = None,
    ):
        self.path = path
        self._ollama = ollama  # None: read from the text when first asked (``ollama``)
        self.lines = lines
        self.line_map = line_map
        self.tables = Tables().build(tree)
        self._saved: set[str] | None = None
        self._st: bool | None = None
        # The bindings of names that say model and of names that hint at one (pydefs.py).
        self._named: tuple[list[Binding], list[Binding]] | None = None
        self.resolver = Resolver(self.tables)
        self.imported_from = self.tables.imported_from

    @property
    def ollama(self) -> bool:
        """Whether the module talks to Ollama (says so anywhere in its text): asked of few
        modules, and the question lowers a copy of the whole text."""
        if self._ollama is None:
            self._ollama = talks_to_ollama(self.lines.text)
        return self._ollama

    def position(self, line: int, col_offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of an ast position, in the file's own coordinates."""
        raw = self.lines.line_text(line)
        column = col_offset
        if not raw.isascii():  # ast columns count UTF-8 bytes
            column = len(raw.encode()[:col_offset].decode(errors="ignore"))
        if self.line_map is not None:
            return self.line_map(line, column + 1)
        return line, column + 1

    def ref(
        self,
        node: ast.expr,
        found: Found,
        context: str,
        val: Val | None = None,
        *,
        weak: bool = False,
    ) -> Reference:
        """A reference at the literal ``val`` came from (else at ``node``), used at ``node``;
        ``weak`` makes it a candidate for the Hub to confirm."""
        context = f"python:{context}"
        used_at = self.position(node.lineno, node.col_offset)
        written_at = self.position(*val.at) if val is not None and val.at is not None else used_at
        uses = (Use(*used_at, context),) if written_at != used_at else ()
        return Reference(
            self.path,
            *written_at,
            found.model,
            found.source,
            found.revision,
            context,
            uses=uses,
            candidate=weak,
        )

    def weak(self, node: ast.expr, scope: Scope, context: str) -> Iterator[Reference]:
        """Candidates among the values of ``node``: Hub ids in a context no rule names.

        Reading them consumes nothing: a model-named definition they reach is still reported
        where it is defined when no loader reads it.
        """
        with self.resolver.tentatively(limit=WEAK_STEPS):
            values = self.resolver.values(node, scope)
        for val in values:
            found = None if val.pattern else weak_candidate(val.text)
            if found is not None:
                yield self.ref(node, found, f"candidate:{context}", val, weak=True)

    def _models(
        self,
        node: ast.expr,
        scope: Scope,
        context: str,
        *,
        revision: str | None = None,
        tag: Callable[[Val], Found | None] | None = None,
    ) -> Iterator[Reference]:
        """Each value of ``node`` that names a model (local paths aside), at its literal;
        ``tag`` reads a value no Hub rule takes as an Ollama tag."""
        for val in self.resolver.values(node, scope):
            found = candidate(val, loader=None, legacy=True)
            if found is None and tag is not None:
                found = tag(val)
            if found is not None and found.source != Source.LOCAL:
                yield self.ref(node, found.with_revision(revision), context, val)

    def _tag(self, val: Val) -> Found | None:
        """An Ollama tag with its size or quantisation (``user/model:Q8_0``), in a module that
        talks to Ollama (says so anywhere: an OpenAI client pointed at Ollama's port)."""
        if ":" not in val.text or val.pattern or not self.ollama:
            return None
        return text_candidate(val.text, legacy=False, loader=False, ollama=True)

    def _ollama_client(self) -> bool:
        """Whether this module imports from the ollama package."""
        return any(m == "ollama" or m.startswith("ollama.") for m in self.imported_from.values())

    def _sentence_transformers(self) -> bool:
        """Whether this module imports from sentence-transformers or SetFit (asked once)."""
        if self._st is None:
            self._st = any(m.startswith(ST_MODULES) for m in self.imported_from.values())
        return self._st
