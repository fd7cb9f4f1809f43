"""The SARIF 2.1.0 report, shaped for GitHub code scanning (``upload-sarif``).

One run, one ``tool.driver`` carrying every rule's metadata, one result per finding with a
relative artifact URI under ``%SRCROOT%`` and the finding's stable fingerprint, so alerts
survive line moves. This module only reads the ``Report``: no file system, no network.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from itertools import chain
from pathlib import PurePath
from typing import Any

from licheck import __version__
from licheck.records import Finding, Reference, Report, RuleInfo, Severity, Waived
from licheck.report import VALUE, jsontext

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/licheck/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "licheck/v1"
# GitHub drops a result without a location; a finding that names no file (an expired waiver, a
# lock entry no longer referenced) is pinned here, where licheck's policy and waivers live.
FALLBACK_URI = "pyproject.toml"

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub buckets security-severity as >= 9.0 critical, 7.0-8.9 high, 4.0-6.9 medium, < 4 low.
SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}

_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_MD_MARKS = re.compile(r"(\*\*|__|`)")


def _plain(markdown: str) -> str:
    """Help as plain text: links spelled out, emphasis and code marks dropped."""
    return _MD_MARKS.sub("", _MD_LINK.sub(r"\1 (\2)", markdown)).strip()


def _rule(info: RuleInfo) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": f"{info.summary} (category: {info.category})"},
        "help": {"text": _plain(info.help) or info.summary, "markdown": info.help or info.summary},
    }
    if info.help_uri:
        rule["helpUri"] = info.help_uri
    rule["defaultConfiguration"] = {"level": LEVELS[info.severity]}
    # GitHub only honours security-severity on rules tagged "security".
    rule["properties"] = {
        "tags": sorted({info.category, "license", "security", "supply-chain"}),
        "precision": "high",
        "security-severity": SECURITY_SEVERITY[info.severity],
    }
    return rule


def _rules(report: Report) -> list[RuleInfo]:
    """Every rule the report declares, plus any a finding names that the report does not."""
    rules = {r.id: r for r in report.rules}
    for f in (*report.findings, *(w.finding for w in report.waived)):
        if f.rule not in rules:
            rules[f.rule] = RuleInfo(
                id=f.rule,
                name=f.name,
                severity=f.severity,
                category=f.category,
                summary=f.name,
                help=f.advice or f.name,
            )
    return sorted(rules.values(), key=lambda r: r.id)


def _physical(uri: str, line: int | None, column: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "uriBaseId": SRCROOT}}
    if line:
        region: dict[str, int] = {"startLine": line}
        if column:
            region["startColumn"] = column
        physical["region"] = region
    return physical


def _location(finding: Finding, first_use: dict[str, Reference]) -> tuple[dict[str, Any], bool]:
    """The finding's location, and whether it is a stand-in for a finding with no file."""
    if finding.path:
        return _physical(_uri(finding.path), finding.line, finding.column), False
    ref = first_use.get(finding.model)
    if ref is not None:
        return _physical(_uri(ref.path), ref.line, ref.column), True
    return _physical(FALLBACK_URI, 1, 1), True


def _uri(path: str) -> str:
    """A relative POSIX URI; percent-encoding is left to consumers, as GitHub expects."""
    return path.replace("\\", "/").removeprefix("./")


def _fingerprint(finding: Finding) -> str:
    # Every finding licheck builds has one (licheck.rules.findings); a Finding made by hand
    # without it gets this longer digest, which the reports already publish and keep.
    if finding.fingerprint:
        return finding.fingerprint
    raw = "\0".join((finding.rule, finding.model, finding.path or "", finding.message))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


Written = dict[tuple[str, int, int, str], Reference]  # where each reference's id is written


def _related(finding: Finding, written: Written) -> list[dict[str, Any]]:
    """The places that load the finding's reference, when its id is written elsewhere."""
    if not finding.path or not finding.line:
        return []
    ref = written.get((finding.path, finding.line, finding.column or 0, finding.model))
    if ref is None:
        return []
    return [
        {
            "id": i,
            "physicalLocation": _physical(_uri(ref.path), use.line, use.column),
            "message": {"text": f"loaded here ({use.context})" if use.context else "loaded here"},
        }
        for i, use in enumerate(ref.uses)
    ]


def _result(
    finding: Finding, index: int, first_use: dict[str, Reference], written: Written
) -> dict[str, Any]:
    location, fallback = _location(finding, first_use)
    text = finding.message.strip()
    if finding.advice:
        # GitHub shows the first sentence where space is short: keep the message first and whole.
        text = f"{text}{'' if text.endswith(('.', '!', '?')) else '.'} {finding.advice.strip()}"
    properties: dict[str, Any] = {
        "model": finding.model,
        "category": finding.category,
        "severity": VALUE[finding.severity],
    }
    if fallback:
        properties["locationIsFallback"] = True
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(finding)},
        "properties": properties,
    }
    related = _related(finding, written)
    if related:
        result["relatedLocations"] = related
    return result


def _waived(
    waived: Waived, index: int, first_use: dict[str, Reference], written: Written
) -> dict[str, Any]:
    """A waived finding as a suppressed result: code scanning shows it as dismissed, with why."""
    result = _result(waived.finding, index, first_use, written)
    result["suppressions"] = [
        {"kind": "external", "status": "accepted", "justification": waived.reason}
    ]
    return result


def _root_uri(root: str) -> dict[str, Any]:
    path = PurePath(root)
    if path.is_absolute():
        return {"uri": path.as_uri().rstrip("/") + "/"}
    return {"description": {"text": "The root of the scanned project."}}


def _notifications(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "level": "warning",
            "message": {"text": f"Skipped: {s.reason}"},
            "locations": [{"physicalLocation": _physical(_uri(s.path), None, None)}],
        }
        for s in report.skipped
    ] + [
        {
            "level": "note",
            "message": {
                "text": f"Possible model reference {c.reference.model} (a candidate): {c.reason}"
            },
            "locations": [
                {
                    "physicalLocation": _physical(
                        _uri(c.reference.path), c.reference.line, c.reference.column
                    )
                }
            ],
        }
        for c in report.candidates
    ]


def to_sarif(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The SARIF log as plain data.

    ``lazy``: its runs and their results are ``jsontext.Lazy``, made while the text is written,
    so the results (one per finding) never all exist at once.
    """
    many: Any = jsontext.Lazy if lazy else list
    rules = _rules(report)
    index = {r.id: i for i, r in enumerate(rules)}
    first_use: dict[str, Reference] = {}
    # Reference's own order, by its sort key rather than a __lt__ call per comparison.
    for ref in sorted(report.references, key=Reference.order):
        first_use.setdefault(ref.model, ref)
    written = {(r.path, r.line, r.column, r.model): r for r in report.references}
    invocation: dict[str, Any] = {"executionSuccessful": True}
    notifications = _notifications(report)
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "licheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(r) for r in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: _root_uri(report.root)},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": many(_results(report, index, first_use, written)),
        "properties": {"offline": report.offline, "filesScanned": report.files_scanned},
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": many([run])}


def _results(
    report: Report, index: dict[str, int], first_use: dict[str, Reference], written: Written
) -> Iterator[dict[str, Any]]:
    """A result per finding, then per waived finding; on each about a model a facts bundle
    answered, which bundle, and when."""
    bundled = {r.model: r for r in report.models if r.facts_source is not None}
    for result in chain(
        (_result(f, index[f.rule], first_use, written) for f in report.findings),
        (_waived(w, index[w.finding.rule], first_use, written) for w in report.waived),
    ):
        record = bundled.get(result["properties"].get("model")) if bundled else None
        if record is not None:
            result["properties"]["factsSource"] = record.facts_source
            result["properties"]["recordedAt"] = record.recorded_at
            result["message"]["text"] += f" (Hub facts {record.answered_by}.)"
        yield result


def render_sarif(report: Report) -> str:
    """The SARIF text, indented and newline-terminated."""
    return jsontext.dumps(to_sarif(report, lazy=True), indent=2, ensure_ascii=False, end="\n")
