"""Jupyter notebooks: code cells through the Python extractor, reported at the .ipynb line.

All code cells are joined into one module so a constant set in one cell resolves in a later
one; if that does not parse, each cell is tried alone and the broken ones are left out (a
notebook often holds IPython-only syntax). ``!`` lines and ``%%bash`` cells go through the
shell rules, ``%env NAME=value`` is read as an assignment, and the Python under ``%%time`` (and
after ``%time``) is read as code. Markdown cells and outputs are not read. Never executes a cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from licheck.errors import ExtractError
from licheck.records import Reference
from licheck.scan import kinds
from licheck.scan.base import SourceFile
from licheck.scan.configtree import CNode
from licheck.scan.configwalk import node_for
from licheck.scan.jsonpos import parse_json
from licheck.scan.prefilter import Triggers
from licheck.scan.python import TRIGGERS as PYTHON_TRIGGERS
from licheck.scan.python import dedupe, parse, python_references
from licheck.scan.shell import shell_references

_MAGIC_ASSIGN = re.compile(r"^\s*[\w, ]+=\s*[!%]")
# Cell magics whose body is Python (``%%time``): the magic line is blanked, the body read.
_PYTHON_CELL_MAGICS = frozenset({"%%time", "%%timeit", "%%capture", "%%prun", "%%memit"})
# Line magics that run the Python statement after them (``%time x = load()``).
_PYTHON_LINE_MAGIC = re.compile(r"^\s*%(?:time|timeit|prun|memit)\s+(?:-\S+\s+)*")
# ``%env NAME=value`` (or ``%env NAME value``): an environment variable, read like a .env line.
_ENV_MAGIC = re.compile(r"^\s*%env\s+([A-Za-z_]\w*)(?:=|\s+)(\S.*)$")


@dataclass(frozen=True)
class _Line:
    """One line of cell source and where its text starts in the .ipynb file."""

    text: str
    line: int
    column: int


def _cell_lines(cell: CNode) -> list[_Line]:
    source = node_for(cell, "source")
    if source is None:
        return []
    parts = source.elems if source.kind == "seq" else [source]
    out: list[_Line] = []
    for part in parts:
        if part.kind != "scalar" or part.value is None:
            continue
        for text in part.value.splitlines():
            out.append(_Line(text, part.line, part.column + 1))
    return out


def _code_cells(root: CNode) -> list[list[_Line]]:
    cells = node_for(root, "cells") if root.kind == "map" else None
    if cells is None or cells.kind != "seq":
        raise ExtractError("not a Jupyter notebook (no cells list)")
    out = []
    for cell in cells.elems:
        kind = node_for(cell, "cell_type") if cell.kind == "map" else None
        if kind is not None and kind.value == "code":
            out.append(_cell_lines(cell))
    return out


def _python_body(first: _Line) -> bool:
    """Whether a cell opened by the cell magic ``first`` holds Python (``%%time``,
    ``%%writefile x.py``)."""
    words = first.text.split()
    if not words:
        return False
    return words[0] in _PYTHON_CELL_MAGICS or (
        words[0] == "%%writefile" and words[-1].endswith(".py")
    )


def _python_lines(cell: list[_Line]) -> list[_Line]:
    """The cell with IPython-only lines blanked, so line numbers stay aligned; the statement
    after a timing magic is kept, moved to where it starts."""
    if cell and cell[0].text.lstrip().startswith("%%"):
        if _python_body(cell[0]):
            return [replace(cell[0], text=""), *_python_lines(cell[1:])]
        return [replace(line, text="") for line in cell]
    out = []
    for line in cell:
        timed = _PYTHON_LINE_MAGIC.match(line.text)
        if timed is not None:
            out.append(
                replace(line, text=line.text[timed.end() :], column=line.column + timed.end())
            )
            continue
        stripped = line.text.lstrip()
        magic = stripped.startswith(("!", "%", "?")) or stripped.endswith("?")
        out.append(replace(line, text="") if magic or _MAGIC_ASSIGN.match(line.text) else line)
    return out


def _python_refs(path: str, cells: list[list[_Line]]) -> list[Reference]:
    def run(lines: list[_Line]) -> list[Reference]:
        def where(line: int, column: int) -> tuple[int, int]:
            src = lines[min(line, len(lines)) - 1]
            return src.line, src.column + column - 1

        return python_references("\n".join(x.text for x in lines) + "\n", path, where)

    cleaned = [_python_lines(cell) for cell in cells]
    try:
        return run([line for cell in cleaned for line in cell])
    except ExtractError:
        pass
    # Leave out the cells that do not parse on their own and keep the rest together.
    good = [cell for cell in cleaned if _parses(cell)]
    try:
        return run([line for cell in good for line in cell])
    except ExtractError:
        return [ref for cell in good for ref in run(cell)]


def _parses(cell: list[_Line]) -> bool:
    try:
        parse("\n".join(line.text for line in cell))
    except ExtractError:
        return False
    return True


def _env_refs(path: str, line: _Line) -> Iterator[Reference]:
    """``%env MODEL_ID=org/name`` read as the assignment ``MODEL_ID=org/name``."""
    env = _ENV_MAGIC.match(line.text)
    if env is None:
        return
    name, value = env.group(1), env.group(2).rstrip()
    shift = env.start(2) - (len(name) + 1)  # where the value stands, minus where it stands here
    for ref in shell_references(SourceFile(path, f"{name}={value}")):
        yield replace(ref, line=line.line, column=line.column + shift + ref.column - 1)


def _shell_refs(path: str, cells: list[list[_Line]]) -> Iterator[Reference]:
    for cell in cells:
        whole = bool(cell) and cell[0].text.lstrip().startswith(("%%bash", "%%sh", "%%script"))
        for line in cell[1:] if whole else cell:
            if not whole:
                yield from _env_refs(path, line)
            stripped = line.text.lstrip()
            if not whole and not stripped.startswith("!"):
                continue
            skip = len(line.text) - len(stripped) + (0 if whole else 1)
            for ref in shell_references(SourceFile(path, line.text[skip:])):
                yield replace(ref, line=line.line, column=line.column + skip + ref.column - 1)


def notebook_references(file: SourceFile) -> list[Reference]:
    """References in a notebook's code cells."""
    cells = _code_cells(parse_json(file.text))
    return dedupe(_python_refs(file.path, cells) + list(_shell_refs(file.path, cells)))


TRIGGERS = PYTHON_TRIGGERS + Triggers(b"download")


class NotebookExtractor:
    """``.ipynb`` files."""

    name = "notebook"

    def handles(self, path: PurePosixPath) -> bool:
        """Jupyter notebooks."""
        return kinds.notebook(path)

    def quick_check(self, data: bytes) -> bool:
        """The Python prefilter, plus shell downloads in ``!`` lines."""
        return TRIGGERS.search(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References in code cells; ExtractError when the JSON is broken."""
        yield from notebook_references(file)
