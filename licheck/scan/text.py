"""Small text helpers the extractors share: offsets to line/column, and string token scanning.

Positions are 1-based and counted in characters (not bytes), as editors show them. Nothing here
knows about models.
"""

from __future__ import annotations

from bisect import bisect_right


class LineIndex:
    """Maps character offsets in a text to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts: list[int] | None = None

    @property
    def _starts(self) -> list[int]:
        # Built on first use: most parsed files report nothing and never ask for a position.
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) of ``offset``."""
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """The character offset of a 1-based (line, column)."""
        line = min(max(line, 1), len(self._starts))
        return self._starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if line < 1 or line > len(self._starts):
            return ""
        start = self._starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end]

    @property
    def line_count(self) -> int:
        """How many lines the text has."""
        return len(self._starts)

    def column_of(self, line: int, needle: str, default: int = 1) -> int:
        """The 1-based column where ``needle`` first appears on ``line``, else ``default``."""
        found = self.line_text(line).find(needle)
        return found + 1 if found >= 0 else default


def words(text: str) -> frozenset[str]:
    """A set from a space-separated literal (keeps long vocabularies compact)."""
    return frozenset(text.split())


def talks_to_ollama(text: str) -> bool:
    """Whether ``text`` names Ollama or its port (an OpenAI client pointed at localhost:11434):
    there, a model value with a tag after its name (``gemma3:1b``) is an Ollama model."""
    # Two substring tests on a lowered copy: three times faster than a case-blind regex on
    # every parsed file, with the same answers (no character lowers into these letters).
    return ":11434" in text or "ollama" in text.lower()
