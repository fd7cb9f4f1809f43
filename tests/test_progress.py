"""The resolving progress display: when it shows, what it draws, and that it honours NO_COLOR."""

from __future__ import annotations

import io
import re
import time

import pytest

from licheck.progress import ResolveProgress, progress_wanted, resolve_progress
from licheck.records import ModelRecord, Source, Status

SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour and style codes, not cursor movement


class FakeTTY(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def record(model: str, status: Status = Status.OK, cached: bool = False) -> ModelRecord:
    return ModelRecord(model, Source.HF, None, status, from_cache=cached)


@pytest.mark.parametrize(
    ("tty", "env", "quiet", "wanted"),
    [
        (True, {}, False, True),
        (True, {"CI": "false"}, False, True),
        (True, {"CI": "0"}, False, True),
        (True, {"NO_COLOR": "1"}, False, True),  # no colour, but still a display
        (False, {}, False, False),
        (True, {"CI": "true"}, False, False),
        (True, {"CI": "1"}, False, False),
        (True, {}, True, False),
        (True, {"PRE_COMMIT": "1"}, False, False),
        (True, {"TERM": "dumb"}, False, False),
    ],
)
def test_progress_wanted(tty: bool, env: dict[str, str], quiet: bool, wanted: bool) -> None:
    stream = FakeTTY() if tty else io.StringIO()
    assert progress_wanted(stream, env, quiet=quiet) is wanted


def test_not_a_tty_yields_no_callback() -> None:
    stream = io.StringIO()
    with resolve_progress(stream=stream, environ={}, delay=0) as on_resolved:
        assert on_resolved is None
    assert stream.getvalue() == ""


def test_draws_counts_and_last_model_then_erases() -> None:
    stream = FakeTTY()
    with resolve_progress(stream=stream, environ={}, delay=0) as on_resolved:
        assert on_resolved is not None
        on_resolved(record("org/first", cached=True))
        on_resolved(record("org/[odd]-name", Status.UNVERIFIED))
        time.sleep(0.15)  # let rich's refresh thread draw at least once
    drawn = stream.getvalue()
    assert "licheck: resolving models · 2 done (1 cached, 1 unverified)" in drawn
    assert "org/[odd]-name" in drawn  # no rich markup applied to model ids
    assert SGR.search(drawn), "colour expected when NO_COLOR is not set"
    assert "\x1b[?25h" in drawn, "the cursor must be shown again when the display closes"
    assert drawn.endswith("\x1b[2K"), "the line must be erased so the summary starts clean"


@pytest.mark.parametrize(
    ("environ", "color"), [({"NO_COLOR": "1"}, True), ({}, False)], ids=["NO_COLOR", "--no-color"]
)
def test_no_color(environ: dict[str, str], color: bool) -> None:
    stream = FakeTTY()
    with resolve_progress(stream=stream, environ=environ, color=color, delay=0) as on_resolved:
        assert on_resolved is not None
        on_resolved(record("org/model"))
        time.sleep(0.15)
    drawn = stream.getvalue()
    assert "1 done" in drawn
    assert not SGR.search(drawn)


def test_fast_runs_draw_nothing() -> None:
    stream = FakeTTY()
    with resolve_progress(stream=stream, environ={}, delay=5.0) as on_resolved:
        assert on_resolved is not None
        on_resolved(record("org/model"))
    assert stream.getvalue() == ""


def test_counting_does_not_depend_on_drawing() -> None:
    progress = ResolveProgress(io.StringIO(), color=False, delay=60)
    for name in ("a/b", "c/d", "e/f"):
        progress(record(name, cached=name != "c/d"))
    assert (progress.done, progress.cached, progress.unverified) == (3, 2, 0)
    assert progress.text() == "licheck: resolving models · 3 done (2 cached) · e/f"
    progress.close()  # never started: closing is still safe
