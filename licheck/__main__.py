"""``python -m licheck`` and the console script: one entry point, ``run``.

``python -m`` puts the working directory first on ``sys.path``, and licheck is run inside the
repository it scans (a pull request nobody has reviewed, in a CI job holding HF_TOKEN). That
entry is dropped before anything else is imported, so a ``json.py`` or ``typer.py`` in the tree
never runs. A ``licheck.py`` there would replace licheck itself before this file runs: the
console script, or ``python -I -m licheck``, is the safe way to start it.
"""

import gc
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


def run() -> None:
    """Run the command line of this process and exit with its code."""
    # Importing the CLI builds about a hundred thousand objects that live as long as the
    # process (modules, classes, functions); at the default threshold the collector walks
    # them again every 700 allocations while they are made. cli.main keeps the same setting
    # for the run itself (and freezes what the imports built).
    gc.set_threshold(50_000, *gc.get_threshold()[1:])
    from licheck.cli import main  # imported only once the path is clean

    raise SystemExit(main())


_drop_working_directory()

if __name__ == "__main__":
    run()
