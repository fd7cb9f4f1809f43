"""The garbage collector's setting for licheck's own process (never for a host's).

A run allocates its records by the hundred thousand and holds nearly all of them to the end.
At the default threshold (a young collection every 700 net allocations) the collector walks
live objects again and again; every such object is walked at least once whatever the
threshold, so a higher one saves the walks a run ends before needing. At 50,000 a warm scan of
huggingface/diffusers still paid one young collection of about 50,000 live objects while
judging (15-18 ms, timed by gc.callbacks); at 200,000 it pays none, and a cycle can still hold
no more than that many objects before it is collected.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 200_000


def for_command() -> None:
    """Collect the young generation every ``YOUNG_THRESHOLD`` net allocations."""
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
