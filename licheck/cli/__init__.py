"""Command-line wiring and exit codes; no checking logic lives here.

``main(argv) -> int`` is the single entry point for the console script, ``python -m licheck``
and the tests. Every error licheck knows about becomes one message on stderr (with a hint where
one helps) and an exit code: 0 clean, 1 findings at or above ``--fail-on``, 2 usage, config or
rule-file error, 3 a model could not be verified under ``--strict`` (or an internal error),
130 interrupted. Each command lives in its own module and registers on ``app``. Messages name
paths and values a repository chose, so their control characters are shown as escapes.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import Any

import typer

from licheck import collector
from licheck.cli import facts, info, lock, preserve, scan  # noqa: F401  (importing registers the commands)
from licheck.cli.app import app
from licheck.cli.common import NETWORK_HINT
from licheck.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_UNVERIFIED, EXIT_USAGE, LicheckError
from licheck.report.safe_text import visible

__all__ = ["app", "main"]


def _usage_error_class() -> type[Exception]:
    """click's ClickException, from whichever click typer runs on (newer typer vendors one).

    typer re-exports BadParameter from that click, so its base class is found without importing
    a private module.
    """
    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code instead of exiting."""
    if argv is None:
        # The process's own command (the console script, ``python -m licheck``): what the
        # imports built lives as long as the process, so the garbage collector need not walk
        # it again in every full collection of a large run. A host passing ``argv`` keeps its
        # collector as it was.
        gc.freeze()
        collector.for_command()
    # A command sets the "licheck" logger up for its run; put it back afterwards, so a host
    # process (tests, tools embedding licheck) keeps its own logging configuration.
    logger = logging.getLogger("licheck")
    saved = (logger.handlers[:], logger.level)
    try:
        return _run(argv)
    finally:
        logger.handlers[:] = saved[0]
        logger.setLevel(saved[1])  # setLevel, not assignment: it clears the level cache


def _run(argv: list[str] | None) -> int:
    usage_error = _usage_error_class()
    try:
        result: Any = app(args=argv, prog_name="licheck", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        return EXIT_INTERRUPTED
    except usage_error as exc:
        # click words the message from the arguments, and pre-commit passes file names there.
        message = getattr(exc, "message", None)
        if isinstance(message, str):
            exc.message = visible(message)  # type: ignore[attr-defined]
        exc.show()  # type: ignore[attr-defined]
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("licheck: interrupted\n")
        return EXIT_INTERRUPTED
    except LicheckError as exc:
        hint = f"\n  hint: {visible(exc.hint)}" if exc.hint else ""
        sys.stderr.write(f"licheck: error: {visible(str(exc))}{hint}\n")
        return exc.exit_code
    except Exception:
        import traceback

        traceback.print_exc()
        sys.stderr.write(
            f"licheck: internal error (please report it); if it involves the Hub: {NETWORK_HINT}\n"
        )
        return EXIT_UNVERIFIED
    return result if isinstance(result, int) else EXIT_OK
