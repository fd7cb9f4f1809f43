"""`licheck preserve` at the edges: progress bars only on a terminal, a server echoing the token
into a file, offline runs, one commit named twice, Ctrl-C-safe workers, a damaged index."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from licheck.cli import main
from licheck.preserve.pool import in_parallel
from tests.hubstub import GATE_APPROVED_TOKEN, HubStub
from tests.hubstub.escrow import ESCROW
from tests.hubstub.handler import Handler
from tests.hubstub.routes import Answer


def preserve(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["preserve", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def head(hub: HubStub) -> str:
    return hub.data.repos[ESCROW].main.sha


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pseudo-terminal")
def test_progress_bars_show_bytes_and_rate_on_a_terminal_only(
    escrow: HubStub, tmp_path: Path
) -> None:
    import fcntl
    import pty
    import struct
    import termios

    def run(extra_env: dict[str, str]) -> bytes:
        leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        child = subprocess.Popen(
            [
                sys.executable,
                "-I",
                "-m",
                "licheck",
                "preserve",
                "--dest",
                str(tmp_path / "s"),
                ESCROW,
            ],
            env={**os.environ, "TERM": "xterm", **extra_env},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=follower,
        )
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert child.wait(timeout=60) == 0
        os.close(leader)
        return seen

    shown = run({})
    assert b"B/s" in shown and b"%|" in shown  # huggingface_hub's bars: bytes and rate
    escrow.reset()
    (tmp_path / "s").rename(tmp_path / "first")
    quiet = run({"CI": "true"})
    assert b"B/s" not in quiet and b"preserved in" in quiet


def test_a_file_holding_the_token_is_deleted_not_kept(
    escrow: HubStub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def echo(handler: Handler) -> None:
        answer = handler.answer()
        if handler.command == "GET":  # same length, so only the bytes give it away
            token = handler.token().encode()
            answer = Answer(answer.status, answer.headers, token + answer.body[len(token) :])
        handler.write(answer, handler.command != "HEAD")

    escrow.behave(rf"/{ESCROW}/resolve/{head(escrow)}/NOTICE", echo)
    monkeypatch.setenv("HF_TOKEN", GATE_APPROVED_TOKEN)
    dest = tmp_path / "escrow"
    code, out, err = preserve(capsys, "--dest", dest, ESCROW)
    assert code == 1
    assert "NOTICE: the Hub sent it with this run's token inside; deleted, not kept" in out
    assert GATE_APPROVED_TOKEN not in out + err
    kept = [p.read_bytes() for p in dest.rglob("*") if p.is_file()]
    assert kept and not any(GATE_APPROVED_TOKEN.encode() in data for data in kept)


def test_offline_runs_check_what_is_kept_and_ask_nothing(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "escrow"
    pinned = f"{ESCROW}@{head(escrow)}"
    assert preserve(capsys, "--dest", dest, pinned)[0] == 0
    escrow.reset()
    code, out, _ = preserve(capsys, "--dest", dest, "--offline", pinned)
    assert code == 0 and out.startswith("unchanged")
    code, out, _ = preserve(capsys, "--dest", dest, "--offline", "--strict", ESCROW)
    assert code == 3 and out.startswith("skipped") and "offline" in out
    assert escrow.requests == []


def test_one_commit_named_twice_is_fetched_once(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "escrow"
    code, out, _ = preserve(capsys, "--dest", dest, ESCROW, f"{ESCROW}@{head(escrow)}")
    assert code == 0 and out.count("preserved ") == 2
    gets = [r.path for r in escrow.requests if r.method == "GET" and "/resolve/" in r.path]
    assert len(gets) == len(set(gets)) == 9


def test_an_unreadable_index_is_rebuilt_from_the_manifests(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "escrow"
    assert preserve(capsys, "--dest", dest, ESCROW)[0] == 0
    good = (dest / "index.json").read_bytes()
    (dest / "index.json").write_text("[not the index")
    code, _, err = preserve(capsys, "--dest", dest, "--verify")
    assert code == 1 and "rebuilt from the manifests" in err  # --verify reports the damage
    code, _, err = preserve(capsys, "--dest", dest, ESCROW)
    assert code == 0 and "rebuilt from the manifests" in err  # a run repairs it
    assert (dest / "index.json").read_bytes() == good


def test_workers_are_daemons_and_errors_reach_the_caller() -> None:
    seen: list[bool] = []

    def note(item: int) -> int:
        seen.append(threading.current_thread().daemon)
        return item * 2

    assert in_parallel(note, [1, 2, 3], workers=2) == [2, 4, 6] and all(seen)

    def fail(item: int) -> int:
        time.sleep(0.01)
        raise ValueError(f"item {item}")

    with pytest.raises(ValueError, match="item"):
        in_parallel(fail, [1, 2], workers=2)
    assert in_parallel(fail, [], workers=2) == []


def test_a_file_the_hub_lists_but_does_not_serve_skips_the_model(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = head(escrow)

    def missing(handler: Handler) -> None:
        answer = Answer.error(404, "EntryNotFound", "gone", {"X-Repo-Commit": sha})
        handler.write(answer, handler.command != "HEAD")

    escrow.behave(rf"/{ESCROW}/resolve/{sha}/NOTICE", missing)
    code, out, _ = preserve(capsys, "--dest", tmp_path / "escrow", "--strict", ESCROW)
    assert code == 3
    assert out.startswith("skipped") and "the Hub lists NOTICE but does not serve it" in out
    assert not (tmp_path / "escrow" / ESCROW / sha / "manifest.json").exists()
