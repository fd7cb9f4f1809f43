"""``licheck explain MODEL`` and ``licheck vendors``: one model's provenance, history, family and
vendor events with the findings they trigger, and the vendor knowledge file as a listing.

``run`` resolves the model (with its chain, head, history and family) through the hub stage and
judges it as ``licheck scan`` does (rules, the project's policy and licheck.lock); ``build``
gathers the facts, ``text`` / ``data`` render them, ``vendors`` lists rules/vendors.toml. No
checking logic of its own: the pipeline's ``judge`` decides the findings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from licheck.explain.build import EXPLAIN_PATH, Explanation, explain, parse_target
from licheck.hub import HubSettings, resolve_provenance
from licheck.policy.apply import check_policy
from licheck.policy.parse import ProjectPolicy
from licheck.records import ModelKey
from licheck.rules import RuleSet

__all__ = ["EXPLAIN_PATH", "Explanation", "explain", "parse_target", "run"]


def run(
    key: ModelKey,
    ruleset: RuleSet,
    settings: HubSettings,
    *,
    today: dt.date | None = None,
    policy: ProjectPolicy | None = None,
    root: Path | None = None,
) -> Explanation:
    """Resolve ``key`` with its provenance (cache first; only the cache when offline), then
    explain it under the project's ``policy`` and the licheck.lock in ``root``."""
    if policy is not None:
        check_policy(policy, ruleset)  # a misspelt category or rule fails before the network
    from licheck.pipeline import with_drift  # what `licheck scan` reads, read the same way

    records = resolve_provenance([key], with_drift(settings, ruleset))
    return explain(
        key, ruleset, records, offline=settings.offline, today=today, policy=policy, root=root
    )
