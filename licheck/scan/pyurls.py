"""Hub URLs in Python source text, read whole when Python glued them from several literals.

The raw-text URL pass sees ``"https://huggingface.co/org/name/resolve/" "<sha>/file"`` as a
URL cut at the first closing quote, so it would report the model without its revision. Here a
text hit inside an implicitly concatenated string (or f-string) takes the model and revision
of the URL in the string's evaluated value instead. Hits in ordinary literals, comments and
docstrings pass through untouched. Never evaluates anything beyond the literal's own value.
"""

from __future__ import annotations

import ast
import io
import tokenize
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable
from dataclasses import replace

from licheck.records import Reference
from licheck.scan.text import LineIndex
from licheck.scan.urls import HubUrl, find_urls

_Span = tuple[int, int, int, int]  # start line, start byte column, end line, end byte column
_Owner = tuple[_Span, ast.Constant | ast.JoinedStr]  # a string expression and its span


def _by_line(tree: ast.AST, wanted: set[int]) -> dict[int, list[_Owner]]:
    """String expressions under each ``wanted`` line they cover, outermost first.

    Breadth first, as ``ast.walk`` goes, but a subtree whose lines miss every wanted line is
    never entered: a large module with one URL costs a walk of a few statements, not all of it.
    """
    index: dict[int, list[_Owner]] = {}
    ordered = sorted(wanted)
    todo = deque([tree])
    while todo:
        node = todo.popleft()
        first = getattr(node, "lineno", None)
        last = getattr(node, "end_lineno", None)
        if first is not None and last is not None:
            at = bisect_left(ordered, first)
            if at == len(ordered) or ordered[at] > last:
                continue
            if isinstance(node, ast.JoinedStr) or (
                isinstance(node, ast.Constant) and isinstance(node.value, str)
            ):
                span = (first, node.col_offset, last, node.end_col_offset or 0)
                for line in ordered[at : bisect_right(ordered, last)]:
                    index.setdefault(line, []).append((span, node))
        todo.extend(ast.iter_child_nodes(node))
    return index


def _segment(lines: LineIndex, span: _Span) -> str:
    """The source text of ``span`` (``ast.get_source_segment`` re-splits the file each call)."""
    return lines.text[_offset(lines, span[0], span[1]) : _offset(lines, span[2], span[3])]


def _offset(lines: LineIndex, line: int, byte_column: int) -> int:
    raw = lines.line_text(line)
    column = byte_column
    if not raw.isascii():  # ast columns count UTF-8 bytes
        column = len(raw.encode()[:byte_column].decode(errors="ignore"))
    return lines.offset(line, column + 1)


def _pieces(segment: str) -> int:
    """How many string literals ``segment`` (one string expression's source) is made of."""
    count = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO("(" + segment + ")").readline):
            # FSTRING_START exists from Python 3.12; before that an f-string is one STRING.
            if tok.type == tokenize.STRING or tokenize.tok_name[tok.type] == "FSTRING_START":
                count += 1
    except (tokenize.TokenError, SyntaxError):
        return 1
    return count


def _value(node: ast.Constant | ast.JoinedStr) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    return "".join(
        str(part.value) if isinstance(part, ast.Constant) else "{}" for part in node.values
    )


def _inside(span: _Span, line: int, byte_column: int) -> bool:
    return (span[0], span[1]) <= (line, byte_column) < (span[2], span[3])


def _owner(index: dict[int, list[_Owner]], lines: LineIndex, hit: Reference) -> _Owner | None:
    byte_column = len(lines.line_text(hit.line)[: hit.column - 1].encode())
    for owner in index.get(hit.line, []):
        if _inside(owner[0], hit.line, byte_column):
            return owner
    return None


def glued_urls(tree: ast.AST, lines: LineIndex, hits: Iterable[Reference]) -> list[Reference]:
    """``hits`` (raw-text URL references) with those inside glued literals read whole.

    Inside one glued literal the n-th text hit takes the n-th URL of its value; a text hit
    with no URL left to pair with is a fragment and is dropped.
    """
    hits = list(hits)
    if not hits:
        return hits
    index = _by_line(tree, {hit.line for hit in hits})
    owners = [_owner(index, lines, hit) for hit in hits]
    # id(owner node) -> the URLs of its value still to hand out, or None when it is one literal.
    whole: dict[int, list[HubUrl] | None] = {}
    for owner in owners:
        if owner is not None and id(owner[1]) not in whole:
            glued = _pieces(_segment(lines, owner[0])) > 1
            whole[id(owner[1])] = list(find_urls(_value(owner[1]))) if glued else None
    out: list[Reference] = []
    for hit, owner in zip(hits, owners, strict=True):
        urls = whole.get(id(owner[1])) if owner is not None else None
        if urls is None:
            out.append(hit)
        elif urls:
            url = urls.pop(0)
            out.append(replace(hit, model=url.model, revision=url.revision))
    return out
