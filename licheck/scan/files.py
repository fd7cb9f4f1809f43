"""One file's way through the scan: read, refuse, prefilter, extract.

A file is refused with a ``Skipped`` reason when it is not a regular file, too big, unreadable,
binary or not UTF-8 (Python sources: not in the encoding their PEP 263 coding cookie declares);
otherwise its extractor's byte-level prefilter decides whether it is worth decoding and parsing.
Reading is tuned for trees of thousands of files (one open, one fstat, one read, no decoding of
files that are plain ASCII until the prefilter passes). This module never chooses which files
to read, never parses a file kind itself and never touches the network.
"""

from __future__ import annotations

import io
import os
import signal
import stat
import threading
import tokenize
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from licheck.errors import ExtractError
from licheck.records import Reference, ScanResult, Skipped
from licheck.scan import suppress
from licheck.scan.base import Extractor, SourceFile, collector_paused

BINARY_SNIFF = 8192
_MORE = 1 << 16  # read size once a file turns out longer than fstat said
# Callers pass resolved paths, so O_NOFOLLOW only bites when a file was swapped for a link
# after the walk looked at it. O_NONBLOCK: opening a pipe must not wait for a writer (fstat then
# refuses it); on a regular file it changes nothing.
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
)
_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)

Outcome = tuple[list[Reference], Skipped | None]


def _cannot_read(rel: str, exc: OSError) -> Skipped:
    return Skipped(rel, f"cannot read: {exc.strerror or exc}")


def not_regular(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file (None when it is one).

    Such files are never read: a pipe blocks its reader, a device may never end.
    """
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "special file")


def read_bytes(path: Path | str, rel: str, max_file_size: int) -> bytes | Skipped:
    """The whole file, or why not (not a regular file, too big, unreadable)."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        return _cannot_read(rel, exc)
    try:
        info = os.fstat(fd)
        kind = not_regular(info.st_mode)
        if kind is not None:
            return Skipped(rel, f"not a regular file: {kind}")
        size = info.st_size
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
    return screened(data, rel, extractor)


def screened(data: bytes, rel: str, extractor: Extractor) -> bytes | Skipped | None:
    """``prefiltered`` for a file already read: its bytes as UTF-8 when worth extracting, None
    when the prefilter rules it out, or why it cannot be read as text."""
    if data.find(b"\0", 0, BINARY_SNIFF) != -1:
        return Skipped(rel, "binary file")
    if not data.isascii():  # ASCII is UTF-8: only other bytes need the decoder's verdict
        utf8 = _as_utf8(data, rel, extractor)
        if isinstance(utf8, Skipped):
            return utf8
        data = utf8
    return data if extractor.quick_check(data) else None


def _first_two_lines(data: bytes) -> bytes:
    end = data.find(b"\n")
    if end != -1:
        end = data.find(b"\n", end + 1)
    return data if end == -1 else data[:end]


def _as_utf8(data: bytes, rel: str, extractor: Extractor) -> bytes | Skipped:
    """Non-ASCII ``data`` as UTF-8 bytes, or why it cannot be decoded.

    A Python source is decoded the way Python decodes it (PEP 263: a BOM, or a coding cookie on
    line 1 or 2; tokenize holds the stdlib's own reading of the cookie) and handed on re-encoded
    as UTF-8, so the prefilter and the extractors see one encoding; newlines are unchanged, so
    are line numbers. Pure ASCII never gets here: every cookie Python accepts reads it alike.
    Without "coding" in its first two lines a source can only be UTF-8, as for any other file.
    """
    if extractor.name == "python" and b"coding" in _first_two_lines(data):
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as exc:
            return Skipped(rel, f"unusable coding cookie: {exc.msg}")
        if encoding not in ("utf-8", "utf-8-sig"):
            try:
                return data.decode(encoding).encode("utf-8")
            except UnicodeDecodeError:
                return Skipped(rel, f"not {encoding} text, as its coding cookie declares")
            except (LookupError, ValueError) as exc:  # a codec that is not a text encoding
                return Skipped(rel, f"unusable coding cookie: {exc}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return Skipped(rel, "not UTF-8 text")
    return data


# Seconds one file's extraction may take (a file crafted to make the value resolver or a regex
# work hard must not hold up the scan); past it the file is skipped with the reason.
FILE_TIME_LIMIT = 20.0


SLOW = "extraction took longer than"
FAILED = "extractor failed"


class _TookTooLong(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _TookTooLong


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _TookTooLong in this thread after ``seconds`` (main thread with SIGALRM only:
    elsewhere, the extractors' own bounds on depth and steps are what holds)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_bytes(
    rel: str, data: bytes, extractor: Extractor, time_limit: float | None = None
) -> Outcome:
    """The references in bytes that ``prefiltered`` passed, suppressions applied."""
    text = data.decode("utf-8-sig")
    limit = FILE_TIME_LIMIT if time_limit is None else time_limit
    try:
        with collector_paused(), _time_limit(limit):
            refs = list(extractor.extract(SourceFile(rel, text)))
    except ExtractError as exc:
        return [], Skipped(rel, exc.reason)
    except _TookTooLong:
        return [], Skipped(rel, f"{SLOW} {limit:g} s (the per-file bound)")
    except Exception as exc:  # a licheck bug must not end the whole scan
        return [], Skipped(rel, f"licheck {extractor.name} {FAILED}: {exc!r}")
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
    """The scan's answer in its one deterministic order, however the files were visited.

    Candidates go apart; one that a rule already found on its line is that reference.
    """
    strong = [ref for ref in references if not ref.candidate]
    placed = {(ref.path, ref.line, ref.model) for ref in strong}
    weak = {
        (ref.path, ref.line, ref.column, ref.model): ref
        for ref in references
        if ref.candidate and (ref.path, ref.line, ref.model) not in placed
    }
    return ScanResult(
        root=str(root),
        references=tuple(sorted(strong, key=sort_key)),
        skipped=tuple(sorted(set(skipped))),
        files_scanned=files_scanned,
        candidates=tuple(sorted(weak.values(), key=sort_key)),
    )
