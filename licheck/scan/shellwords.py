"""Split shell-like text into commands of positioned words, and collect variable assignments.

Good enough for scripts, Dockerfiles, Makefiles, PowerShell and CI ``run:`` blocks: quotes,
``\\`` continuations, comments and ``; && || |`` separators, and the bounds of ``for`` loops. It
is not a shell: nothing is expanded except the variables this file itself assigns, and nothing
is ever executed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from licheck.scan.text import LineIndex


@dataclass(frozen=True)
class Word:
    """One word with quotes removed, and where it starts (1-based)."""

    text: str
    line: int
    column: int
    raw: str = field(default="", compare=False)  # as written, quotes and all

    def column_at(self, offset: int) -> int:
        """The column of ``text[offset]`` as written: quotes before it take room too."""
        if offset == 0 or not self.raw or self.raw == self.text:
            return self.column + offset
        seen, quote = 0, ""
        for i, char in enumerate(self.raw):  # the same walk as ``unquote``
            if quote and char == quote:
                quote = ""
            elif not quote and char in "\"'":
                quote = char
            elif seen == offset:
                return self.column + i
            else:
                seen += 1
        return self.column + offset


@dataclass(frozen=True)
class ForLoop:
    """``for NAME in ITEMS...``: the loop variable and the words it takes in turn."""

    name: str
    items: tuple[Word, ...]


@dataclass(frozen=True)
class Assignment:
    """``NAME=value`` in any of the supported dialects, with the value's position."""

    name: str
    value: str
    line: int
    column: int


_WORD = re.compile(
    r"""(?:\$\([^)\s]*\)|\$\{[^}\s]*\}|[^\s"'`;&|()#]+|"(?:[^"\\]|\\.)*"|'[^']*'|`[^`]*`|#)+"""
    r"|[;&|()]+|\n"
)
# Dockerfile exec form: RUN/CMD/ENTRYPOINT ["prog", "--flag", "value"].
_EXEC_FORM = re.compile(r"^([ \t]*(?:RUN|CMD|ENTRYPOINT)[ \t]+)(\[.*\])[ \t]*$", re.MULTILINE)


def _unbracket(match: re.Match[str]) -> str:
    """The JSON array's brackets and commas as spaces, so its strings read as words."""
    out, quote, escaped = [], False, False
    for char in match.group(2):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quote = False
        elif char == '"':
            quote = True
        out.append(" " if not quote and char in "[]," else char)
    return match.group(1) + "".join(out)


_ASSIGN = re.compile(
    r"^\s*(?:export\s+|ENV\s+|ARG\s+|set\s+|readonly\s+|local\s+|declare\s+(?:-\w+\s+)?)?"
    r"\$?(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:\?=|:=|\+=|=)\s*(\S.*)?$"
)
_DOCKER_ENV_SPACE = re.compile(r"^\s*(?:ENV|ARG)\s+([A-Za-z_][A-Za-z0-9_]*)\s+([^=\s]\S*)\s*$")
_VARIABLE = re.compile(
    r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$\(([A-Za-z_][A-Za-z0-9_]*)\)"
    r"|\$env:([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)|%([A-Za-z_][A-Za-z0-9_]*)%"
)


def unquote(word: str) -> str:
    """Remove shell quoting: ``--model="a b"`` -> ``--model=a b``."""
    if not any(q in word for q in "\"'`"):
        return word
    out = []
    quote = ""
    for char in word:
        if quote:
            if char == quote:
                quote = ""
            else:
                out.append(char)
        elif char in "\"'":
            quote = char
        else:
            out.append(char)
    return "".join(out)


def commands(text: str, first_line: int = 1) -> Iterator[list[Word]]:
    """The commands in ``text`` as lists of words (lines counted from ``first_line``)."""
    # A continuation becomes two spaces so offsets, and thus positions, stay true.
    joined = text.replace("\\\r\n", "   ").replace("\\\n", "  ")
    joined = joined.replace("`\r\n", "   ").replace("`\n", "  ")
    joined = _EXEC_FORM.sub(_unbracket, joined)
    lines = LineIndex(text)  # same offsets: continuations were replaced length for length
    current: list[Word] = []
    at = 0
    while (match := _WORD.search(joined, at)) is not None:
        token = match.group(0)
        start = match.start()
        at = match.end()
        if token.startswith("#") and (start == 0 or joined[start - 1].isspace()):
            # A comment runs to the end of its line: its words (and an apostrophe in them,
            # "vLLM's") must not open a quote that swallows the commands below.
            end = joined.find("\n", start)
            if current:
                yield current
            current = []
            if end == -1:
                break
            at = end
            continue
        if token == "\n" or token[0] in ";&|()":
            if current:
                yield current
            current = []
            continue
        line, column = lines.position(match.start())
        current.append(Word(unquote(token), line + first_line - 1, column, token))
    if current:
        yield current


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LOOP_OPENERS = frozenset({"for", "while", "until", "select"})
# Words that may stand before a command without being it (``do hf download``, ``RUN for``).
_LEADERS = frozenset({"do", "then", "else", "RUN"})


def _lead(words: Sequence[Word]) -> int:
    return next((i for i, w in enumerate(words) if w.text not in _LEADERS), len(words))


def for_loop(words: Sequence[Word]) -> ForLoop | None:
    """The loop ``words`` open when they are ``for NAME in ...`` (``RUN for`` in a Dockerfile)."""
    i = _lead(words)
    texts = [w.text for w in words[i : i + 3]]
    if len(texts) == 3 and texts[0] == "for" and _NAME.fullmatch(texts[1]) and texts[2] == "in":
        return ForLoop(texts[1], tuple(words[i + 3 :]))
    return None


def loop_end(commands: Sequence[Sequence[Word]], start: int) -> int:
    """The index of the ``done`` closing the loop ``commands[start]`` opens (the end if none)."""
    depth = 0
    for i in range(start, len(commands)):
        words = commands[i]
        first = words[_lead(words)].text if _lead(words) < len(words) else ""
        if first in _LOOP_OPENERS:
            depth += 1
        elif first == "done":
            depth -= 1
            if depth == 0:
                return i
    return len(commands)


def key_values(text: str, start: int = 0) -> Iterator[tuple[int, str, str]]:
    """``a=1,b=2`` from ``start``: each value's offset in ``text``, its key and the value."""
    offset = start
    for piece in text[start:].split(","):
        key, eq, value = piece.partition("=")
        if eq and value:
            yield offset + len(piece) - len(value), key.strip(), value
        offset += len(piece) + 1


def assignments(text: str) -> Iterator[Assignment]:
    """Every ``NAME=value`` style assignment, one per line (first word of the value)."""
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _DOCKER_ENV_SPACE.match(raw) or _ASSIGN.match(raw)
        if match is None or not match.group(2):
            continue
        if (
            match.re is _ASSIGN
            and raw.lstrip().upper().startswith("ENV ")
            and " " in match.group(2)
        ):
            yield from _docker_env_pairs(raw, number)
            continue
        rest = match.group(2).strip()
        words = list(commands(rest))
        if not words or not words[0]:
            continue
        value = words[0][0].text
        column = raw.find(rest) + words[0][0].column
        yield Assignment(match.group(1), value, number, column)


@dataclass(frozen=True)
class Array:
    """``NAME=(item item ...)`` on one line: the name and each item with its position."""

    name: str
    items: tuple[Word, ...]


_ARRAY = re.compile(r"^\s*(?:declare\s+-a\s+|local\s+|readonly\s+)?([A-Za-z_]\w*)=\(([^()]*)\)")


_ARRAY_OPEN = re.compile(r"^\s*(?:declare\s+-a\s+|local\s+|readonly\s+)?([A-Za-z_]\w*)=\(\s*$")
_MAX_ARRAY_LINES = 500


def arrays(text: str) -> Iterator[Array]:
    """Every bash array assignment, items unquoted, each item at its own line and column: on
    one line (``models=(a b)``) or one item per line up to the closing parenthesis."""
    if "=(" not in text:
        return
    lines = text.splitlines()
    for number, raw in enumerate(lines, start=1):
        match = _ARRAY.match(raw)
        if match is not None:
            start = match.start(2)
            items: list[Word] = []
            for cmd in commands(match.group(2)):
                for word in cmd:
                    items.append(Word(word.text, number, start + word.column))
            yield Array(match.group(1), tuple(items))
            continue
        opened = _ARRAY_OPEN.match(raw)
        if opened is None:
            continue
        items = []
        for offset, body in enumerate(lines[number : number + _MAX_ARRAY_LINES], start=1):
            text_part = body.split("#", 1)[0]
            done = ")" in text_part
            for cmd in commands(text_part.split(")", 1)[0]):
                for word in cmd:
                    items.append(Word(word.text, number + offset, word.column))
            if done:
                break
        yield Array(opened.group(1), tuple(items))


def _docker_env_pairs(raw: str, number: int) -> Iterator[Assignment]:
    for cmd in commands(raw):
        for word in cmd[1:]:
            name, eq, value = word.text.partition("=")
            if eq and value and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                yield Assignment(name, value, number, word.column + len(name) + 1)


def expand(word: str, variables: dict[str, str]) -> tuple[str, set[str], bool]:
    """``word`` with known variables filled in; also the names used and whether all were known.

    Unknown variables become ``{NAME}`` holes (a family pattern, not a guess).
    """
    used: set[str] = set()
    complete = True

    def fill(match: re.Match[str]) -> str:
        nonlocal complete
        name = next(g for g in (match.group(1), *match.groups()[2:]) if g)
        used.add(name)
        if name in variables:
            return variables[name]
        if match.group(2) is not None:
            return match.group(2)
        complete = False
        return "{" + name + "}"

    return _VARIABLE.sub(fill, word), used, complete
