"""A project's or an organisation's vendor knowledge merged over the built-in ``vendors.toml``.

Each ``RuleSource`` may hold, in ``rules/vendors.toml``'s format:

- ``[vendors.<slug>]`` for a vendor nobody defined yet: a whole vendor (name, namespaces,
  ollama, events);
- ``[vendors.<slug>]`` for a known vendor: additions only, any of ``[[vendors.<slug>.events]]``,
  ``namespaces`` and ``ollama`` (a vendor is named once; nobody renames licheck's);
- ``[alternatives.<slug>]``: a new alternative, replacing any known vendor.

Every event uses a kind of the built-in ``[kinds]``. Duplicates are errors naming the file and
the key: a vendor or alternative slug defined twice, a namespace or Ollama prefix another vendor
claims, an event (date, kind and models) already on record. Added events carry the label of
their file (``defined_in``), so a finding shows whose knowledge it rests on. Returns a new
``Vendors``; the one given is never changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from licheck.rules._toml import Table
from licheck.rules.additions import RuleSource, with_key
from licheck.rules.alternatives import load_alternatives
from licheck.rules.vendor_events import EventKind, read_events
from licheck.rules.vendors import Vendor, Vendors, claims, read_vendor

_ADDABLE = ("events", "namespaces", "ollama")


def add_vendors(vendors: Vendors, sources: Sequence[RuleSource]) -> Vendors:
    """``vendors`` with the sources' vendors, events and alternatives merged in."""
    vendor_tables = with_key(sources, "vendors")
    alternative_tables = with_key(sources, "alternatives")
    if not vendor_tables and not alternative_tables:
        return vendors
    by_slug = {vendor.slug: vendor for vendor in vendors.all()}
    origin = dict.fromkeys(by_slug, str(vendors.path))
    claimed = {claim: vendor.slug for vendor in vendors.all() for claim in claims(vendor)}
    for source, section in vendor_tables:
        for slug, table in section.children():
            known = by_slug.get(slug)
            if known is None:
                vendor = read_vendor(slug, table, vendors.kinds, source.label)
                origin[slug] = str(table.path)
                _claim(claimed, slug, claims(vendor), table)
            else:
                vendor = _extended(known, table, vendors.kinds, source.label, origin[slug])
                added = Vendor(slug, "", _list(table, "namespaces"), _list(table, "ollama"), ())
                _claim(claimed, slug, claims(added), table)
            by_slug[slug] = vendor
    alternatives = list(vendors.alternatives)
    for _source, section in alternative_tables:
        taken = {alternative.slug for alternative in alternatives}
        for alternative in load_alternatives(section, set(by_slug)):
            if alternative.slug in taken:
                problem = f"alternative '{alternative.slug}' is already defined"
                raise section.table(alternative.slug).error(None, problem)
            alternatives.append(alternative)
    labels = dict.fromkeys(s.label for s, _ in (*vendor_tables, *alternative_tables))
    return Vendors(
        vendors.path,
        vendors.reviewed,
        tuple(by_slug.values()),
        tuple(alternatives),
        vendors.kinds,
        (*vendors.additions, *labels),
    )


def _extended(
    vendor: Vendor, table: Table, kinds: Mapping[str, EventKind], label: str, first: str
) -> Vendor:
    """``vendor`` with what ``table`` adds: events, namespaces, Ollama prefixes."""
    if "name" in table.data or not table.data:
        raise table.error(
            None,
            f"vendor '{vendor.slug}' is already defined in {first}; a table for it may only add "
            f"{', '.join(_ADDABLE)}",
        )
    table.check_keys((), _ADDABLE)
    events = read_events(table, kinds, label) if "events" in table.data else []
    recorded = {event.identity: event for event in vendor.events}
    for index, event in enumerate(events):
        same = recorded.get(event.identity)
        if same is not None:
            where = same.defined_in or first
            raise table.tables("events")[index].error(
                None,
                f"vendor '{vendor.slug}' already has this event (same date, kind and models) "
                f"in {where}",
            )
    return Vendor(
        slug=vendor.slug,
        name=vendor.name,
        namespaces=(*vendor.namespaces, *_list(table, "namespaces")),
        ollama=(*vendor.ollama, *_list(table, "ollama")),
        # Stable sort: same-day events keep built-in first, then file order.
        events=tuple(sorted((*vendor.events, *events), key=lambda e: e.date)),
    )


def _list(table: Table, key: str) -> tuple[str, ...]:
    return table.text_list(key) if key in table.data else ()


def _claim(claimed: dict[str, str], slug: str, wanted: list[str], table: Table) -> None:
    for claim in wanted:
        owner = claimed.get(claim)
        if owner is not None and owner != slug:
            raise table.error(None, f"{claim} is already claimed by vendor '{owner}'")
        if owner == slug:
            raise table.error(None, f"vendor '{slug}' already has {claim}")
        claimed[claim] = slug
