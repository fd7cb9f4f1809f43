"""The rules stage: turn references and resolved records into findings.

The rule *data* lives in the top-level ``rules/`` directory (shipped in wheels as
``licheck/_rules``); this package is the engine that loads and checks it (``ruleset``, ``pack``,
``taxonomy``, ``vendors``), the predicates rules may use (``predicates``) and the evaluation
(``engine``). It must not touch the network: records arrive already resolved.
"""

from __future__ import annotations

from licheck.rules.context import FIELDS, Context
from licheck.rules.engine import Evaluation, evaluate, fingerprint
from licheck.rules.pack import Rule
from licheck.rules.predicates import REGISTRY, Condition
from licheck.rules.ruleset import RuleSet, builtin_rules_dir, load_ruleset
from licheck.rules.taxonomy import LicenseEntry, Taxonomy
from licheck.rules.vendors import CLOSING_KINDS, EventDate, Vendor, VendorEvent, Vendors

__all__ = [
    "CLOSING_KINDS",
    "FIELDS",
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
    "builtin_rules_dir",
    "evaluate",
    "fingerprint",
    "load_ruleset",
]
