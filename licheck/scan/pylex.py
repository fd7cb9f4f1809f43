"""Python source's string literals, lexed by one regex: is there a literal the gate must open for?

pygate.py asks whether some literal of a file could become a reference. Text that only looks
like one inside a docstring or a comment (``>>> pipe = X.from_pretrained("org/name")`` in an
example) is no literal the extractor reads, so the gate should judge real literal tokens only.
``tokenize`` would tell them apart but costs more than a regex pass; this module lexes comments
and string literals (every prefix, triple quotes, escapes, backslash-newlines) in one
left-to-right regex match that skips code, comments and every literal that cannot name a model,
and stops at the first one that might (``interesting``), or where the lexing cannot be sure:
an unterminated literal, an f-string (or t-string) whose holes do not close inside
it (PEP 701 lets Python 3.12+ nest the same quote there, which this lexer does not follow) or
hold a ``#``. Each doubt answers "might", so the gate still errs towards parsing. Pure byte
logic: never decodes, parses or runs the source.
"""

from __future__ import annotations

import re

# No possessive quantifiers or atomic groups: Python 3.11.2's re module (Debian 12's python3)
# answers some of these patterns wrongly with them, where 3.11.7 does not. A body takes one
# plain character at a time, which is as unambiguous and costs the gate about 15% more.


def _quoted(q: str, f: bool) -> str:
    """One literal quoted with ``q``, triple-quoted first; ``f``: holes must close inside it.

    Each body is unambiguous (one plain character at a time, never a run that could be split
    another way): a literal that never closes fails in linear time, not by trying every way of
    splitting its runs.
    """
    if not f:
        body3 = rf"(?:[^{q}\\]|\\[\s\S]|{q}(?!{q}{q}))*"
        body1 = rf"(?:[^{q}\\\r\n]|\\(?:\r\n|[\s\S]))*"
    else:
        # A hole (format spec holes one level deep) never holds this literal's own closing
        # quotes nor a ``#``: where one does, the lexer stops and the gate opens.
        hole3 = rf"\{{(?:[^{{}}#{q}]|{q}(?!{q}{q})|\{{(?:[^{{}}#{q}]|{q}(?!{q}{q}))*\}})*\}}"
        hole1 = rf"\{{(?:[^{{}}#{q}\r\n]|\{{[^{{}}#{q}\r\n]*\}})*\}}"
        body3 = rf"(?:[^{q}\\{{}}]|\\[\s\S]|{q}(?!{q}{q})|\{{\{{|\}}\}}|{hole3})*"
        body1 = rf"(?:[^{q}\\{{}}\r\n]|\\(?:\r\n|[\s\S])|\{{\{{|\}}\}}|{hole1})*"
    return rf"{q}{q}{q}{body3}{q}{q}{q}|{q}{body1}{q}"


# f and t prefixes (alone or with r/R) name literals with holes; b, r, u do not change lexing.
_F = r"(?:(?<=[fFtT])|(?<=[fFtT][rR]))"
_NOT_F = r"(?<![fFtT])(?<![fFtT][rR])"
_PLAIN = "|".join(_quoted(q, f=False) for q in ("'", '"'))
_HOLED = "|".join(_quoted(q, f=True) for q in ("'", '"'))
_ANY = rf"{_NOT_F}(?:{_PLAIN})|{_F}(?:{_HOLED})"
_LITERAL = re.compile(_ANY.encode())


def skipper(interesting: str) -> re.Pattern[bytes]:
    """A regex whose match from a position outside any literal ends where the first literal
    that the regex ``interesting`` matches starts, or at the lexer's first doubt (a literal
    that does not end as lexed); at the end of the data when there is neither.
    Code, comments and every other literal are skipped."""
    boring = rf"(?!{interesting})(?:{_ANY})"
    return re.compile(rf"""(?:[^#'"]+|\#[^\r\n]*|{boring})*""".encode())


def literal_end(data: bytes, pos: int) -> int | None:
    """Where the literal whose quote is at ``pos`` ends (None: it does not end as lexed)."""
    found = _LITERAL.match(data, pos)
    return None if found is None else found.end()
