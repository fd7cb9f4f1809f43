"""The ``accept`` waivers of ``[tool.licheck]``: what they cover, and findings about them.

A waiver covers a finding when its model pattern matches the finding's model and one of its
``rules`` is the finding's rule id, rule name or category (never its line, so waivers survive
edits). ``waive`` moves covered findings aside with the waiver's reason and reports expired
waivers (which cover nothing) and unused ones, built by ``licheck.rules.findings``. No I/O;
``apply`` decides the order.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from licheck.policy.parse import Waiver
from licheck.records import Finding, Waived
from licheck.rules.findings import build, identity
from licheck.rules.pack import Rule


def covers(waiver: Waiver, finding: Finding) -> bool:
    """Whether ``waiver`` names this finding's model and rule (expiry is not checked here)."""
    if not fnmatch.fnmatchcase(finding.model.lower(), waiver.model.lower()):
        return False
    names = {finding.rule.lower(), finding.name.lower(), finding.category.lower()}
    return any(token.lower() in names for token in waiver.rules)


def waive(
    accept: Sequence[Waiver],
    findings: Sequence[Finding],
    today: dt.date,
    *,
    expired_rule: Rule,
    unused_rule: Rule,
    where: str | None,
) -> tuple[list[Finding], list[Waived], list[Finding]]:
    """(findings left, findings waived, findings about the waivers themselves).

    The first active waiver in file order that covers a finding takes it. ``where`` is the
    config file as the waiver findings name it.
    """
    active = [w for w in accept if not w.expired(today)]
    left: list[Finding] = []
    waived: list[Waived] = []
    used: set[int] = set()
    for finding in findings:
        waiver = next((w for w in active if covers(w, finding)), None)
        if waiver is None:
            left.append(finding)
            continue
        used.add(waiver.index)
        expires = waiver.expires.isoformat() if waiver.expires else None
        waived.append(Waived(finding, waiver.reason, waiver.model, waiver.rules, expires))
    notes: list[Finding] = []
    for waiver in accept:
        rules = ", ".join(waiver.rules)
        if waiver.expired(today):
            again = sum(covers(waiver, f) for f in left)
            text = (
                f"The waiver {waiver.key} for {waiver.model} ({rules}) expired on "
                f"{waiver.expires}: {again} finding(s) it covered are reported again. "
                f"Its reason was: {waiver.reason}"
            )
            notes.append(_note(expired_rule, waiver, text, where, again))
        elif waiver.index not in used:
            text = f"The waiver {waiver.key} for {waiver.model} ({rules}) matches no finding."
            notes.append(_note(unused_rule, waiver, text, where, 0))
    return left, waived, notes


def config_path(source: Path | None, root: Path | None) -> str | None:
    """The config file as findings name it: POSIX, relative to the scan root when inside it."""
    if source is None:
        return None
    if root is not None:
        try:
            return source.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return source.as_posix()


def _note(rule: Rule, waiver: Waiver, message: str, where: str | None, covered: int) -> Finding:
    # Model and rules identify a waiver; its line, reason and date may change without a new id.
    parts = (rule.id, waiver.model.lower(), "\x1e".join(waiver.rules), where or "")
    return build(
        rule,
        model=waiver.model,
        message=message,
        advice=rule.advice,
        path=where,
        line=waiver.line,
        column=1 if waiver.line else None,
        fingerprint=identity(parts),
        details={"waiver": _waiver_dict(waiver), "covers": covered},
    )


def _waiver_dict(waiver: Waiver) -> dict[str, Any]:
    return {
        "model": waiver.model,
        "rules": list(waiver.rules),
        "reason": waiver.reason,
        "expires": waiver.expires.isoformat() if waiver.expires else None,
        "index": waiver.index,
    }
