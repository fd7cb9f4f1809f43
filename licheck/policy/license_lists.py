"""``allow_licenses`` and ``deny_licenses`` of ``[tool.licheck]``: matching licenses to a list.

A list entry matches a classified license by its Hub id, its ``license_name`` or its SPDX id,
case-insensitively. ``carried`` gives the licenses a reference's weights carry (its own and
those up its ``base_model`` chain), ``allowed`` decides whether the allow list covers a finding,
``denied`` makes the ``license-denied`` finding. Reads evaluation results only; no I/O, and it
never decides which findings are kept (``apply`` does).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from licheck.records import Finding, LicenseInfo, Reference
from licheck.rules.evaluation import Evaluation
from licheck.rules.findings import finding_at
from licheck.rules.pack import Rule
from licheck.rules.taxonomy import OTHER, UNKNOWN, Taxonomy, normalize


class LicenseList:
    """A license list, matched against a ``LicenseInfo``'s id, license_name or SPDX id."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.entries = {normalize(e): e for e in entries}

    def __bool__(self) -> bool:
        return bool(self.entries)

    def match(self, info: LicenseInfo) -> str | None:
        """The entry (as the user wrote it) naming ``info``, or None."""
        lid = normalize(info.id)
        # `other` only says the name is elsewhere; it names no license by itself.
        for value in (None if lid == OTHER else lid, normalize(info.name), normalize(info.spdx)):
            if value is not None and value in self.entries:
                return self.entries[value]
        return None


def license_problem(taxonomy: Taxonomy, entry: str, *, allow: bool) -> str | None:
    """Why ``entry`` cannot be in a license list, or None when it can.

    It must name a license of the taxonomy: a typo in a deny list would let the license through.
    An allow entry must name a known license, not a placeholder such as ``unknown`` or ``cc``.
    """
    wanted = normalize(entry)
    everything = [*taxonomy.licenses.items(), *taxonomy.names.items()]
    found = [e for key, e in everything if wanted in (key, normalize(e.spdx), normalize(e.key))]
    if not found:
        options = {key for key, _ in everything} | {e.spdx.lower() for _, e in everything}
        close = difflib.get_close_matches(wanted or "", sorted(options), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        return f"{entry!r} is not a license id, license_name or SPDX id licheck knows{hint}"
    if allow and all(e.category == UNKNOWN for e in found):
        return f"{entry!r} names no license in particular; accept such models with a waiver"
    return None


def carried(evaluation: Evaluation, ref: Reference) -> list[tuple[str, LicenseInfo]]:
    """Every known license the reference's weights carry: its own (each one a card lists),
    then up the chain."""
    effective = evaluation.effective.get(ref.key)
    if effective is not None and effective.sources:
        return [(m, part) for m, info in effective.sources for part in info.each()]
    own = evaluation.licenses.get(ref.key)
    return [(ref.model, part) for part in own.each()] if own is not None else []


def allowed(
    finding: Finding,
    evaluation: Evaluation,
    ref: Reference | None,
    allow: LicenseList,
    allowable: frozenset[str],
) -> bool:
    """Whether ``allow`` covers every license the finding is about, with nothing unknown.

    Only findings of the ``allowable`` categories qualify (``RuleSet.allowable``, from the
    built-in ``rules/policy.toml``). The licenses are the model's own, every license up its chain
    (which must be complete) and, when the finding names one, its LICENSE file's.
    """
    if finding.category not in allowable or ref is None or ref.key not in evaluation.licenses:
        return False
    effective = evaluation.effective.get(ref.key)
    if effective is not None and not effective.complete:
        return False
    infos = [*evaluation.licenses[ref.key].each(), *(i for _m, i in carried(evaluation, ref))]
    named = finding.details.get("license_file")
    if isinstance(named, dict) and isinstance(named.get("license"), dict):
        lic = named["license"]
        category = lic.get("category") or UNKNOWN
        infos.append(LicenseInfo(lic.get("id"), lic.get("name"), lic.get("spdx"), category))
    return all(i.category != UNKNOWN and allow.match(i) is not None for i in infos)


def denied(rule: Rule, ref: Reference, evaluation: Evaluation, deny: LicenseList) -> Finding | None:
    """The ``license-denied`` finding for ``ref``, or None when it carries no denied license."""
    hits = [(m, i, e) for m, i in carried(evaluation, ref) if (e := deny.match(i)) is not None]
    if not hits:
        return None
    parts = [
        info.label + ("" if model == ref.model else f" (inherited from {model})")
        for model, info, _entry in hits
    ]
    message = f"{ref.model} carries {', '.join(parts)}, which deny_licenses forbids."
    details = {
        "model": ref.model,
        "source": ref.source.value,
        "denied": [{"model": m, "license": _lic(i), "entry": e} for m, i, e in hits],
    }
    return finding_at(rule, ref, message, rule.advice, details)


def _lic(info: LicenseInfo) -> dict[str, Any]:
    return {"id": info.id, "name": info.name, "spdx": info.spdx, "category": info.category}
