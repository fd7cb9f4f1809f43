"""The human-readable report: one block per model, its provenance chain on one line, its
references, then its findings.

A finding that fires at several references of the same model is printed once with every
location, so a model used in ten files reads as one problem, not ten. Every line passes through
``visible``: a file name or Hub text can hold escape sequences and newlines, and only the
report's own colour codes may reach the terminal.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from licheck import __version__
from licheck.records import (
    Finding,
    ModelKey,
    ModelRecord,
    PinKind,
    Reference,
    Report,
    Severity,
    Source,
)
from licheck.report.safe_text import visible

_COLORS = {
    Severity.CRITICAL: "\033[1;31m",
    Severity.HIGH: "\033[31m",
    Severity.MEDIUM: "\033[33m",
    Severity.LOW: "\033[36m",
    Severity.INFO: "\033[2m",
}
_RESET = "\033[0m"

_PIN_TEXT = {
    PinKind.COMMIT: "pinned to a commit",
    PinKind.SHORT_COMMIT: "pinned to a short sha",
    PinKind.BRANCH: "branch or tag, not pinned",
    PinKind.PULL_REQUEST: "pull-request ref, not pinned",
    PinKind.NONE: "default branch, not pinned",
}


def _severity(sev: Severity, color: bool) -> str:
    label = sev.value.upper().ljust(8)
    return f"{_COLORS[sev]}{label}{_RESET}" if color else label


def _model_line(report: Report, record: ModelRecord) -> str:
    parts = [record.model]
    if record.revision:
        parts.append(f"@ {record.revision}")
    parts.append(f"[{record.status.value}]")
    info = report.license_of(record)
    if info is not None:
        spdx = f", {info.spdx}" if info.spdx else ""
        parts.append(f"license: {info.label} ({info.category}{spdx})")
    if record.gated:
        parts.append(f"gated ({record.gated})")
    if record.sha:
        parts.append(f"sha {record.sha[:12]}")
    if record.reason:
        parts.append(f"- {record.reason}")
    if record.answered_by:
        parts.append(f"- {record.answered_by}")
    return "  ".join(parts)


def _provenance_lines(report: Report, record: ModelRecord) -> list[str]:
    """``A <- finetune of B (license)`` and, for a derived model, its effective license."""
    effective = report.effective.get(record.key)
    if effective is None:
        if not record.base_models:
            return []
        parts = []
        for base in record.base_models:
            found = report.records.get(ModelKey(base.model, Source.HF, None))
            info = report.license_of(found) if found is not None else None
            parts.append(f"{base.model} ({info.label})" if info else base.model)
        relation = {b.relation or "derived" for b in record.base_models}
        rel = relation.pop() if len(relation) == 1 else "derived"
        return [f"    {record.model} <- {rel} of {' + '.join(parts)}"]
    if not effective.chain:
        return []
    labels = " + ".join(i.label for i in effective.licenses) or "none"
    if effective.complete:
        summary = f"effective license: {effective.category} ({labels})"
    else:
        known = f"{effective.known_category}: {labels}"
        summary = f"effective license: unknown, chain incomplete (known so far {known})"
    origin = ", ".join(effective.origin) or "unknown"
    return [f"    {effective.describe_chain(record.model)}", f"    {summary}; origin: {origin}"]


def _reference_line(ref: Reference) -> str:
    rev = f"revision {ref.revision}, " if ref.revision else ""
    line = f"    {ref.path}:{ref.line}:{ref.column}  ({rev}{_PIN_TEXT[ref.pin]})"
    if ref.uses:  # the id is written here and loaded there
        line += "; loaded at " + ", ".join(f"{u.line}:{u.column}" for u in ref.uses)
    if ref.candidate:
        line += "; confirmed as a model by the Hub"
    return line


def _finding_lines(findings: Iterable[Finding], color: bool) -> list[str]:
    grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[(finding.rule, finding.message)].append(finding)
    lines: list[str] = []
    for group in sorted(grouped.values(), key=lambda g: (-g[0].severity.rank, g[0].rule)):
        first = group[0]
        # The colour codes are added after escaping: they are the only ones let through.
        text = visible(f"{first.rule} {first.name}: {first.message}")
        lines.append(f"    {_severity(first.severity, color)}{text}")
        where = sorted({f"{f.path}:{f.line}" for f in group if f.path})
        if len(where) > 1:
            lines.append(visible(f"              at {', '.join(where)}"))
        if first.advice:
            lines.append(visible(f"              advice: {first.advice}"))
    return lines


def _place_findings(report: Report) -> tuple[dict[ModelKey, list[Finding]], list[Finding]]:
    """Attach each finding to the model block it belongs to; the rest go to a closing section."""
    at_ref = {(r.path, r.line, r.column, r.model): r.key for r in report.references}
    first_key = {}
    for record in reversed(report.models):
        first_key[record.model] = record.key
    placed: dict[ModelKey, list[Finding]] = defaultdict(list)
    unplaced: list[Finding] = []
    for finding in report.findings:
        where = (finding.path or "", finding.line or 0, finding.column or 0, finding.model)
        key = at_ref.get(where) or first_key.get(finding.model)
        if key is None:
            unplaced.append(finding)
        else:
            placed[key].append(finding)
    return placed, unplaced


def _summary(report: Report) -> str:
    counts = Counter(f.severity for f in report.findings)
    by_sev = ", ".join(f"{counts[s]} {s.value}" for s in reversed(Severity) if counts[s])
    models = len(report.models)
    return (
        f"{len(report.references)} references to {models} model{'s' if models != 1 else ''} "
        f"in {report.files_scanned} files; "
        f"{len(report.findings)} findings{f' ({by_sev})' if by_sev else ''}; "
        + (f"{len(report.waived)} waived; " if report.waived else "")
        + f"{len(report.skipped)} skipped"
        + (f"; {len(report.candidates)} possible references" if report.candidates else "")
    )


def render_text(report: Report, *, color: bool = False) -> str:
    """The whole text report, newline-terminated."""
    mode = " (offline: cache and built-in knowledge only)" if report.offline else ""
    out = [f"licheck {__version__}{mode}", ""]
    refs_by_key: dict[ModelKey, list[Reference]] = defaultdict(list)
    for ref in report.references:
        refs_by_key[ref.key].append(ref)
    findings_by_key, unplaced = _place_findings(report)
    for record in report.models:
        out.append(visible(_model_line(report, record)))
        out.extend(map(visible, _provenance_lines(report, record)))
        out.extend(visible(_reference_line(r)) for r in refs_by_key.get(record.key, []))
        out.extend(_finding_lines(findings_by_key.get(record.key, []), color))
        out.append("")
    if not report.models:
        out.extend(["No model references found.", ""])
    if unplaced:
        out.append("Other findings:")
        out.extend(_finding_lines(unplaced, color))
        out.append("")
    if report.waived:
        out.append("Waived (accepted in [tool.licheck], not counted):")
        for waived in report.waived:
            f = waived.finding
            until = f" until {waived.expires}" if waived.expires else ""
            out.append(visible(f"    {f.rule} {f.name} {f.model} at {f.path}:{f.line}"))
            out.append(visible(f"              reason: {waived.reason}{until}"))
        out.append("")
    if report.skipped:
        out.append("Skipped files:")
        out.extend(visible(f"    {s.path}: {s.reason}") for s in report.skipped)
        out.append("")
    if report.candidates:
        out.append("Possible references (ids in weak contexts, not confirmed as models):")
        for c in report.candidates:
            ref = c.reference
            where = f"{ref.path}:{ref.line}:{ref.column}"
            out.append(visible(f"    {ref.model} at {where}: {c.reason}"))
        out.append("")
    out.append(_summary(report))
    return "\n".join(out) + "\n"


def summary_line(report: Report) -> str:
    """The one-line summary the CLI prints on stderr."""
    return "licheck: " + _summary(report)
