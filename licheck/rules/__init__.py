"""The rules stage: turn references and resolved records into findings.

The rule *data* lives in the top-level ``rules/`` directory (shipped in wheels as
``licheck/_rules``); this package is the engine that loads and checks it (``ruleset``, ``pack``,
``taxonomy``, ``vendors``, ``vendor_events``, ``alternatives``, ``provenance.load``) and merges
a project's or an organisation's additions over it (``additions``, ``license_additions``,
``vendor_additions``), the predicates rules may use (``predicates``, ``provenance.predicates``),
the provenance facts they read (the ``provenance`` package: ``chain`` for chains and effective
licenses, ``changes`` for history, head, family and LICENSE file, ``fields`` and ``details`` for
their template text and finding details; ``drift``: publishers and the vendor-drift score;
``gather`` builds each reference's ``Context``), the evaluation (``evaluation``) and the one
findings builder with its fingerprint scheme (``findings``). The project's own policy (allow
and deny lists, categories, waivers) is applied afterwards by ``licheck.policy``. It must not
touch the network: records arrive already resolved.
"""

from __future__ import annotations

from licheck.rules.alternatives import Alternative
from licheck.rules.context import FIELDS, Context
from licheck.rules.evaluation import Evaluation, evaluate, knowledge
from licheck.rules.findings import fingerprint
from licheck.rules.gather import Knowledge, build_context
from licheck.rules.pack import Rule
from licheck.rules.predicates import REGISTRY, Condition
from licheck.rules.provenance.load import ProvenancePolicy
from licheck.rules.ruleset import RuleSet, builtin_rules_dir, load_ruleset, ruleset_for
from licheck.rules.taxonomy import LicenseEntry, Taxonomy
from licheck.rules.vendors import EventDate, EventKind, Vendor, VendorEvent, Vendors

__all__ = [
    "FIELDS",
    "REGISTRY",
    "Alternative",
    "Condition",
    "Context",
    "Evaluation",
    "EventDate",
    "EventKind",
    "Knowledge",
    "LicenseEntry",
    "ProvenancePolicy",
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
    "ruleset_for",
]
