"""The scan stage: walk, pick each file's extractor, prefilter, extract, collect.

Every way a file can fail (too big, binary, not UTF-8, unreadable, unparsable) becomes a
``Skipped`` entry and the scan goes on (files.py says how one file is read). Files that pass the
prefilter are extracted in-process or, for a large tree, by worker processes (parallel.py); the
result is sorted, so it never depends on which. With a cache, the files it already knows are
taken from it (recall.py) and only the others are extracted. This module never parses any file
kind itself and never touches the network.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath

from licheck.records import Reference, ScanResult, Skipped
from licheck.scan import recall, registry, suppress
from licheck.scan.base import Extractor, SourceFile
from licheck.scan.cachekey import fingerprint
from licheck.scan.files import (
    Outcome,
    not_regular,
    prefiltered,
    result,
    scan_file,
    sort_key,
)
from licheck.scan.parallel import Extraction, worker_count
from licheck.scan.resultcache import ResultCache, lasting
from licheck.scan.walk import OUTSIDE, Walker

__all__ = ["scan", "scan_file", "scan_text"]


def scan_text(
    rel: str, text: str, *, include_docs: bool = False, candidates: bool = False
) -> list[Reference]:
    """The references in ``text`` as if it were the file ``rel``; ExtractError if unreadable.

    Uses the same extractor choice and suppressions as a tree scan, without a prefilter.
    Candidates (``Reference.candidate``) are kept apart as a tree scan keeps them: included
    only with ``candidates``.
    """
    chain = registry.extractors(include_docs=include_docs)
    extractor = registry.extractor_for(chain, PurePosixPath(rel))
    if extractor is None:
        return []
    refs = [r for r in extractor.extract(SourceFile(rel, text)) if candidates or not r.candidate]
    return sorted(suppress.apply(text, refs), key=sort_key)


def _relative(roots: Sequence[Path], path: Path) -> str | None:
    """``path`` relative to the scan root (tried resolved and as given), or None if outside."""
    for root in roots:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            continue
    return None


def _explicit(
    walker: Walker, absolute: Path, rel: str | None, shown: str
) -> Iterator[tuple[str, str] | Skipped]:
    """What one path given on the command line stands for: its files, or why not."""
    real = os.path.realpath(absolute)
    # A path inside the root may be a link a pull request added (pre-commit passes changed
    # files by name): it must stay inside. A path outside the root was typed as such: trusted.
    if rel is not None and not walker.contains(real):
        yield Skipped(shown, OUTSIDE)
        return
    try:
        mode = os.stat(real).st_mode
    except OSError as exc:
        if os.path.islink(absolute):
            yield Skipped(shown, f"broken symbolic link: {exc.strerror or exc}")
        else:
            yield Skipped(shown, "no such file or directory")
        return
    if stat.S_ISDIR(mode):
        if rel is not None:
            yield from walker.walk("" if rel == "." else rel)
            return
        # Outside the root: report its files by absolute path.
        outside = Walker(absolute, walker.exclude_patterns, walker.include_patterns, walker.wanted)
        for target in outside.walk():
            if isinstance(target, Skipped):
                sub = "" if target.path == "." else f"/{target.path}"
                yield Skipped(f"{shown}{sub}", target.reason)
            else:
                yield target[0], f"{shown}/{target[1]}"
    elif walker.excluded(shown):
        return
    elif (kind := not_regular(mode)) is not None:
        # Named even when no extractor would read it: the user asked for this very path.
        yield Skipped(shown, f"not a regular file: {kind}")
    else:
        yield real, shown


def _targets(
    roots: Sequence[Path], walker: Walker, paths: Sequence[Path] | None
) -> Iterator[tuple[str, str] | Skipped]:
    if paths is None:
        yield from walker.walk()
        return
    for given in paths:
        absolute = Path(os.path.normpath(given if given.is_absolute() else Path.cwd() / given))
        rel = _relative(roots, absolute)
        yield from _explicit(walker, absolute, rel, rel if rel is not None else absolute.as_posix())


def _files(
    targets: Iterator[tuple[str, str] | Skipped],
    choose: Callable[[str], Extractor | None],
    skipped: list[Skipped],
) -> Iterator[tuple[str, str, Extractor]]:
    """Each file once, with its extractor; what the walk refused goes to ``skipped``."""
    seen: set[str] = set()
    for target in targets:
        if isinstance(target, Skipped):
            skipped.append(target)
            continue
        path, rel = target
        if rel in seen:
            continue
        seen.add(rel)
        extractor = choose(rel)
        if extractor is not None:
            yield path, rel, extractor


def scan(
    root: Path,
    paths: Sequence[Path] | None = None,
    *,
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
    max_file_size: int = 1_000_000,
    include_docs: bool = False,
    jobs: int | None = None,
    cache_dir: Path | None = None,
) -> ScanResult:
    """Find every model reference under ``root`` (or in the explicit ``paths``).

    ``jobs`` caps the worker processes used for a large tree (None: one per CPU; 1: none).
    ``cache_dir`` holds the per-file result cache (resultcache.py; None: no cache), so a file
    whose bytes were extracted before is not parsed again.
    """
    roots = [root.resolve(), Path(os.path.abspath(root))]
    root = roots[0]
    chain = registry.extractors(include_docs=include_docs)
    choose = registry.chooser(chain)  # the walk's odd entries and every file ask it
    walker = Walker(root, exclude, include, lambda rel: choose(rel) is not None)
    extraction = Extraction(include_docs, max_file_size, worker_count(jobs))
    cache = None
    if cache_dir is not None:
        cache = ResultCache.open(cache_dir, fingerprint(include_docs=include_docs))
    keys: dict[str, str] = {}  # relative path -> cache key, for the files being extracted
    references: list[Reference] = []
    skipped: list[Skipped] = []
    files_scanned = files_cached = 0
    outcomes: list[Outcome] = []
    files = _files(_targets(roots, walker, paths), choose, skipped)
    if cache is None:
        for path, rel, extractor in files:
            data = prefiltered(path, rel, extractor, max_file_size)
            if data is None:
                files_scanned += 1
            elif isinstance(data, Skipped):
                skipped.append(data)
            else:
                extraction.add(path, rel, extractor, data)
    else:
        # With a cache, a file is recalled by its stat signature, or else its bytes as read are
        # looked up (a batch of files per query): an unchanged file needs neither the prefilter
        # nor decoding, whatever they said last time.
        answers = recall.looked_up(cache, files, max_file_size, skipped)
        files_scanned, files_cached = recall.from_cache(
            cache, answers, outcomes, skipped, keys, extraction
        )
    files_parsed = 0
    for rel, outcome in extraction.outcomes():
        files_parsed += 1
        if cache is not None and lasting(outcome):
            cache.put(keys[rel], outcome)
        outcomes.append(outcome)
    if cache is not None:
        cache.close()
    for refs, skip in outcomes:
        if skip is not None:
            skipped.append(skip)
        else:
            files_scanned += 1
            references.extend(refs)
    found = result(root, references, skipped, files_scanned)
    return replace(found, files_parsed=files_parsed, files_cached=files_cached)
