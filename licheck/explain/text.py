"""``licheck explain`` as text: the provenance tree, license history, head, LICENSE file,
family table, vendor events and each finding with the facts that triggered it.

Sections with nothing looked up say so ("not looked up: <why>") rather than staying silent, so
an offline or bounded run never reads as "nothing to report". Reads an ``Explanation`` only.
"""

from __future__ import annotations

from typing import Any

from licheck import __version__
from licheck.explain.build import Explanation
from licheck.records import Finding, LicenseInfo
from licheck.report.safe_text import visible

# Details with a section of their own above; a finding refers to it instead of repeating it.
_SHOWN_ABOVE = {
    "vendor_events": "Vendor events",
    "alternatives": "Vendor events",
    "family": "Family",
    "publishers": "Vendor events",
    "license_changes": "License history",
}


def _lic(info: LicenseInfo | None) -> str:
    if info is None:
        return "no license known"
    spdx = f", {info.spdx}" if info.spdx else ""
    return f"{info.label} ({info.category}{spdx})"


def _missing(exp: Explanation, fact: str) -> str:
    # The hub stage's note says why (gated, offline, bounded out, or simply none in the repo).
    why = exp.record.notes.get(fact)
    return f"  {why}" if why else "  not looked up"


def _header(exp: Explanation) -> list[str]:
    rec, ref, ctx = exp.record, exp.reference, exp.context
    mode = " (offline: cache only)" if exp.offline else ""
    where = f" @ {ref.revision}" if ref.revision else " (default branch)"
    lines = [f"licheck {__version__} explain{mode}", "", f"{ref.model}{where}"]
    facts = [f"status: {rec.status.value}"]
    if rec.sha:
        facts.append(f"sha {rec.sha}")
    if rec.from_cache:
        facts.append("from cache")
    lines.append("  " + "  ".join(facts))
    if rec.reason:
        lines.append(f"  reason: {rec.reason}")
    if rec.status.value == "ok":
        gated = (
            rec.gated
            if rec.gated not in (None, False)
            else ("no" if rec.gated is False else "unknown")
        )
        lines.append(f"  license: {_lic(ctx.license)}  gated: {gated}")
    return lines


def _provenance(exp: Explanation) -> list[str]:
    lines = ["", "Provenance"]
    eff = exp.context.effective
    if eff is None:
        return [*lines, _missing(exp, "chain")]
    lines.append(f"  {exp.reference.model}  {_lic(exp.context.license)}")
    for step in eff.chain:
        inferred = "inferred " if step.relation_inferred else ""
        what = _lic(step.license) if step.license else step.status.replace("-", " ")
        indent = "  " * step.depth
        lines.append(f"  {indent}<- {inferred}{step.relation} of {step.model}  {what}")
    labels = " + ".join(i.label for i in eff.licenses) or "none"
    state = "" if eff.complete else " (chain incomplete: unknown until the gaps are checked)"
    lines.append(f"  effective license: {eff.category} ({labels}){state}")
    lines.append(f"  origin: {', '.join(eff.origin) or 'unknown'}")
    lines.extend(f"  note: {note}" for note in eff.notes)
    return lines


def _history(exp: Explanation) -> list[str]:
    lines = ["", "License history (newest first)"]
    if exp.history is None:
        return [*lines, _missing(exp, "history")]
    if not exp.history:
        return [*lines, "  no commits touched the card or LICENSE"]
    lines += [f"  {e.date[:10]}  {e.commit[:12]}  {_lic(info)}" for e, info in exp.history]
    head = exp.context.head
    if head is not None:
        since = head.since[:10] if head.since else "an unknown date"
        lines.append(
            f"  pinned {exp.reference.revision}: {_lic(exp.context.license)}; "
            f"main ({(head.head.sha or 'unknown')[:12]}) is {_lic(head.license)} since {since}"
        )
    return lines


def _license_file(exp: Explanation) -> list[str]:
    lines = ["", "LICENSE file"]
    reading = exp.context.license_file
    if reading is None:
        return [*lines, _missing(exp, "license_file")]
    if reading.license is None:
        what = "names no license clearly" + (
            f" (several match: {', '.join(reading.matches)})" if reading.matches else ""
        )
    else:
        what = f"names {_lic(reading.license)}"
    if reading.contradicts:
        what += f": contradicts the card ({reading.contradicts})"
    return [*lines, f"  {reading.path} (sha256 {reading.sha256[:12]}) {what}"]


def _family(exp: Explanation) -> list[str]:
    lines = ["", "Family"]
    family = exp.context.family
    if family is None:
        return [*lines, _missing(exp, "family")]
    if not family:
        return [*lines, "  no siblings found"]
    width = max(len(s.model) for s in family)
    for sibling in family:
        mark = "  <- splits the family" if sibling.split else ""
        lines.append(f"  {sibling.model.ljust(width)}  {_lic(sibling.license)}{mark}")
    return lines


def _vendors(exp: Explanation) -> list[str]:
    lines = ["", "Vendor events"]
    if not exp.context.publishers:
        return [*lines, "  no publisher of this model is in rules/vendors.toml"]
    for publisher in exp.context.publishers:
        vendor = publisher.vendor
        role = f"origin publisher, through {publisher.root}" if publisher.root else "publisher"
        drifting = "drifting closed" if vendor.drifting else "not drifting"
        lines.append(f"  {vendor.name} ({role}; {drifting})")
        for event in reversed(vendor.events):
            lines.append(
                f"    {str(event.date).ljust(10)}  {event.kind.ljust(22)}  "
                f"{event.confidence.ljust(10)}  {event.summary}"
            )
            lines.append(f"{'':16}source: {event.source}")
    if exp.alternatives:
        lines.append("  families that have stayed permissive:")
        lines.extend(f"    {a.name} ({a.license}): {a.summary}" for a in exp.alternatives)
    return lines


_LICENSE_KEYS = {"id", "name", "spdx", "category"}
_ALWAYS_SHOWN = {"model", "source"}  # the header already says these


def _flatten(prefix: str, value: Any, out: list[str]) -> None:
    if isinstance(value, dict) and _LICENSE_KEYS <= set(value) <= _LICENSE_KEYS | {"model"}:
        label = value["name"] if value["id"] == "other" and value["name"] else value["id"]
        owner = f"{value['model']}: " if "model" in value else ""
        out.append(f"{prefix}: {owner}{label or 'none'} ({value['category']})")
    elif isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), inner, out)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for index, inner in enumerate(value):
            _flatten(f"{prefix}[{index}]", inner, out)
    elif isinstance(value, list):
        if value:
            out.append(f"{prefix}: {', '.join(map(str, value))}")
    elif value is not None:
        out.append(f"{prefix}: {value}")


def _finding(finding: Finding) -> list[str]:
    lines = [
        f"  {finding.severity.value.upper()}  {finding.rule} {finding.name}: {finding.message}"
    ]
    if finding.advice:
        lines.append(f"      advice: {finding.advice}")
    details = dict(finding.details)
    score = details.pop("score", None)
    if isinstance(score, dict):
        lines.append(f"      score {score['total']} -> {score['severity']}:")
        for factor in score["factors"]:
            sign = f"+{factor['weight']}" if factor["applies"] else " 0"
            why = f": {factor['why']}" if factor["why"] else ""
            lines.append(f"        {sign.rjust(3)} {factor['factor']}{why}")
    facts: list[str] = []
    for key, value in details.items():
        if key in _ALWAYS_SHOWN:
            continue
        if key in _SHOWN_ABOVE:
            facts.append(f"{key}: see {_SHOWN_ABOVE[key]}")
        else:
            _flatten(key, value, facts)
    if facts:
        lines.append("      facts:")
        lines.extend(f"        {fact}" for fact in facts)
    return lines


def render_text(exp: Explanation) -> str:
    """The whole explanation, newline-terminated."""
    lines = _header(exp)
    if exp.record.status.value == "ok":
        lines += _provenance(exp) + _history(exp) + _license_file(exp) + _family(exp)
    lines += _vendors(exp)
    lines += ["", f"Findings ({len(exp.findings)})"]
    for finding in exp.findings:
        lines += _finding(finding)
    if not exp.findings:
        lines.append("  none")
    if exp.waived:
        lines += ["", f"Waived ({len(exp.waived)}): accepted by the project's policy"]
        for waived in exp.waived:
            finding = waived.finding
            lines.append(f"  {finding.rule} {finding.name}: {waived.reason} ({waived.waiver})")
    # Each entry is one line whatever the Hub put in its fields: a newline or an escape sequence
    # in a license name or card field is shown, never obeyed.
    return "\n".join(visible(line) for line in lines) + "\n"
