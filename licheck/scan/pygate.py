"""The Python extractor's second prefilter: can any literal in this file become a reference?

The trigger words pass every file that says ``model``, as most ML code does, and parsing is
what a scan spends its time on. But a Python reference is always made from a string literal
the resolver can read, and each kind leaves a mark in the raw bytes that a regex finds
without parsing (in the way code-search tools check a rule's required literals first):

- a Hub id, family template, ``hf-hub:`` id or local path needs ``/`` or ``\\`` inside one
  literal that has no inner whitespace (f-string holes aside), however it is glued: ``"org/x"``,
  ``"Qwen/" + size``, ``f"{org}/{name}"``, ``"/".join(...)``, ``"%s/%s" % ...``;
- ``os.path.join`` glues with a slash that is never written;
- a legacy id (``gpt2``) starts a literal with its own beginning, whole or as a template
  (``"gpt2-{size}"``; ``"transformer"`` shares only a stem with ``transfo-xl-wt103``), and a
  home-relative path with ``~``;
- the loaders that complete bare names (sentence-transformers, Ollama) are named;
- a Hub model URL, even in a comment, is read from the text. A mention of the host alone
  is not enough: the text pass (``urls.find_urls``) is the only way a host mention outside
  such a literal becomes a reference, and documentation and paper links
  (``huggingface.co/docs/...``) name no model, so a file whose host mentions give no model URL
  is judged by its literals like any other (a URL inside a literal without whitespace has a
  ``/`` and passes as a slashed literal anyway; glued pieces too).

The literal tests apply to real literal tokens only (pylex.py lexes them): an id-shaped text
in a docstring or a comment (``>>> pipe = X.from_pretrained("org/name")`` in an example) is no
literal the extractor reads. The raw bytes are tested first, which rules most files out without
lexing. Files with none of these cannot yield a reference and are not parsed. This is a necessary
condition only, so its answers err towards parsing; tests check it against every snippet and
corpus file that does hold a reference.
"""

from __future__ import annotations

import re

from licheck.scan.legacy import LEGACY_IDS
from licheck.scan.prefilter import Triggers
from licheck.scan.pylex import literal_end, skipper
from licheck.scan.pyloaders import bare_name_loaders
from licheck.scan.urls import TRIGGERS as URL_TRIGGERS
from licheck.scan.urls import find_urls

# One literal's characters: no quotes or whitespace, except inside an f-string/format hole.
_PART = r"""(?:[^"'\s{}]|\{[^{}\n]*\})"""
# The same characters up to the first ``/`` or ``\``: ``{_BEFORE}*[/\\]{_PART}*`` takes the first
# slash, where ``{_PART}*[/\\]{_PART}*`` tried every slash of a run and took time quadratic in
# its length (49 s for a 64 KB line of ``a/a/...`` in a literal that never closes).
_BEFORE = r"""(?:[^"'\s{}/\\]|\{[^{}\n]*\})"""
_SLASHED = rf"{_BEFORE}*[/\\]{_PART}*"
_STEMS = sorted({legacy.split("-")[0] for legacy in LEGACY_IDS} | {"distil"})
# Both literal kinds start at a quote, so one regex with a character-class start (which the
# regex engine skips to quickly) finds either: a slashed literal, or a legacy stem.
_STEM = "|".join(map(re.escape, _STEMS))
_LITERAL = re.compile(rf"""["']\s*(?:{_SLASHED}\s*["']|~|(?P<stem>{_STEM}))""".encode())
# A legacy id's literal must begin like one: up to its first quote, hole, escape or space, its
# text is the start of some legacy id (``"gpt2-{size}"``), not merely its stem's
# (``"transformer"`` starts with transfo-xl's stem and can never become that id).
_LEGACY_STARTS = frozenset(i[:n].encode() for i in LEGACY_IDS for n in range(1, len(i) + 1))
_LEGACY_TEXT = re.compile(rb"""[^"'{}\\\s]*""")
# The same tests on one real literal token, from its opening quote(s) to its closing one.
_INTERESTING = re.compile(
    rf"""(?P<q>["'])(?:(?P=q)(?P=q))?\s*(?:{_SLASHED}\s*(?P=q)|~|(?P<stem>{_STEM}))""".encode()
)
_SKIP = skipper(_INTERESTING.pattern.decode())
_WORDS = Triggers(b"path.join", *(n.encode() for n in bare_name_loaders()))


def _names_a_model_url(data: bytes) -> bool:
    # Decoded as the extractor decodes it; bytes that are not UTF-8 never reach extraction.
    text = data.decode("utf-8-sig", errors="replace")
    return next(find_urls(text), None) is not None


def _slashed_or_legacy(data: bytes, found: re.Match[bytes]) -> bool:
    """Whether a match of ``_LITERAL`` or ``_INTERESTING`` can become a reference: a slashed
    literal or home path always, a stem only where a legacy id's beginning starts it."""
    start = found.start("stem")
    if start == -1:
        return True
    text = _LEGACY_TEXT.match(data, start)
    return text is not None and text.group() in _LEGACY_STARTS


def _in_a_literal(data: bytes) -> bool:
    """Whether a real literal token (not text in a docstring or a comment that only looks like
    one) can become a reference, or the lexer cannot tell (pylex.py)."""
    if b"\0" in data:  # the parser refuses these: parsing gives the reason in the report
        return True
    pos, size = 0, len(data)
    while True:
        skipped = _SKIP.match(data, pos)  # always a match (``*``), perhaps an empty one
        pos = pos if skipped is None else skipped.end()
        if pos == size:
            return False
        found = _INTERESTING.match(data, pos)
        if found is None or _slashed_or_legacy(data, found):  # a doubt, or a literal that can
            return True
        end = literal_end(data, pos)
        if end is None:
            return True
        pos = end


def could_name_a_model(data: bytes) -> bool:
    """False only when no literal in ``data`` can resolve to a model reference."""
    if _WORDS.search(data):
        return True
    if URL_TRIGGERS.search(data) and _names_a_model_url(data):
        return True
    # The raw bytes first: most files that cannot name a model fail already here, without
    # lexing; the rest are lexed, so that docstrings and comments do not open the gate.
    if any(_slashed_or_legacy(data, found) for found in _LITERAL.finditer(data)):
        return _in_a_literal(data)
    return False
