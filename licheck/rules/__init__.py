"""The rules stage: turn references and resolved records into findings.

The rule *data* lives in the top-level ``rules/`` directory (shipped in wheels as
``licheck/_rules``); this package is the engine that loads and checks it (``ruleset``, ``pack``,
``taxonomy``, ``vendors``), the predicates rules may use (``predicates``) and the evaluation
(``engine``). It must not touch the network: records arrive already resolved.
"""

from __future__ import annotations

from licheck.rules.context import FIELDS, Context
from licheck.rules.engine import Evaluation, evaluate, fingerprint, knowledge
from licheck.rules.gather import Knowledge, build_context
from licheck.rules.pack import Rule
from licheck.rules.policy import Policy
from licheck.rules.predicates import REGISTRY, Condition
from licheck.rules.ruleset import RuleSet, builtin_rules_dir, load_ruleset
from licheck.rules.taxonomy import LicenseEntry, Taxonomy
from licheck.rules.vendors import (
    CLOSING_KINDS,
    Alternative,
    EventDate,
    Vendor,
    VendorEvent,
    Vendors,
)

__all__ = [
    "CLOSING_KINDS",
    "Alternative",
    "FIELDS",
    "Knowledge",
    "Policy",
    "REGISTRY",
    "Condition",
    "Context",
    "Evaluation",
    "EventDate",
    "LicenseEntry",
    "Rule",
    "RuleSet",
    "Taxonomy",
    "Vendor",
    "VendorEvent",
    "Vendors",
    "build_context",
    "builtin_rules_dir",
    "evaluate",
    "fingerprint",
    "knowledge",
    "load_ruleset",
]
