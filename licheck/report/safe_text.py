"""Text from scanned files and the Hub made safe to show a person: control characters visible.

A file name, a revision or a model card can hold escape sequences (``\\x1b[2J`` clears a
terminal, ``\\x1b]0;...\\x07`` retitles it) and newlines that would forge report lines. Every
human-facing output (text and Markdown reports, CLI messages, log lines, the progress line)
passes such text through ``visible``. Machine formats (JSON, SARIF, CycloneDX) keep the exact
text: their own escaping already makes it safe. This module imports nothing from licheck, so
any layer may use it.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls, plus the Unicode line and paragraph separators and the
# bidirectional embedding/override/isolate marks that make a name read differently than it is.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: str) -> str:
    """``text`` with each control character written as its escape (ESC as ``\\x1b``, a newline
    as ``\\n``), so it prints on one line and cannot drive the terminal."""
    # Nearly every string is clean: one search, and the string itself comes back.
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_shown, text)
