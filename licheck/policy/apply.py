"""The user's project policy (``[tool.licheck]``) applied to the findings of the rules stage.

``check_policy`` checks the names a ``ProjectPolicy`` uses against the loaded rules and the
taxonomy (call it right after loading the rules, before the network). ``apply_policy`` then, in
this order: adds a ``license-denied`` finding at every reference of a model carrying a
``deny_licenses`` license; drops the license findings ``allow_licenses`` covers; silences or
re-grades categories; moves the findings an active ``accept`` waiver covers to ``waived``; adds
``waiver-expired`` and ``waiver-unused`` findings (graded by ``categories`` too). It does no I/O
and never changes the evaluation it is given. (The built-in provenance policy of
``rules/provenance.toml`` is another thing: ``licheck.rules.provenance.load``.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from licheck.errors import RuleFileError
from licheck.policy.license_lists import LicenseList, allowed, denied, license_problem
from licheck.policy.parse import ProjectPolicy, config_error
from licheck.policy.waivers import config_path, waive
from licheck.records import Finding, Reference, Severity, Waived
from licheck.rules.evaluation import Evaluation, is_suppressed, order_key
from licheck.rules.pack import Rule
from licheck.rules.ruleset import RuleSet

DENIED, EXPIRED, UNUSED = "LC901", "LC902", "LC903"
_Place = tuple[str | None, int | None, int | None, str]


@dataclass(frozen=True)
class PolicyOutcome:
    """What a report shows after the policy: ``findings`` (most severe first) and ``waived``.

    ``silenced`` holds what ``allow_licenses`` or a ``false`` category dropped, ``suppressed``
    the policy's own findings an inline ignore silenced; both are for counts only.
    """

    findings: tuple[Finding, ...]
    waived: tuple[Waived, ...] = ()
    silenced: tuple[Finding, ...] = ()
    suppressed: tuple[Finding, ...] = ()


def check_policy(policy: ProjectPolicy, ruleset: RuleSet) -> None:
    """Raise ``ConfigError`` (naming the key) for a category, rule or license nobody knows."""
    src = policy.source
    categories = sorted({rule.category for rule in ruleset.rules})
    for name, _setting in policy.categories:
        if name not in categories:
            known = f"known: {', '.join(categories)}"
            raise config_error(src, f"categories.{name}", f"is not a finding category ({known})")
    for key, entries in (("allow", policy.allow_licenses), ("deny", policy.deny_licenses)):
        for index, entry in enumerate(entries):
            problem = license_problem(ruleset.taxonomy, entry, allow=key == "allow")
            if problem:
                raise config_error(src, f"{key}_licenses[{index}]", problem)
    names = {r.id.lower() for r in ruleset.rules} | {r.name for r in ruleset.rules}
    for waiver in policy.accept:
        for index, token in enumerate(waiver.rules):
            if token.lower() not in names and token.lower() not in categories:
                problem = f"{token!r} is not a rule id, rule name or category of the loaded rules"
                raise config_error(src, f"{waiver.key}.rules[{index}]", problem, waiver.line)
    if policy.deny_licenses or policy.accept:
        for rule_id in (DENIED, EXPIRED, UNUSED):
            _rule(ruleset, rule_id)


def apply_policy(
    evaluation: Evaluation,
    references: Sequence[Reference],
    ruleset: RuleSet,
    policy: ProjectPolicy,
    *,
    today: dt.date,
    root: Path | None = None,
    whole_tree: bool = True,
    ordered: bool = False,
) -> PolicyOutcome:
    """Apply ``policy`` to ``evaluation`` (see the module docstring for the order).

    ``today`` decides which waivers have expired (one ``expires`` on ``today`` still holds);
    ``root`` makes the config file's path in waiver findings relative to the scan root;
    ``whole_tree`` False (only some files scanned) skips ``waiver-unused``, which would be noise;
    ``ordered`` says the evaluation's findings are already in the engine's order (``evaluate``
    made them), so a policy that changes nothing need not sort them again.
    """
    check_policy(policy, ruleset)
    if not (policy.deny_licenses or policy.allow_licenses or policy.categories or policy.accept):
        # Nothing to add, drop, re-grade or waive: the findings, in the engine's order.
        findings = evaluation.findings
        return PolicyOutcome(findings if ordered else _ordered(findings))
    found = list(evaluation.findings)
    suppressed: list[Finding] = []
    if policy.deny_licenses:
        rule, deny = _rule(ruleset, DENIED), LicenseList(policy.deny_licenses)
        for ref in references:
            finding = denied(rule, ref, evaluation, deny)
            if finding is not None:
                (suppressed if is_suppressed(ref, rule) else found).append(finding)
    silenced: list[Finding] = []
    if policy.allow_licenses:
        allow = LicenseList(policy.allow_licenses)
        at: dict[_Place, Reference] = {(r.path, r.line, r.column, r.model): r for r in references}
        kept: list[Finding] = []
        for f in found:
            place = at.get((f.path, f.line, f.column, f.model))
            covered = allowed(f, evaluation, place, allow, ruleset.allowable)
            (silenced if covered else kept).append(f)
        found = kept
    found = _graded(policy, found, silenced)
    waived: list[Waived] = []
    notes: list[Finding] = []
    if policy.accept:
        found, waived, notes = waive(
            policy.accept,
            found,
            today,
            expired_rule=_rule(ruleset, EXPIRED),
            unused_rule=_rule(ruleset, UNUSED),
            where=config_path(policy.source, root),
        )
        notes = _graded(policy, [n for n in notes if whole_tree or n.rule != UNUSED], silenced)
    return PolicyOutcome(
        _ordered([*found, *notes]), tuple(waived), tuple(silenced), tuple(suppressed)
    )


def _graded(policy: ProjectPolicy, findings: list[Finding], off: list[Finding]) -> list[Finding]:
    """The findings the ``categories`` table keeps, re-graded; silenced ones go to ``off``."""
    if not policy.categories:
        return findings
    kept: list[Finding] = []
    for finding in findings:
        setting = policy.setting(finding.category)
        if setting is False:
            off.append(finding)
        elif isinstance(setting, Severity) and setting is not finding.severity:
            kept.append(replace(finding, severity=setting))
        else:
            kept.append(finding)
    return kept


def _rule(ruleset: RuleSet, rule_id: str) -> Rule:
    rule = ruleset.get(rule_id)
    if rule is None:
        raise RuleFileError("policy.toml", rule_id, "built-in policy rule missing; reinstall")
    return rule


def _ordered(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    # The engine's order: most severe first, then by place.
    return tuple(sorted(findings, key=order_key))
