"""Report formats behind one interface: pick a ``Format``, get text to write.

Formats only read the ``Report``; they never resolve, evaluate or decide exit codes.
"""

from __future__ import annotations

from enum import Enum

from licheck.models import Report


class Format(str, Enum):
    """Output formats selectable with ``--format``."""

    TEXT = "text"
    JSON = "json"


def render(report: Report, fmt: Format, *, color: bool = False) -> str:
    """Render ``report`` in ``fmt``; ``color`` only affects the text format."""
    if fmt is Format.JSON:
        from licheck.report.json_format import render_json

        return render_json(report)
    from licheck.report.text import render_text

    return render_text(report, color=color)
