"""Report formats behind one interface: pick a ``Format``, get text to write.

Formats only read the ``Report``; they never resolve, evaluate or decide exit codes. Each format
is imported only when chosen, so the text path never loads cyclonedx-python-lib.
"""

from __future__ import annotations

from enum import Enum

from licheck.records import PinKind, Report, Severity, Source

# An enum member's value by lookup: the ``value`` property costs more than a dict, and the JSON
# and SARIF writers read it for every reference and finding.
VALUE: dict[Enum, str] = {m: m.value for kind in (Source, PinKind, Severity) for m in kind}


class Format(str, Enum):
    """Output formats selectable with ``--format``."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    MARKDOWN = "markdown"
    CYCLONEDX = "cyclonedx"


def render(report: Report, fmt: Format, *, color: bool = False) -> str:
    """Render ``report`` in ``fmt``; ``color`` only affects the text format."""
    if fmt is Format.JSON:
        from licheck.report.json_format import render_json

        return render_json(report)
    if fmt is Format.SARIF:
        from licheck.report.sarif import render_sarif

        return render_sarif(report)
    if fmt is Format.MARKDOWN:
        from licheck.report.markdown import render_markdown

        return render_markdown(report)
    if fmt is Format.CYCLONEDX:
        from licheck.report.cyclonedx import render_cyclonedx

        return render_cyclonedx(report)
    from licheck.report.text import render_text

    return render_text(report, color=color)
