"""The cache's two tables as ``Row``s, read all at once or written back: what ``licheck facts``
exports from and imports into. SQL only; ``HubCache`` holds the connection, the lock and the
error handling (a broken cache is a warning, never a crash).
"""

from __future__ import annotations

import sqlite3

from licheck.hub.bundled import FACTS, RECORDS, Row

# table -> its two key columns after the endpoint (table and column names are constants here)
_KEYS = {RECORDS: ("model", "revision"), FACTS: ("kind", "key")}


def select_rows(conn: sqlite3.Connection) -> list[Row]:
    """Every row of both tables."""
    out: list[Row] = []
    for table, (first, second) in _KEYS.items():
        cursor = conn.execute(
            f"SELECT endpoint, {first}, {second}, stored_at, immutable, data FROM {table}"
        )
        out.extend(Row(table, e, f, s, t, bool(i), str(d)) for e, f, s, t, i, d in cursor)
    return out


def store_rows(conn: sqlite3.Connection, rows: list[Row]) -> int:
    """Write ``rows`` unless the table holds a newer answer for the same key; how many."""
    stored = 0
    for row in rows:
        first, second = _KEYS[row.table]
        found = conn.execute(
            f"SELECT stored_at FROM {row.table} "
            f"WHERE endpoint = ? AND {first} = ? AND {second} = ?",
            (row.endpoint, row.first, row.second),
        ).fetchone()
        if found is not None and found[0] >= row.stored_at:
            continue
        conn.execute(
            f"INSERT OR REPLACE INTO {row.table} VALUES (?, ?, ?, ?, ?, ?)",
            (row.endpoint, row.first, row.second, row.stored_at, row.immutable, row.data),
        )
        stored += 1
    return stored
