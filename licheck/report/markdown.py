"""The Markdown report, for ``$GITHUB_STEP_SUMMARY`` and pull-request comments.

A summary, a table of models, the findings with their advice grouped by model, and a Mermaid
graph of provenance. GitHub refuses a step summary over 1 MiB, so the text is measured in UTF-8
bytes while it is built and cut, with a visible note, before it would pass ``max_bytes``. Every
string that came from a model card or scanned file is escaped: it must not be able to inject
Markdown, HTML or mentions, and its control characters are shown as escapes (``visible``), so a
newline in a file name cannot end a table row. This module only reads the ``Report``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from licheck import __version__
from licheck.model_id import ModelId
from licheck.records import Finding, ModelRecord, PinKind, Report, Severity, classify_revision
from licheck.report.mermaid import provenance_graph
from licheck.report.safe_text import visible

DEFAULT_MAX_BYTES = 1_000_000
MAX_LOCATIONS = 10
# Room kept for the truncation note, so adding it can never push the text past the cap.
_NOTE_RESERVE = 600
_COLUMNS = ("Model", "Revision", "License", "SPDX", "Category", "Status", "Gated", "Findings")
_MODELS_HEAD = f"## Models\n\n| {' | '.join(_COLUMNS)} |\n|{' --- |' * len(_COLUMNS)}\n"
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~@$])")


def _marked(match: re.Match[str]) -> str:
    # A function, not the template r"\\\1": sub expands a template anew for every match.
    return "\\" + match.group()


def escape(text: str) -> str:
    """Inline text that renders as itself: Markdown marks, HTML and @mentions neutralised.

    Prose keeps reading as prose: runs of whitespace, line breaks included, become one space.
    """
    flat = visible(" ".join(text.split()))
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(_marked, flat)


def code(text: str) -> str:
    """A code span that holds any text, pipes escaped so it also fits in a table cell.

    Control characters are shown as escapes first (a newline in a path as ``\\n``): a code
    span names something exactly, so a line break must not pass for a space.
    """
    flat = " ".join(visible(text).split()).replace("|", "\\|")
    if "`" not in flat:  # nearly always: the shortest fence, no padding
        return f"`{flat}`"
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _model_link(record: ModelRecord) -> str:
    if record.source.on_hub:
        return f"[{code(record.model)}]({ModelId(record.model).url})"
    return code(record.model)


def _gated(value: str | bool | None) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(value)


def _revision(record: ModelRecord) -> str:
    if not record.revision:
        parts = ["default"]
    elif classify_revision(record.revision) is PinKind.COMMIT:
        parts = [code(record.revision[:12])]
    else:
        parts = [code(record.revision)]
    if record.sha and record.sha.lower() != (record.revision or "").lower():
        parts.append(f"→ {code(record.sha[:12])}")
    return " ".join(parts)


def _worst(findings: list[Finding]) -> str:
    if not findings:
        return "0"
    worst = max(findings, key=lambda f: f.severity.rank).severity
    return f"{len(findings)} ({worst.value})"


def _status(record: ModelRecord) -> str:
    bundle = f" ({escape(record.answered_by)})" if record.answered_by else ""
    if not record.reason:
        return record.status.value + bundle
    reason = record.reason if len(record.reason) <= 120 else record.reason[:117] + "..."
    return f"{record.status.value}: {escape(reason)}{bundle}"


def _model_rows(report: Report, by_model: dict[str, list[Finding]]) -> Iterator[str]:
    for record in report.models:
        info = report.license_of(record)
        cells = [
            _model_link(record),
            _revision(record),
            escape(info.label) if info else "unknown",
            code(info.spdx) if info and info.spdx else "-",
            escape(info.category) if info else "unknown",
            _status(record),
            _gated(record.gated),
            _worst(by_model.get(record.model, [])),
        ]
        yield "| " + " | ".join(cells) + " |\n"


def _finding_items(findings: list[Finding]) -> Iterator[tuple[str, int]]:
    """One bullet per (rule, message), with every location; yields (text, findings covered)."""
    grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[(finding.rule, finding.message)].append(finding)
    for group in sorted(grouped.values(), key=lambda g: (-g[0].severity.rank, g[0].rule)):
        first = group[0]
        lines = [
            f"- **{first.severity.value.upper()}** {code(first.rule)} {escape(first.name)}: "
            f"{escape(first.message)}"
        ]
        where = sorted({f"{f.path}:{f.line}" if f.line else f.path for f in group if f.path})
        if where:
            shown = ", ".join(code(w) for w in where[:MAX_LOCATIONS])
            more = f" and {len(where) - MAX_LOCATIONS} more" if len(where) > MAX_LOCATIONS else ""
            lines.append(f"  - at {shown}{more}")
        if first.advice:
            lines.append(f"  - advice: {escape(first.advice)}")
        yield "\n".join(lines) + "\n", len(group)


class _Budget:
    """Collects chunks while their UTF-8 size fits; once one does not, takes nothing more."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: list[str] = []
        self.full = False

    def add(self, chunk: str) -> bool:
        if self.full:
            return False
        size = len(chunk.encode("utf-8"))
        if self.size + size > self.limit:
            self.full = True
            return False
        self.parts.append(chunk)
        self.size += size
        return True


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _header(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    mode = " (offline: cache and built-in knowledge only)" if report.offline else ""
    lines = [
        "# licheck report",
        "",
        f"licheck {__version__}{mode}: {_n(len(report.references), 'reference')} to "
        f"{_n(len(report.models), 'model')} in {_n(report.files_scanned, 'file')}, "
        f"{_n(len(report.findings), 'finding')}, {_n(len(report.skipped), 'file')} skipped.",
        "",
        "| Severity | Findings |",
        "| --- | ---: |",
        *(f"| {s.value} | {counts[s]} |" for s in reversed(Severity)),
        f"| **total** | **{len(report.findings)}** |",
        "",
    ]
    return "\n".join(lines) + "\n"


def render_markdown(report: Report, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The Markdown text, at most ``max_bytes`` bytes of UTF-8, newline-terminated."""
    if max_bytes < 2 * _NOTE_RESERVE:
        raise ValueError(f"max_bytes must be at least {2 * _NOTE_RESERVE}")
    budget = _Budget(max_bytes - _NOTE_RESERVE)
    by_model: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_model[finding.model].append(finding)
    budget.add(_header(report))
    models_shown = 0
    if report.models and budget.add(_MODELS_HEAD):
        for row in _model_rows(report, by_model):
            if not budget.add(row):
                break
            models_shown += 1
        budget.add("\n")
    findings_shown = 0
    if report.findings and budget.add("## Findings\n\n"):
        order = [m.model for m in report.models]
        order += sorted(set(by_model) - set(order))
        for model in dict.fromkeys(order):
            if model not in by_model or not budget.add(f"### {code(model)}\n\n"):
                continue
            for item, covered in _finding_items(by_model[model]):
                if not budget.add(item):
                    break
                findings_shown += covered
            budget.add("\n")
    graph = provenance_graph(report)
    if graph:
        budget.add(f"## Provenance\n\n{graph}\n")
    if report.waived and budget.add("## Waived\n\nAccepted in `[tool.licheck]`; not counted.\n\n"):
        for waived in report.waived:
            f = waived.finding
            until = f" (until {waived.expires})" if waived.expires else ""
            budget.add(
                f"- {code(f.rule)} {escape(f.name)} for {code(f.model)}: "
                f"{escape(waived.reason)}{until}\n"
            )
        budget.add("\n")
    if report.skipped and budget.add("## Skipped files\n\n"):
        for skipped in report.skipped:
            budget.add(f"- {code(skipped.path)}: {escape(skipped.reason)}\n")
        budget.add("\n")
    head = "## Possible references\n\nIds in weak contexts the Hub did not confirm as models.\n\n"
    if report.candidates and budget.add(head):
        for c in report.candidates:
            ref = c.reference
            where = code(f"{ref.path}:{ref.line}")
            budget.add(f"- {code(ref.model)} at {where}: {escape(c.reason)}\n")
    text = "".join(budget.parts)
    if budget.full:
        text += (
            "\n> [!WARNING]\n"
            f"> Report truncated to stay under {max_bytes} bytes (GitHub's step-summary limit): "
            f"{models_shown} of {len(report.models)} models and {findings_shown} of "
            f"{len(report.findings)} findings shown. Use `--format json` or `--format sarif` "
            "for the complete report.\n"
        )
    return text
