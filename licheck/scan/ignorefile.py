"""Ignore files and globs: ``.gitignore`` patterns read the way git reads them, fast to ask.

``Spec`` answers pathspec's verdict for a path, with one regex that tells most non-matching
paths apart in one search. A pattern pathspec refuses is dropped with a warning naming the file
and line (git skips it too), so the good patterns keep their effect; an ignore file that is a
symbolic link, a pipe or a device is not read. ``--exclude``/``--include`` globs that cannot be
compiled are a ``ConfigError``. Nothing here walks a tree; ``walk.py`` does.
"""

from __future__ import annotations

import errno
import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec
from pathspec.util import normalize_file

from licheck.errors import ConfigError
from licheck.scan.files import not_regular

log = logging.getLogger(__name__)

# Ignore files are read like git 2.32+ does: a symbolic link is not followed; a pipe in their
# place must not block the walk, hence the non-blocking open and the regular-file test.
_IGNORE_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
_ANY_DEPTH = "^(?:.+/)?"  # how pathspec starts a pattern that matches at any depth
_DIR_MARK = "(?P<ps_d>"  # pathspec's one named group (it tells a folder match apart)


def _any_pattern(spec: pathspec.GitIgnoreSpec) -> re.Pattern[str] | None:
    """One regex that matches a path when some pattern of ``spec`` does; None if none can be made.

    pathspec tries its patterns one by one, tens of microseconds per path with a real
    .gitignore; most paths match none, and this says so in one search. Patterns that match at
    any depth share their prefix, so the alternation is tried once per folder boundary.
    """
    sources = [
        p.regex.pattern for p in spec.patterns if p.include is not None and p.regex is not None
    ]
    deep = [s.removeprefix(_ANY_DEPTH) for s in sources if s.startswith(_ANY_DEPTH)]
    branches = [f"(?:{s})" for s in sources if not s.startswith(_ANY_DEPTH)]
    if deep:
        branches.append(_ANY_DEPTH + "(?:" + "|".join(f"(?:{s})" for s in deep) + ")")
    joined = "|".join(branches)
    if "(?P" in joined.replace(_DIR_MARK, ""):
        return None  # a group this cannot rename safely: ask pathspec every time
    try:  # the group name repeats across patterns; only whether one matches matters here
        return re.compile(joined.replace(_DIR_MARK, "(?:") or "(?!)")
    except re.error:
        return None


class Spec:
    """A gitignore-style spec, answered by pathspec, with a quick test for paths it misses.

    Raises what pathspec raises for a pattern it refuses (ValueError, re.error).
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self.spec = pathspec.GitIgnoreSpec.from_lines(lines)
        self.quick = _any_pattern(self.spec)

    def check(self, path: str) -> bool | None:
        """The deciding pattern's verdict: True (matched), False (``!``), None (no pattern)."""
        if self.quick is not None and self.quick.search(normalize_file(path)) is None:
            return None
        return self.spec.check_file(path).include

    def match_file(self, path: str) -> bool:
        """Whether ``path`` matches (and is not re-included)."""
        return bool(self.check(path))


@dataclass(frozen=True)
class Rules:
    """The ignore files in force for one folder: (folder relative to root, spec) pairs."""

    specs: tuple[tuple[str, Spec], ...] = ()

    def ignored(self, rel: str, is_dir: bool) -> bool:
        verdict: bool | None = None
        for base, spec in self.specs:
            sub = rel[len(base) + 1 :] if base else rel
            result = spec.check(sub + "/" if is_dir else sub)
            if result is not None:
                verdict = result
        return bool(verdict)


def _refusal(line: str) -> str | None:
    """Why pathspec refuses a one-line pattern, or None if it takes it."""
    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except re.error as exc:
        return str(exc.msg)  # without the position: it counts in pathspec's regex, not the line
    except Exception as exc:  # pathspec's own errors have no common base; none may end a scan
        return str(exc) or type(exc).__name__
    return None


def _tolerant_spec(lines: list[str], shown: str) -> Spec:
    """A spec of ``lines`` without the patterns pathspec refuses, each named in a warning.

    Git skips a pattern it cannot use, so the good ones keep their effect. The whole file is
    compiled first; only a file that fails pays for compiling line by line.
    """
    try:
        return Spec(lines)
    except Exception:  # what pathspec raises varies by pattern and version
        pass
    good = []
    for number, line in enumerate(lines, 1):
        reason = _refusal(line)
        if reason is None:
            good.append(line)
        else:
            log.warning("%s:%d: ignoring invalid pattern %r (%s)", shown, number, line, reason)
    return Spec(good)


def read_spec(path: Path, shown: str) -> Spec | None:
    """The ignore file at ``path`` (``shown`` names it in warnings); None if there is none."""
    try:
        fd = os.open(path, _IGNORE_FILE_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as exc:
        why = "a symbolic link" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
        log.warning("%s: not read (%s); its patterns do not apply", shown, why)
        return None
    with os.fdopen(fd, "rb") as file:
        try:
            kind = not_regular(os.fstat(fd).st_mode)
            data = file.read() if kind is None else b""
        except OSError as exc:
            kind = exc.strerror or str(exc)
    if kind is not None:
        log.warning("%s: not read (%s); its patterns do not apply", shown, kind)
        return None
    return _tolerant_spec(data.decode("utf-8", errors="replace").splitlines(), shown)


def globs(patterns: Sequence[str], option: str) -> Spec | None:
    """The --exclude/--include globs as a spec; ConfigError naming the first one refused."""
    if not patterns:
        return None
    try:
        return Spec(patterns)
    except Exception:  # what pathspec raises varies by pattern and version
        refused = ((p, r) for p in patterns if (r := _refusal(p)) is not None)
        bad = next(refused, (", ".join(patterns), "refused by pathspec"))
        raise ConfigError(
            f"invalid {option} glob {bad[0]!r} (from --{option} or [tool.licheck] {option}): "
            f"{bad[1]}"
        ) from None
