"""The scan stage: walk, read, prefilter, dispatch to an extractor, collect.

Every way a file can fail (too big, binary, not UTF-8, unreadable, unparsable) becomes a
``Skipped`` entry and the scan goes on. This module reads bytes and hands text to extractors; it
never parses any file kind itself and never touches the network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from licheck.errors import ExtractError
from licheck.models import Reference, ScanResult, Skipped
from licheck.scan import registry, suppress
from licheck.scan.base import Extractor, SourceFile
from licheck.scan.walk import Walker

BINARY_SNIFF = 8192


@dataclass
class _Collector:
    references: list[Reference] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files_scanned: int = 0
    seen: set[str] = field(default_factory=set)


def _read(path: Path, rel: str, max_file_size: int) -> bytes | Skipped:
    try:
        size = path.stat().st_size
        if size > max_file_size:
            return Skipped(rel, f"larger than {max_file_size} bytes")
        with open(path, "rb") as handle:
            data = handle.read(max_file_size + 1)
    except OSError as exc:
        return Skipped(rel, f"cannot read: {exc.strerror or exc}")
    if len(data) > max_file_size:  # grew between stat and read
        return Skipped(rel, f"larger than {max_file_size} bytes")
    if b"\0" in data[:BINARY_SNIFF]:
        return Skipped(rel, "binary file")
    return data


def scan_file(
    path: Path, rel: str, extractor: Extractor, max_file_size: int
) -> tuple[list[Reference], Skipped | None]:
    """The references in one file, or why it was skipped."""
    data = _read(path, rel, max_file_size)
    if isinstance(data, Skipped):
        return [], data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], Skipped(rel, "not UTF-8 text")
    if not extractor.quick_check(data):
        return [], None
    try:
        refs = list(extractor.extract(SourceFile(rel, text)))
    except ExtractError as exc:
        return [], Skipped(rel, exc.reason)
    except Exception as exc:  # a licheck bug must not end the whole scan
        return [], Skipped(rel, f"licheck {extractor.name} extractor failed: {exc!r}")
    return suppress.apply(text, refs), None


def scan_text(rel: str, text: str, *, include_docs: bool = False) -> list[Reference]:
    """The references in ``text`` as if it were the file ``rel``; ExtractError if unreadable.

    Uses the same extractor choice and suppressions as a tree scan, without a prefilter.
    """
    chain = registry.extractors(include_docs=include_docs)
    extractor = registry.extractor_for(chain, PurePosixPath(rel))
    if extractor is None:
        return []
    refs = list(extractor.extract(SourceFile(rel, text)))
    return sorted(suppress.apply(text, refs), key=_sort_key)


def _relative(roots: Sequence[Path], path: Path) -> str | None:
    """``path`` relative to the scan root (tried resolved and as given), or None if outside."""
    for root in roots:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            continue
    return None


def _targets(
    roots: Sequence[Path], walker: Walker, paths: Sequence[Path] | None
) -> Iterator[tuple[Path, str] | Skipped]:
    if paths is None:
        yield from walker.walk()
        return
    for given in paths:
        absolute = Path(os.path.normpath(given if given.is_absolute() else Path.cwd() / given))
        rel = _relative(roots, absolute)
        shown = rel if rel is not None else absolute.as_posix()
        if absolute.is_dir():
            if rel is not None:
                yield from walker.walk("" if rel == "." else rel)
            else:  # outside the root: report its files by absolute path
                outside = Walker(absolute, walker.exclude_patterns, walker.include_patterns)
                for path, sub in outside.walk():
                    yield path, f"{shown}/{sub}"
        elif absolute.is_file():
            if not walker.excluded(shown):
                yield absolute, shown
        else:
            yield Skipped(shown, "no such file or directory")


def _sort_key(ref: Reference) -> tuple[str, int, int, str, str, str, str]:
    return (
        ref.path,
        ref.line,
        ref.column,
        ref.model,
        ref.source.value,
        ref.revision or "",
        ref.context,
    )


def scan(
    root: Path,
    paths: Sequence[Path] | None = None,
    *,
    exclude: Sequence[str] = (),
    include: Sequence[str] = (),
    max_file_size: int = 1_000_000,
    include_docs: bool = False,
) -> ScanResult:
    """Find every model reference under ``root`` (or in the explicit ``paths``)."""
    roots = [root.resolve(), Path(os.path.abspath(root))]
    root = roots[0]
    extractors = registry.extractors(include_docs=include_docs)
    walker = Walker(root, exclude, include)
    out = _Collector()
    for target in _targets(roots, walker, paths):
        if isinstance(target, Skipped):
            out.skipped.append(target)
            continue
        path, rel = target
        if rel in out.seen:
            continue
        out.seen.add(rel)
        extractor = registry.extractor_for(extractors, PurePosixPath(rel))
        if extractor is None:
            continue
        refs, skipped = scan_file(path, rel, extractor, max_file_size)
        if skipped is not None:
            out.skipped.append(skipped)
        else:
            out.files_scanned += 1
            out.references.extend(refs)
    return ScanResult(
        root=str(root),
        references=tuple(sorted(out.references, key=_sort_key)),
        skipped=tuple(sorted(set(out.skipped))),
        files_scanned=out.files_scanned,
    )
