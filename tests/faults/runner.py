"""What the fault suites share: writing a small tree, and running the real CLI in its own process.

``licheck_run`` runs licheck's ``__main__`` in an isolated interpreter (``python -I``, as the
Action does), bounds it with a watchdog, and has the child write its own peak memory (VmHWM, which
exec resets; the parent's size at fork is not counted). The figures go to LICHECK_FAULTS_LOG
when it is set (the issue 9 closing note's table).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TIME_LIMIT = 60.0
# ``python -I -m licheck ARGS``, plus a note of the process's own peak memory at exit.
_CHILD = """
import atexit, runpy, sys
peak_file = sys.argv[1]

def peak():
    try:
        with open("/proc/self/status") as status:
            kb = next((int(l.split()[1]) for l in status if l.startswith("VmHWM:")), 0)
    except OSError:
        import resource
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(peak_file, "w") as out:
        out.write(str(kb))

atexit.register(peak)
sys.argv = ["licheck", *sys.argv[2:]]
runpy.run_module("licheck", run_name="__main__", alter_sys=True)
"""


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    """``files`` (relative path -> text or bytes) under ``root``; returns ``root``."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@dataclass(frozen=True)
class Done:
    """One finished CLI run."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_kb: int

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


def licheck_run(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, *, label: str = ""
) -> Done:
    """``python -I -m licheck ARGS`` in ``cwd``; killed (and the test failed) past TIME_LIMIT."""
    # Output goes to files outside ``cwd`` (often the scanned tree itself), not pipes, so a
    # child that writes a lot never blocks and the watchdog alone bounds the run.
    with tempfile.TemporaryDirectory(prefix="licheck-run-") as spool:
        return _run(args, cwd, env, Path(spool), label)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None, spool: Path, label: str) -> Done:
    out, err, peak = spool / "stdout", spool / "stderr", spool / "peak"
    start = time.monotonic()
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-I", "-c", _CHILD, str(peak), *args],
            cwd=cwd,
            env=env if env is not None else dict(os.environ),
            stdout=stdout,
            stderr=stderr,
        )
        watchdog = threading.Timer(TIME_LIMIT, child.kill)
        watchdog.start()
        try:
            _, status, _usage = os.wait4(child.pid, 0)
        finally:
            watchdog.cancel()
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    seconds = time.monotonic() - start
    done = Done(
        child.returncode,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        seconds,
        int(peak.read_text() or 0) if peak.is_file() else 0,
    )
    assert seconds < TIME_LIMIT, f"licheck {' '.join(args)} ran past {TIME_LIMIT:g} s"
    log = os.environ.get("LICHECK_FAULTS_LOG")
    label = label or os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0].split("::")[-1]
    if log and label:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{label}\t{seconds:.2f} s\t{done.peak_mb:.0f} MiB\n")
    return done
