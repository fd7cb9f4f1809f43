"""Facts bundles as a read-only layer under the cache, and the log of which answers a run used.

A bundle (``licheck facts export``, format in ``licheck.facts.format``) carries rows of the
cache's own two tables: lookups keyed by (model, revision), deeper facts keyed by (kind, key).
``Bundled`` holds the rows of the bundles a run was given (already validated) and answers
``HubCache``'s offline misses from them; each answer says which bundle it came from and when it
was fetched. It also records which rows a run read or wrote, so an export writes exactly the
facts the project used, whatever kinds of facts the hub stage keeps. Nothing here writes a file
or touches the network.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

RECORDS = "records"
FACTS = "facts"
# A week of missed refreshes is normal (holidays, a broken scheduled job); a month-old answer
# about a branch may already be wrong (relicensing events land within weeks of each other).
DEFAULT_MAX_AGE_DAYS = 30.0
RowKey = tuple[str, str, str, str]  # (table, endpoint, model or kind, revision or key)


@dataclass(frozen=True)
class Row:
    """One stored answer, as the cache keeps it: ``data`` is its JSON text. ``first`` is the
    model (records) or the fact kind (facts); ``second`` the revision ("" for the default
    branch) or the fact's key. ``origin`` names the bundle it came from ("" for the cache)."""

    table: str
    endpoint: str
    first: str
    second: str
    stored_at: float
    immutable: bool
    data: str
    origin: str = ""

    @property
    def key(self) -> RowKey:
        """The row's identity in the cache."""
        return (self.table, self.endpoint, self.first, self.second)


def iso_time(stamp: float) -> str:
    """A POSIX time as ISO-8601 UTC with seconds, as bundles and reports write it."""
    moment = dt.datetime.fromtimestamp(stamp, tz=dt.timezone.utc).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


class Bundled:
    """The rows of the bundles given to a run (the first bundle naming a row wins, whatever
    endpoint it was fetched from: a bundle is an answer the user chose to trust), plus the keys
    of every row the run used."""

    def __init__(
        self,
        rows: Iterable[Row] = (),
        *,
        max_age_days: float = DEFAULT_MAX_AGE_DAYS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._rows: dict[tuple[str, str, str], Row] = {}
        for row in rows:
            self._rows.setdefault((row.table, row.first, row.second), row)
        self.max_age_days = max_age_days
        self._clock = clock
        self.used: set[RowKey] = set()

    @property
    def empty(self) -> bool:
        """True when no bundle row is held (a run that only logs what it uses)."""
        return not self._rows

    def find(self, table: str, first: str, second: str) -> Row | None:
        """The bundled row for a cache key, or None."""
        return self._rows.get((table, first, second))

    def rows(self) -> list[Row]:
        """Every bundled row."""
        return list(self._rows.values())

    def stale(self, row: Row) -> bool:
        """Whether ``row`` was fetched longer ago than ``max_age_days``."""
        return self._clock() - row.stored_at > self.max_age_days * 86400.0

    def note(self, key: RowKey) -> None:
        """Record that the run used the row ``key`` (read from the cache or a bundle, or
        written)."""
        self.used.add(key)
