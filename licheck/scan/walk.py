"""Which files a scan reads: the tree walk, .gitignore, default skips, exclude/include globs.

Yields paths, and ``Skipped`` entries for what it will not hand on: a folder it cannot list, a
symbolic link that leaves the tree or leads nowhere, a pipe, socket or device. It never opens a
file other than ``.gitignore`` (and ``.git/info/exclude``). Ignore rules follow git: nested
``.gitignore`` files apply below their folder and the deepest decisive pattern wins; an ignored
folder is not entered, nor is any symbolic link to a folder; a pattern git would not understand
is dropped with a warning. The scanned tree is untrusted (a pull request can add any of these),
so nothing here may hang, crash or read outside the root on its account.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from licheck.records import Skipped
from licheck.scan.files import not_regular
from licheck.scan.ignorefile import Rules, Spec, globs, read_spec

OUTSIDE = "symbolic link to a path outside the scanned tree"

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


def _is_skipped_dir(name: str) -> bool:
    return name in SKIP_DIRS or name.endswith(".egg-info")


def _all(rel: str) -> bool:
    return True


class Walker:
    """Lists the files under ``root`` that a scan should read.

    ``wanted`` says whether a file name is one the scan reads at all: only for those is an odd
    entry (link, pipe, socket, device) looked into and reported. A link named LICENSE or a pipe
    named ``x.bin`` would never have been read, so naming it in the report is only noise.
    """

    def __init__(
        self,
        root: Path,
        exclude: Sequence[str] = (),
        include: Sequence[str] = (),
        wanted: Callable[[str], bool] = _all,
    ) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self._below_root = os.path.join(self.real_root, "")
        self.exclude_patterns = tuple(exclude)
        self.include_patterns = tuple(include)
        self.wanted = wanted
        self.exclude = globs(exclude, "exclude")
        self.include = globs(include, "include")
        self._specs: dict[str, Spec | None] = {}  # folder -> its .gitignore, read once
        base: tuple[tuple[str, Spec], ...] = ()
        info = read_spec(root / ".git" / "info" / "exclude", ".git/info/exclude")
        if info is not None:
            base += (("", info),)
        self._root_rules = Rules(base)

    def contains(self, real: str) -> bool:
        """Whether the resolved path ``real`` lies inside the (resolved) root."""
        return real == self.real_root or real.startswith(self._below_root)

    def _gitignore(self, rel_dir: str) -> Spec | None:
        if rel_dir not in self._specs:
            shown = f"{rel_dir}/.gitignore" if rel_dir else ".gitignore"
            self._specs[rel_dir] = read_spec(self.root / shown, shown)
        return self._specs[rel_dir]

    def excluded(self, rel: str, is_dir: bool = False) -> bool:
        """True when ``exclude`` globs drop ``rel`` (or ``include`` globs leave it out)."""
        if self.exclude is not None and self.exclude.match_file(rel + "/" if is_dir else rel):
            return True
        return not is_dir and self.include is not None and not self.include.match_file(rel)

    def _rules_for(self, rel_dir: str) -> Rules | None:
        """The ignore rules in force inside ``rel_dir``; None if an ancestor is ignored/skipped."""
        rules = self._root_rules
        parts = [p for p in rel_dir.split("/") if p]
        current = ""
        for i in range(len(parts) + 1):
            spec = self._gitignore(current)
            if spec is not None:
                rules = Rules((*rules.specs, (current, spec)))
            if i == len(parts):
                break
            name = parts[i]
            current = f"{current}/{name}" if current else name
            skipped = _is_skipped_dir(name) or self.excluded(current, True)
            if skipped or rules.ignored(current, True):
                return None
        return rules

    def walk(self, rel_dir: str = "") -> Iterator[tuple[str, str] | Skipped]:
        """(absolute path, POSIX path relative to root) of every file to read under rel_dir,
        and a ``Skipped`` entry for each folder or wanted entry that cannot be read."""
        rules = self._rules_for(rel_dir)
        if rules is None:
            return
        stack: list[tuple[str, Rules]] = [(rel_dir, rules)]
        first = True
        while stack:
            current, rules = stack.pop()
            try:
                with os.scandir(self.root / current) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                yield Skipped(current or ".", f"cannot read directory: {exc.strerror or exc}")
                continue
            names = {e.name for e in entries}
            if "pyvenv.cfg" in names:
                continue  # a virtualenv, whatever it is called
            if not first and ".gitignore" in names:
                spec = self._gitignore(current)
                if spec is not None:
                    rules = Rules((*rules.specs, (current, spec)))
            first = False
            subdirs = []
            for entry in entries:
                rel = f"{current}/{entry.name}" if current else entry.name
                try:  # the entry's type comes with the listing: no system call here on Linux
                    is_dir = entry.is_dir(follow_symlinks=False)
                    is_file = not is_dir and entry.is_file(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if _is_skipped_dir(entry.name) or rules.ignored(rel, True):
                        continue
                    if not self.excluded(rel, True):
                        subdirs.append((rel, rules))
                elif rules.ignored(rel, False) or self.excluded(rel):
                    continue
                elif is_file:
                    yield entry.path, rel  # a str: thousands of Path objects cost a warm scan
                elif self.wanted(rel):
                    odd = self._odd_entry(entry, rel)
                    if odd is not None:
                        yield odd
            stack.extend(reversed(subdirs))

    def _odd_entry(self, entry: os.DirEntry[str], rel: str) -> tuple[str, str] | Skipped | None:
        """A link, pipe, socket or device: the file to read (a link's target), or why not.

        Rare, so the extra system calls are spent only here. A link is resolved before anything
        is done with its target, so nothing outside the root is even looked at; a link to a
        folder yields nothing (folders are entered only through their real path, as git does).
        """
        if not entry.is_symlink():
            try:
                kind = not_regular(entry.stat(follow_symlinks=False).st_mode)
            except OSError as exc:
                return Skipped(rel, f"cannot read: {exc.strerror or exc}")
            return Skipped(rel, f"not a regular file: {kind}") if kind else None
        real = os.path.realpath(entry.path)
        if not self.contains(real):
            return Skipped(rel, OUTSIDE)
        try:
            mode = os.stat(real).st_mode
        except OSError as exc:
            return Skipped(rel, f"broken symbolic link: {exc.strerror or exc}")
        if stat.S_ISDIR(mode):
            return None
        kind = not_regular(mode)
        return Skipped(rel, f"not a regular file: {kind}") if kind else (real, rel)
