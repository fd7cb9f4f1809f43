"""A progress line on stderr while models are resolved, for a person watching a terminal.

``resolve_progress`` yields the ``on_resolved`` callback for ``licheck.pipeline.run_scan`` (or
None when no progress should be shown). It draws only when stderr is a TTY, ``CI`` is not set,
the run is not a pre-commit hook and ``--quiet`` is off, and only once resolving has lasted
longer than a short delay, so cached and offline runs never flash a bar. Colour follows
``--no-color`` and ``NO_COLOR``. It must never write to stdout (reports go there), and it must
not import rich until it is about to draw: start-up cost matters for the pre-commit hook.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

from licheck.records import ModelRecord, Status
from licheck.report.safe_text import visible

OnResolved = Callable[[ModelRecord], None]

# Long enough that a warm-cache run finishes first, short enough to reassure on a slow network.
DEFAULT_DELAY = 0.4
_OFF = frozenset({"", "0", "false", "no", "off"})


def progress_wanted(
    stream: TextIO, environ: Mapping[str, str] | None = None, *, quiet: bool = False
) -> bool:
    """Whether a progress display belongs on ``stream`` in this environment."""
    env = os.environ if environ is None else environ
    if quiet or env.get("CI", "").strip().lower() not in _OFF:
        return False
    # pre-commit captures hook output (and may hand hooks a pseudo-TTY for colours).
    if env.get("PRE_COMMIT") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        return False


class ResolveProgress:
    """Counts resolved models and, once ``delay`` seconds have passed, draws them with rich.

    Call it with each ``ModelRecord`` as it lands (from any one thread); ``start`` arms the
    delayed display and ``close`` removes it. Counting never depends on drawing.
    """

    def __init__(self, stream: TextIO, *, color: bool, delay: float = DEFAULT_DELAY) -> None:
        self.done = 0
        self.cached = 0
        self.unverified = 0
        self.last = ""
        self._stream = stream
        self._color = color
        self._delay = delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._progress: Any = None  # rich.progress.Progress while drawing
        self._task: Any = None
        self._closed = False

    def __call__(self, record: ModelRecord) -> None:
        with self._lock:
            self.done += 1
            self.cached += record.from_cache
            self.unverified += record.status is Status.UNVERIFIED
            self.last = visible(record.model)
            if self._progress is not None:
                self._progress.update(self._task, description=self.text())

    def text(self) -> str:
        """The status line: how many models are resolved, and the last one."""
        notes = [f"{self.cached} cached"] if self.cached else []
        if self.unverified:
            notes.append(f"{self.unverified} unverified")
        extra = f" ({', '.join(notes)})" if notes else ""
        last = f" · {self.last}" if self.last else ""
        return f"licheck: resolving models · {self.done} done{extra}{last}"

    def start(self) -> None:
        """Arm the display; it appears after the delay unless ``close`` comes first."""
        if self._delay <= 0:
            self._begin()
            return
        self._timer = threading.Timer(self._delay, self._begin)
        self._timer.daemon = True
        self._timer.start()

    def _begin(self) -> None:
        with self._lock:
            if self._closed or self._progress is not None:
                return
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(
                file=self._stream,
                force_terminal=True,
                no_color=not self._color,
                highlight=False,
            )
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}", markup=False),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._task = self._progress.add_task(self.text(), total=None)
            self._progress.start()

    def close(self) -> None:
        """Stop drawing and erase the line, so the summary that follows starts clean."""
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            if self._progress is not None:
                self._progress.stop()
                self._progress = None


@contextmanager
def resolve_progress(
    *,
    quiet: bool = False,
    color: bool = True,
    stream: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
    delay: float = DEFAULT_DELAY,
) -> Iterator[OnResolved | None]:
    """Yield an ``on_resolved`` callback that feeds a progress display, or None for no display.

    ``color=False`` (``--no-color``) and ``NO_COLOR`` in the environment both turn colour off.
    """
    out = sys.stderr if stream is None else stream
    env = os.environ if environ is None else environ
    if not progress_wanted(out, env, quiet=quiet):
        yield None
        return
    progress = ResolveProgress(out, color=color and "NO_COLOR" not in env, delay=delay)
    progress.start()
    try:
        yield progress
    finally:
        progress.close()
