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
from collections.abc import Iterable
from dataclasses import replace

from licheck.models import Reference
from licheck.scan.text import LineIndex
from licheck.scan.urls import HubUrl, find_urls

_Span = tuple[int, int, int, int]  # start line, start byte column, end line, end byte column


def _by_line(tree: ast.AST) -> dict[int, list[tuple[_Span, ast.Constant | ast.JoinedStr]]]:
    """String expressions under every line they cover (outermost first, as ast.walk goes)."""
    index: dict[int, list[tuple[_Span, ast.Constant | ast.JoinedStr]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str)
        ):
            if node.end_lineno is None or node.end_col_offset is None:
                continue
            span = (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset)
            for line in range(node.lineno, node.end_lineno + 1):
                index.setdefault(line, []).append((span, node))
    return index


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


def _owner(
    index: dict[int, list[tuple[_Span, ast.Constant | ast.JoinedStr]]],
    lines: LineIndex,
    hit: Reference,
) -> ast.Constant | ast.JoinedStr | None:
    byte_column = len(lines.line_text(hit.line)[: hit.column - 1].encode())
    for span, node in index.get(hit.line, []):
        if _inside(span, hit.line, byte_column):
            return node
    return None


def glued_urls(
    tree: ast.AST, text: str, lines: LineIndex, hits: Iterable[Reference]
) -> list[Reference]:
    """``hits`` (raw-text URL references) with those inside glued literals read whole.

    Inside one glued literal the n-th text hit takes the n-th URL of its value; a text hit
    with no URL left to pair with is a fragment and is dropped.
    """
    hits = list(hits)
    if not hits:
        return hits
    index = _by_line(tree)
    owners = [_owner(index, lines, hit) for hit in hits]
    # id(owner) -> the URLs of its value still to hand out, or None when it is one literal.
    whole: dict[int, list[HubUrl] | None] = {}
    for owner in owners:
        if owner is not None and id(owner) not in whole:
            glued = _pieces(ast.get_source_segment(text, owner) or "") > 1
            whole[id(owner)] = list(find_urls(_value(owner))) if glued else None
    out: list[Reference] = []
    for hit, owner in zip(hits, owners, strict=True):
        urls = whole.get(id(owner)) if owner is not None else None
        if urls is None:
            out.append(hit)
        elif urls:
            url = urls.pop(0)
            out.append(replace(hit, model=url.model, revision=url.revision))
    return out
