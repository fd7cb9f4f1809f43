"""Finding and loading the rule data: built-in packs, the taxonomy, vendors, and the additions
of a project or an organisation.

The built-in directory holds these TOML files, told apart by file name: ``licenses.toml`` (the
taxonomy), ``vendors.toml`` (vendor knowledge and event kinds), ``provenance.toml`` (the
provenance and drift policy), ``scan.toml`` (the scan's vocabulary, read by
``licheck.scan.vocabulary``) and every other ``*.toml`` (a rule pack; ``policy.toml`` also says
which finding categories ``allow_licenses`` may silence). The built-in data is read once per
process and kept while its files are unchanged. Rules folders and ``[tool.licheck]`` add to it
(see ``licheck.rules.additions``): licenses and re-grades first, then vendors, then their rule
packs, which may use the added licenses. This module reads files; it never evaluates rules.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from licheck.builtin_rules import builtin_rules_dir
from licheck.config import Config
from licheck.errors import RuleFileError
from licheck.rules import parsed
from licheck.rules._toml import Table, load_toml
from licheck.rules.additions import RuleSource, folder_sources, inline_source, toml_files
from licheck.rules.license_additions import add_licenses
from licheck.rules.pack import Rule, read_pack
from licheck.rules.provenance.load import ProvenancePolicy, load_provenance
from licheck.rules.taxonomy import Taxonomy, load_taxonomy
from licheck.rules.vendor_additions import add_vendors
from licheck.rules.vendors import Vendors, load_vendors

TAXONOMY_FILE = "licenses.toml"
VENDORS_FILE = "vendors.toml"
PROVENANCE_FILE = "provenance.toml"
SCAN_FILE = "scan.toml"
SPECIAL_FILES = frozenset({TAXONOMY_FILE, VENDORS_FILE, PROVENANCE_FILE, SCAN_FILE})
# The built-in pack of the project-policy rules; it also lists what an allow list may silence.
PROJECT_POLICY_PACK = "policy.toml"
ALLOWABLE_KEY = "allowable_categories"

__all__ = ["RuleSet", "builtin_rules_dir", "load_ruleset", "ruleset_for"]


@dataclass(frozen=True)
class RuleSet:
    """All loaded rules plus the taxonomy, vendor knowledge and policy they rely on.

    ``allowable`` holds the finding categories ``allow_licenses`` may silence; ``additions``
    names the files (and ``[tool.licheck]``) whose rule data was merged over the built-ins.
    """

    rules: tuple[Rule, ...]
    taxonomy: Taxonomy
    vendors: Vendors
    provenance: ProvenancePolicy
    packs: tuple[Path, ...] = ()
    allowable: frozenset[str] = frozenset()
    additions: tuple[str, ...] = ()

    def get(self, key: str) -> Rule | None:
        """The rule with this id or name (case-insensitive), e.g. for checking suppressions."""
        wanted = key.strip().lower()
        return next((r for r in self.rules if wanted in (r.id.lower(), r.name)), None)


@dataclass(frozen=True)
class _Builtin:
    taxonomy: Taxonomy
    vendors: Vendors
    provenance: ProvenancePolicy
    packs: tuple[tuple[Path, tuple[Rule, ...]], ...]
    allowable: frozenset[str]


def load_ruleset(
    extra_dirs: Sequence[Path] = (),
    *,
    inline: RuleSource | None = None,
    builtin: Path | None = None,
    cache_dir: Path | None = None,
) -> RuleSet:
    """The built-in data and packs, with the rules folders ``extra_dirs`` (folders or files, in
    order) and the ``inline`` data of ``[tool.licheck]`` merged over them.

    ``builtin`` replaces the built-in directory (tests use it). Packs load in file-name order
    within a directory; a rule id or name defined twice anywhere is a ``RuleFileError``, and so
    is any duplicate license, re-grade, vendor, claim or event (see the additions modules).
    ``cache_dir`` keeps the built-in files' parses across runs (``licheck.rules.parsed``).
    """
    core = _builtin(builtin if builtin is not None else builtin_rules_dir(), cache_dir)
    sources = folder_sources(extra_dirs)
    if inline is not None:
        sources.append(inline)
    taxonomy = add_licenses(core.taxonomy, sources)
    vendors = add_vendors(core.vendors, sources)
    packs = [*core.packs, *((s.path, read_pack(s.table, taxonomy)) for s in sources)]
    rules: list[Rule] = []
    first_seen: dict[str, Rule] = {}
    for path, pack in packs:
        for index, rule in enumerate(pack):
            for key, value in (("id", rule.id.lower()), ("name", rule.name)):
                clash = first_seen.get(value)
                if clash is not None:
                    raise RuleFileError(
                        path,
                        f"rule[{index}].{key}",
                        f"duplicate rule {key} '{getattr(rule, key)}' (first defined in "
                        f"{clash.pack}, rule {clash.id})",
                    )
            # Ids and names share one namespace because suppressions accept either.
            first_seen[rule.id.lower()] = rule
            first_seen[rule.name] = rule
            rules.append(rule)
    pack_files = [path for path, _ in core.packs]
    pack_files += [s.path for s in sources if "rule" in s.table.data or not s.table.data]
    additions = tuple(s.label for s in sources if s.table.data)
    return RuleSet(
        tuple(rules),
        taxonomy,
        vendors,
        core.provenance,
        tuple(pack_files),
        core.allowable,
        additions,
    )


def ruleset_for(config: Config, cache_dir: Path | None = None) -> RuleSet:
    """The rules a run with ``config`` uses: the built-ins, its rules folders (``config.rules``)
    and the rule data of its ``[tool.licheck]``; ``cache_dir`` as for ``load_ruleset``."""
    inline = inline_source(config.source, config.rule_data)
    return load_ruleset(config.rules, inline=inline, cache_dir=cache_dir)


def _builtin(base: Path, cache_dir: Path | None) -> _Builtin:
    # Keyed on each file's size and time, so an edited built-in file (tests write copies) is
    # read again, while every other load in the process reuses the parsed data (whatever the
    # cache folder: it only saves parsing, and is read only when a file must be parsed).
    stats = ((p.name, p.stat()) for p in sorted(base.glob("*.toml")))
    signature = tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)
    with parsed.kept(cache_dir):
        return _read_builtin(base, signature)


@functools.lru_cache(maxsize=8)
def _read_builtin(base: Path, _signature: tuple[tuple[str, int, int], ...]) -> _Builtin:
    taxonomy = load_taxonomy(_required(base / TAXONOMY_FILE))
    vendors = load_vendors(_required(base / VENDORS_FILE))
    provenance = load_provenance(_required(base / PROVENANCE_FILE), taxonomy)
    packs: list[tuple[Path, tuple[Rule, ...]]] = []
    allowable: Table | None = None
    for path in toml_files(base):
        if path.name in SPECIAL_FILES:
            continue
        root = Table(path, "", load_toml(path))
        if path.name == PROJECT_POLICY_PACK:
            root.check_keys((ALLOWABLE_KEY,), ("rule",))
            allowable = root
        else:
            root.check_keys((), ("rule",))
        packs.append((path, read_pack(root, taxonomy)))
    if allowable is None:
        raise RuleFileError(base / PROJECT_POLICY_PACK, None, "required rule data file is missing")
    return _Builtin(taxonomy, vendors, provenance, tuple(packs), _allowable(allowable, packs))


def _allowable(root: Table, packs: list[tuple[Path, tuple[Rule, ...]]]) -> frozenset[str]:
    categories = {rule.category for _, pack in packs for rule in pack}
    listed = root.text_list(ALLOWABLE_KEY)
    for name in listed:
        if name not in categories:
            known = ", ".join(sorted(categories))
            raise root.error(ALLOWABLE_KEY, f"'{name}' is no built-in rule's category ({known})")
    return frozenset(listed)


def _required(path: Path) -> Path:
    if not path.is_file():
        raise RuleFileError(path, None, "required rule data file is missing")
    return path
