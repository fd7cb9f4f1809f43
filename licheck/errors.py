"""Typed errors per stage, each carrying the exit code the CLI turns it into.

Per-model Hub failures are not exceptions here: they become ``ModelRecord`` statuses so one bad
model never stops the others.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_UNVERIFIED = 3
EXIT_INTERRUPTED = 130


class LicheckError(Exception):
    """Base of every error licheck reports to the user itself."""

    exit_code = EXIT_UNVERIFIED
    hint: str | None = None


class ConfigError(LicheckError):
    """Bad configuration or command-line usage."""

    exit_code = EXIT_USAGE


class RuleFileError(ConfigError):
    """A rule, taxonomy or vendor file that cannot be used; names the file and the key."""

    def __init__(self, path: Path | str, key: str | None, problem: str) -> None:
        self.path = str(path)
        self.key = key
        self.problem = problem
        where = f"{self.path}: {key}" if key else self.path
        super().__init__(f"{where}: {problem}")


class ExtractError(LicheckError):
    """A file an extractor cannot read; the scan records it in ``skipped`` and goes on."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)
