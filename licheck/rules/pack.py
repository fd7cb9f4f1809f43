"""Rule packs: TOML files of ``[[rule]]`` tables, read into frozen ``Rule`` records.

Every key of a rule is checked here (unknown keys, severities, predicates and their arguments,
template fields) so that a broken pack fails at load time with the file and the key. Loading a
pack never evaluates anything.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import licheck.rules.provenance.predicates  # noqa: F401  (registers its predicates)
from licheck.records import RuleInfo, Severity
from licheck.rules._toml import Table, load_toml
from licheck.rules.context import FIELDS, Context
from licheck.rules.drift import SCORERS
from licheck.rules.predicates import Condition, compile_condition
from licheck.rules.taxonomy import Taxonomy

_ID = re.compile(r"[A-Z][A-Z0-9]*[0-9]+")
_KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_REQUIRED = ("id", "name", "severity", "category", "summary", "help", "message", "advice", "when")
_OPTIONAL = ("help_uri", "score")


@dataclass(frozen=True)
class Rule:
    """One rule: metadata for reports, templates for the finding, conditions that must all hold."""

    id: str
    name: str
    severity: Severity
    category: str
    summary: str
    help: str
    help_uri: str | None
    message: str
    advice: str
    conditions: tuple[Condition, ...]
    pack: Path
    # A scorer (licheck.rules.drift.SCORERS) that sets the finding's severity; ``severity`` is
    # then the default a report shows for the rule.
    score: str | None = None

    def matches(self, ctx: Context) -> bool:
        """True when every condition holds for ``ctx``."""
        return all(condition.test(ctx) for condition in self.conditions)

    @property
    def info(self) -> RuleInfo:
        """The rule as report formats describe it."""
        return RuleInfo(
            self.id,
            self.name,
            self.severity,
            self.category,
            self.summary,
            self.help,
            self.help_uri,
        )

    @cached_property  # read for every finding judged; the conditions never change
    def topics(self) -> tuple[str, ...]:
        """The fact topics the conditions read, in order, without repeats."""
        return tuple(dict.fromkeys(t for c in self.conditions for t in c.topics))


def load_pack(path: Path, taxonomy: Taxonomy) -> tuple[Rule, ...]:
    """Read one rule pack; an empty pack is allowed (a team may stage one)."""
    root = Table(path, "", load_toml(path))
    root.check_keys((), ("rule",))
    return read_pack(root, taxonomy)


def read_pack(root: Table, taxonomy: Taxonomy) -> tuple[Rule, ...]:
    """The ``[[rule]]`` tables of a file already read (its other keys are the caller's)."""
    if "rule" not in root.data:
        return ()
    return tuple(_rule(table, root.path, taxonomy) for table in root.tables("rule"))


def _rule(table: Table, path: Path, taxonomy: Taxonomy) -> Rule:
    table.check_keys(_REQUIRED, _OPTIONAL)
    rule_id = table.text("id")
    if not _ID.fullmatch(rule_id):
        raise table.error("id", f"'{rule_id}' is not an id like LC101 (capitals, then digits)")
    name = _kebab(table, "name")
    category = _kebab(table, "category")
    severity_text = table.text("severity")
    try:
        severity = Severity(severity_text)
    except ValueError:
        known = ", ".join(s.value for s in Severity)
        raise table.error("severity", f"'{severity_text}' is not one of: {known}") from None
    help_uri = table.opt_text("help_uri")
    if help_uri is not None and not help_uri.startswith(("https://", "http://")):
        raise table.error("help_uri", "expected an http(s) URL")
    when = table.table("when")
    if not when.data:
        raise when.error(None, "needs at least one condition (a rule that always fires is a bug)")
    conditions = tuple(compile_condition(when, key, taxonomy) for key in when.data)
    score = table.opt_text("score")
    if score is not None and score not in SCORERS:
        raise table.error("score", f"unknown scorer '{score}'; known: {', '.join(sorted(SCORERS))}")
    return Rule(
        id=rule_id,
        name=name,
        severity=severity,
        category=category,
        summary=table.text("summary"),
        help=table.text("help"),
        help_uri=help_uri,
        message=_template(table, "message"),
        advice=_template(table, "advice"),
        conditions=conditions,
        pack=path,
        score=score,
    )


def _kebab(table: Table, key: str) -> str:
    value = table.text(key)
    if not _KEBAB.fullmatch(value):
        raise table.error(key, f"'{value}' must be lower-case kebab-case")
    return value


def _template(table: Table, key: str) -> str:
    # Plain {name} fields only: attribute or index access in a user's pack could reach
    # into Python objects, and format specs would only hide typos.
    text = table.text(key)
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise table.error(key, f"bad template: {exc} (write {{{{ and }}}} for braces)") from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if field not in FIELDS:
            known = ", ".join(sorted(FIELDS))
            raise table.error(key, f"unknown field {{{field}}}; known: {known}")
        if spec or conversion:
            raise table.error(key, f"field {{{field}}} takes no format spec or conversion")
    return text
