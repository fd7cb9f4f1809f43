"""Which files a scan reads: the tree walk, .gitignore, default skips, exclude/include globs.

Yields paths only; it never opens a file other than ``.gitignore`` (and ``.git/info/exclude``).
Ignore rules follow git: nested ``.gitignore`` files apply below their folder and the deepest
decisive pattern wins; an ignored folder is not entered.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pathspec
from pathspec.util import normalize_file

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".bzr",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".ipynb_checkpoints",
        ".eggs",
        "build",
        "dist",
        "site-packages",
        "venv",
        ".venv",
        "env",
        ".env",
    }
)

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
    """A gitignore-style spec, answered by pathspec, with a quick test for paths it misses."""

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
class _Rules:
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


def _read_spec(path: Path) -> Spec | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return Spec(lines)


def _is_skipped_dir(name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info")


class Walker:
    """Lists the files under ``root`` that a scan should read."""

    def __init__(self, root: Path, exclude: Sequence[str] = (), include: Sequence[str] = ()):
        self.root = root
        self.exclude_patterns = tuple(exclude)
        self.include_patterns = tuple(include)
        self.exclude = Spec(exclude) if exclude else None
        self.include = Spec(include) if include else None
        base: tuple[tuple[str, Spec], ...] = ()
        info = _read_spec(root / ".git" / "info" / "exclude")
        if info is not None:
            base += (("", info),)
        self._root_rules = _Rules(base)

    def excluded(self, rel: str, is_dir: bool = False) -> bool:
        """True when ``exclude`` globs drop ``rel`` (or ``include`` globs leave it out)."""
        if self.exclude is not None and self.exclude.match_file(rel + "/" if is_dir else rel):
            return True
        return not is_dir and self.include is not None and not self.include.match_file(rel)

    def _rules_for(self, rel_dir: str) -> _Rules | None:
        """The ignore rules in force inside ``rel_dir``; None if an ancestor is ignored/skipped."""
        rules = self._root_rules
        parts = [p for p in rel_dir.split("/") if p]
        current = ""
        for i in range(len(parts) + 1):
            spec = _read_spec(self.root / current / ".gitignore")
            if spec is not None:
                rules = _Rules((*rules.specs, (current, spec)))
            if i == len(parts):
                break
            name = parts[i]
            current = f"{current}/{name}" if current else name
            skipped = _is_skipped_dir(name) or self.excluded(current, True)
            if skipped or rules.ignored(current, True):
                return None
        return rules

    def walk(self, rel_dir: str = "") -> Iterator[tuple[Path, str]]:
        """(absolute path, POSIX path relative to root) of every file to read under rel_dir."""
        rules = self._rules_for(rel_dir)
        if rules is None:
            return
        stack: list[tuple[str, _Rules]] = [(rel_dir, rules)]
        first = True
        while stack:
            current, rules = stack.pop()
            try:
                with os.scandir(self.root / current) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            names = {e.name for e in entries}
            if "pyvenv.cfg" in names:
                continue  # a virtualenv, whatever it is called
            if not first and ".gitignore" in names:
                spec = _read_spec(self.root / current / ".gitignore")
                if spec is not None:
                    rules = _Rules((*rules.specs, (current, spec)))
            first = False
            subdirs = []
            for entry in entries:
                rel = f"{current}/{entry.name}" if current else entry.name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                    is_file = not is_dir and entry.is_file()
                except OSError:
                    continue
                if is_dir:
                    if _is_skipped_dir(entry.name) or rules.ignored(rel, True):
                        continue
                    if not self.excluded(rel, True):
                        subdirs.append((rel, rules))
                elif is_file and not rules.ignored(rel, False) and not self.excluded(rel):
                    yield Path(entry.path), rel
            stack.extend(reversed(subdirs))
