"""``python -m licheck`` and the console script: one entry point, ``run``.

``python -m`` puts the working directory first on ``sys.path``, and licheck is run inside the
repository it scans (a pull request nobody has reviewed, in a CI job holding HF_TOKEN). That
entry is dropped before anything else is imported, so a ``json.py`` or ``typer.py`` in the tree
never runs. A ``licheck.py`` there would replace licheck itself before this file runs: the
console script, or ``python -I -m licheck``, is the safe way to start it.
"""

import atexit
import os
import sys


def _drop_working_directory() -> None:
    """Remove the entry ``-m`` put first on ``sys.path``: '' on old Pythons, the absolute path
    of the working directory on new ones (none at all under -I or -P)."""
    if getattr(sys.flags, "safe_path", False) or not sys.path:
        return
    first = sys.path[0]
    if first in ("", os.curdir) or os.path.abspath(first) == os.getcwd():
        del sys.path[0]


_exit_code: int | None = None


def _exit_now() -> None:
    """The last exit handler: leave with the command's code without the interpreter's teardown.

    Tearing down frees every object of the run one by one (tens of milliseconds, a tenth of a
    warm scan) and nothing of licheck's waits for it: its files are closed by ``with`` and its
    caches committed and closed before the command returns. Every other exit handler (logging,
    temporary folders, worker pools) has run by now, since this one was registered first.
    """
    if _exit_code is None:  # the command did not finish (an uncaught error): exit as usual
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed or broken pipe: the interpreter reports it
        return
    os._exit(_exit_code)


def _no_exit_handler_yet() -> bool:
    """Whether nothing has registered an exit handler before licheck's command began.

    A tool started with the interpreter (coverage from a ``.pth`` file or sitecustomize, a
    tracer) registers its handler first, so it would run after ``_exit_now``, that is never:
    then the interpreter exits as usual. ``_ncallbacks`` is CPython's; without it, the same.
    """
    count = getattr(atexit, "_ncallbacks", None)
    return callable(count) and count() == 0


def run() -> None:
    """Run the command line of this process and exit with its code."""
    global _exit_code
    if _no_exit_handler_yet():
        atexit.register(_exit_now)  # first registered, so run after every other exit handler
    # Importing the CLI builds tens of thousands of objects that live as long as the process
    # (modules, classes, functions); at the default threshold the collector walks them again
    # every 700 allocations while they are made. cli.main keeps the same setting for the run
    # itself (and freezes what the imports built).
    collector.for_command()
    from licheck.cli import main  # imported only once the path is clean

    _exit_code = main()
    raise SystemExit(_exit_code)


_drop_working_directory()

from licheck import collector  # noqa: E402  (imported only once the path is clean)

if __name__ == "__main__":
    run()
