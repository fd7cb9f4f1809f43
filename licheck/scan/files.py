"""One file's way through the scan: read, refuse, prefilter, extract.

A file is refused with a ``Skipped`` reason when it is too big, unreadable, binary or not UTF-8;
otherwise its extractor's byte-level prefilter decides whether it is worth decoding and parsing.
Reading is tuned for trees of thousands of files (one open, one fstat, one read, no decoding of
files that are plain ASCII until the prefilter passes). This module never chooses which files
to read, never parses a file kind itself and never touches the network.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from licheck.errors import ExtractError
from licheck.models import Reference, ScanResult, Skipped
from licheck.scan import suppress
from licheck.scan.base import Extractor, SourceFile

BINARY_SNIFF = 8192
_MORE = 1 << 16  # read size once a file turns out longer than fstat said
_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0)

Outcome = tuple[list[Reference], Skipped | None]


def _cannot_read(rel: str, exc: OSError) -> Skipped:
    return Skipped(rel, f"cannot read: {exc.strerror or exc}")


def read_bytes(path: Path | str, rel: str, max_file_size: int) -> bytes | Skipped:
    """The whole file, or why not (too big, unreadable)."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        return _cannot_read(rel, exc)
    try:
        size = os.fstat(fd).st_size
        if size > max_file_size:
            return Skipped(rel, f"larger than {max_file_size} bytes")
        # One read returns the whole file; reading on to end-of-file catches a file that grew
        # since fstat, and files whose size the OS does not know (st_size 0 under /proc).
        parts = []
        total = 0
        want = size + 1
        while total <= max_file_size:
            chunk = os.read(fd, want)
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            want = _MORE
    except OSError as exc:
        return _cannot_read(rel, exc)
    finally:
        os.close(fd)
    if total > max_file_size:
        return Skipped(rel, f"larger than {max_file_size} bytes")
    return parts[0] if len(parts) == 1 else b"".join(parts)


def prefiltered(
    path: Path | str, rel: str, extractor: Extractor, max_file_size: int
) -> bytes | Skipped | None:
    """The bytes of a file worth extracting; None when the prefilter rules it out."""
    data = read_bytes(path, rel, max_file_size)
    if isinstance(data, Skipped):
        return data
    if data.find(b"\0", 0, BINARY_SNIFF) != -1:
        return Skipped(rel, "binary file")
    if not data.isascii():  # ASCII is UTF-8: only other bytes need the decoder's verdict
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return Skipped(rel, "not UTF-8 text")
    return data if extractor.quick_check(data) else None


def extract_bytes(rel: str, data: bytes, extractor: Extractor) -> Outcome:
    """The references in bytes that ``prefiltered`` passed, suppressions applied."""
    text = data.decode("utf-8-sig")
    # Parsers allocate a node per token, nearly all freed by reference counting; letting the
    # cycle collector run every few hundred allocations meanwhile costs a quarter of parse time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        refs = list(extractor.extract(SourceFile(rel, text)))
    except ExtractError as exc:
        return [], Skipped(rel, exc.reason)
    except Exception as exc:  # a licheck bug must not end the whole scan
        return [], Skipped(rel, f"licheck {extractor.name} extractor failed: {exc!r}")
    finally:
        if collecting:
            gc.enable()
    return suppress.apply(text, refs), None


def scan_file(path: Path | str, rel: str, extractor: Extractor, max_file_size: int) -> Outcome:
    """The references in one file, or why it was skipped."""
    data = prefiltered(path, rel, extractor, max_file_size)
    if data is None:
        return [], None
    if isinstance(data, Skipped):
        return [], data
    return extract_bytes(rel, data, extractor)


def sort_key(ref: Reference) -> tuple[str, int, int, str, str, str, str]:
    """The order references are reported in: by place, then by what they name."""
    return (
        ref.path,
        ref.line,
        ref.column,
        ref.model,
        ref.source.value,
        ref.revision or "",
        ref.context,
    )


def result(
    root: Path, references: list[Reference], skipped: list[Skipped], files_scanned: int
) -> ScanResult:
    """The scan's answer in its one deterministic order, however the files were visited."""
    return ScanResult(
        root=str(root),
        references=tuple(sorted(references, key=sort_key)),
        skipped=tuple(sorted(set(skipped))),
        files_scanned=files_scanned,
    )
