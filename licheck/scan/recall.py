"""How a scan with a cache finds out which files it must extract, and takes the rest as stored.

Each file is first recalled by its stat signature (stamps.py), without being read; the others
are read and looked up by their bytes (resultcache.py). A stored outcome is the file's answer;
a file whose bytes the cache does not know is screened and queued for extraction. Every
settled file is noted with the key of the bytes read, so the next scan recalls it. Reading a
file goes through files.py, so a file that cannot be read is skipped for the same reason as in
a scan without a cache.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator

from licheck.records import Skipped
from licheck.scan.base import Extractor
from licheck.scan.files import Outcome, read_bytes, screened
from licheck.scan.parallel import Extraction
from licheck.scan.resultcache import ResultCache
from licheck.scan.resultcodec import FILTERED
from licheck.scan.stamps import settled, signature

# A file on its way through the cache: where it is, its extractor, its ident in the cache's
# ``seen`` table, and the signature to note there once its key is known (None: not to note).
_Item = tuple[str, Extractor, str, str | None]


def _stamped(
    cache: ResultCache, files: Iterator[tuple[str, str, Extractor]], max_file_size: int
) -> Iterator[tuple[_Item, str, str, str | None]]:
    """Each file with its ident and stat signature, as ``ResultCache.recall`` takes them."""
    for path, rel, extractor in files:
        looked_at = time.time_ns()  # before the stat and the read (stamps.settled)
        ident = cache.ident(path, rel, extractor.name)
        try:
            info = os.lstat(path)
        except OSError:  # the read says why
            yield (path, extractor, ident, None), rel, ident, None
            continue
        # A file now too big for the settings is not recalled: the read says it is.
        sig = signature(info) if info.st_size <= max_file_size else None
        keep = sig if sig is not None and settled(info, looked_at) else None
        yield (path, extractor, ident, keep), rel, ident, sig


def _read(
    files: Iterable[tuple[_Item, str]], max_file_size: int, skipped: list[Skipped]
) -> Iterator[tuple[_Item, str, str, bytes]]:
    """The bytes of each file, as ``ResultCache.lookup`` takes them; unreadable ones go to
    ``skipped``."""
    for item, rel in files:
        raw = read_bytes(item[0], rel, max_file_size)
        if isinstance(raw, Skipped):
            skipped.append(raw)
        else:
            yield item, rel, item[1].name, raw


def looked_up(
    cache: ResultCache,
    files: Iterator[tuple[str, str, Extractor]],
    max_file_size: int,
    skipped: list[Skipped],
) -> Iterator[tuple[_Item, str, str, bytes, Outcome | None]]:
    """What the cache says of each file: first those it recalls by their stat signature (not
    read at all), then the others, read and looked up by their bytes."""
    unknown: list[tuple[_Item, str]] = []
    for item, rel, stored in cache.recall(_stamped(cache, files, max_file_size)):
        if stored is None:
            unknown.append((item, rel))
        else:
            yield (item[0], item[1], item[2], None), rel, "", b"", stored
    yield from cache.lookup(_read(unknown, max_file_size, skipped))


def from_cache(
    cache: ResultCache,
    looked_up: Iterator[tuple[_Item, str, str, bytes, Outcome | None]],
    outcomes: list[Outcome],
    skipped: list[Skipped],
    keys: dict[str, str],
    extraction: Extraction,
) -> tuple[int, int]:
    """Stored outcomes to ``outcomes``; other files screened and, when they pass, queued for
    extraction under their key. Returns the files found not worth extracting and those
    answered from the cache."""
    filtered = cached = 0
    for (path, extractor, ident, keep), rel, key, raw, stored in looked_up:
        if keep is not None:
            cache.note(ident, keep, key)
        if stored is FILTERED:
            filtered += 1
        elif stored is not None:
            cached += 1
            outcomes.append(stored)
        else:
            data = screened(raw, rel, extractor)
            if data is None:
                cache.put(key, FILTERED)
                filtered += 1
            elif isinstance(data, Skipped):
                skipped.append(data)
            else:
                keys[rel] = key
                extraction.add(path, rel, extractor, data)
    return filtered, cached
