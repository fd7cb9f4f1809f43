"""`licheck preserve` end to end against the Hub stand-in, with the real huggingface_hub client:
a full preserve, a second run that changes nothing, resuming a killed run, --verify, a gated
repo, hostile file names, a lying LFS file, the free-space refusal, links inside the store."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from licheck.cli import main
from licheck.hub.blobs import git_blob_id
from tests.hubstub import GATE_APPROVED_TOKEN, HubStub
from tests.hubstub.escrow import BAD_LFS, ESCROW, GATED, HOSTILE, HUGE

KEPT = {
    "README.md": "card",
    "LICENSE": "terms",
    "NOTICE": "terms",
    "USE_POLICY.md": "terms",
    "docs/usage.md": "terms",
    "config.json": "config",
    "generation_config.json": "config",
    "tokenizer.json": "tokenizer",
    "tokenizer_config.json": "tokenizer",
}


def preserve(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["preserve", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def head(hub: HubStub, model: str = ESCROW) -> str:
    return hub.data.repos[model].main.sha


def files_of(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` with its bytes and modification time."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def line_of(out: str, model: str) -> str:
    return next(line for line in out.splitlines() if f" {model}" in line)


def test_full_preserve_keeps_verified_files_and_a_manifest(
    escrow: HubStub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HF_TOKEN", GATE_APPROVED_TOKEN)
    dest = tmp_path / "escrow"
    code, out, err = preserve(capsys, "--dest", dest, "--weights", ESCROW)
    assert code == 0, out + err
    revision = escrow.data.repos[ESCROW].main
    snap = dest / ESCROW / revision.sha
    assert files_of(snap / "files") == {*KEPT, "model.safetensors"}  # not train.py, not onnx/
    for name in KEPT:
        assert (snap / "files" / name).read_bytes() == revision.files[name].encode()
    weights = revision.lfs["model.safetensors"].data
    assert (snap / "files" / "model.safetensors").read_bytes() == weights
    assert not (snap / ".partial").exists()
    line = line_of(out, ESCROW)
    assert line.startswith("preserved") and "the head of the default branch today" in line
    assert str(snap) in line and "10 files" in line

    data = (snap / "manifest.json").read_bytes()
    manifest = json.loads(data)
    assert manifest["schema"] == "licheck/preserve-manifest/v1"
    assert (manifest["model"], manifest["sha"]) == (ESCROW, revision.sha)
    assert manifest["resolved"] == {"from": "head", "revision": None}
    assert manifest["endpoint"] == escrow.url and manifest["licheck_version"]
    assert manifest["license"]["license"] == "apache-2.0"
    assert (manifest["license"]["spdx"], manifest["license"]["category"]) == (
        "Apache-2.0",
        "permissive",
    )
    assert manifest["selections"] == [{"weights": True, "include": [], "exclude": []}]
    entries = {f["path"]: f for f in manifest["files"]}
    assert {p: e["kind"] for p, e in entries.items() if p in KEPT} == KEPT
    lfs = entries["model.safetensors"]
    assert (lfs["kind"], lfs["lfs"], lfs["size"]) == ("weights", True, len(weights))
    assert lfs["sha256"] == hashlib.sha256(weights).hexdigest()
    license_entry = entries["LICENSE"]
    assert license_entry["lfs"] is False
    assert license_entry["blob_id"] == git_blob_id(revision.files["LICENSE"].encode())

    index = json.loads((dest / "index.json").read_text())
    assert index["schema"] == "licheck/preserve-index/v1"
    [entry] = index["snapshots"]
    assert entry["path"] == f"{ESCROW}/{revision.sha}" and entry["files"] == 10
    assert entry["manifest"] == "sha256:" + hashlib.sha256(data).hexdigest()

    # The token went to the Hub, never to the CDN, and into no file and no output.
    cdn = [r for r in escrow.requests if r.cdn]
    assert cdn and not any(r.authorized for r in cdn)
    assert all(r.authorized for r in escrow.requests if not r.cdn)
    assert GATE_APPROVED_TOKEN not in out + err
    assert not any(GATE_APPROVED_TOKEN.encode() in content for content, _ in tree(dest).values())


def test_a_second_run_fetches_nothing_and_changes_nothing(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "escrow"
    pinned = f"{ESCROW}@{head(escrow)}"
    assert preserve(capsys, "--dest", dest, "--weights", pinned)[0] == 0
    before = tree(dest)
    escrow.reset()
    code, out, _ = preserve(capsys, "--dest", dest, "--weights", pinned)
    assert code == 0 and line_of(out, ESCROW).startswith("unchanged")
    assert "the pinned commit" in out and "all re-hashed in place" in out
    assert escrow.requests == []  # a commit's files never change: nothing to ask
    assert tree(dest) == before
    # By branch, the Hub is asked where the branch is, once; no file is fetched again.
    code, out, _ = preserve(capsys, "--dest", dest, "--weights", ESCROW)
    assert code == 0 and line_of(out, ESCROW).startswith("unchanged")
    assert [r.path for r in escrow.requests] == [f"/api/models/{ESCROW}/revision/main"]
    assert tree(dest) == before


def test_a_killed_run_resumes_without_fetching_finished_files(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sha = head(escrow)
    weights = escrow.data.repos[ESCROW].main.lfs["model.safetensors"].data
    release = threading.Event()

    def stall(handler: object) -> None:
        from tests.hubstub.handler import Handler

        assert isinstance(handler, Handler)
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(weights)))
        handler.end_headers()
        handler.wfile.write(weights[: len(weights) // 2])
        handler.wfile.flush()
        release.wait(20)

    escrow.behave(rf"/lfs/{ESCROW}/{sha}/model\.safetensors", stall)
    dest = tmp_path / "escrow"
    files = dest / ESCROW / sha / "files"
    command = [sys.executable, "-I", "-m", "licheck", "preserve", "--dest", str(dest)]
    child = subprocess.Popen(
        [*command, "--weights", ESCROW],
        cwd=tmp_path,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            stalled = any(r.cdn for r in escrow.requests)
            if stalled and files.is_dir() and files_of(files) == set(KEPT):
                break
            time.sleep(0.05)
        else:
            pytest.fail("the first run never reached the weights")
    finally:
        child.kill()
        _, stderr = child.communicate(timeout=10)
        release.set()
    assert b"B/s" not in stderr and b"%|" not in stderr  # no progress bar into a pipe
    assert not (files.parent / "manifest.json").exists()
    finished = {name: (files / name).stat().st_mtime_ns for name in KEPT}

    escrow.reset()
    code, out, err = preserve(capsys, "--dest", dest, "--weights", ESCROW)
    assert code == 0, out + err
    fetched = [
        r.path for r in escrow.requests if r.method == "GET" and not r.path.startswith("/api")
    ]
    assert fetched == [f"/lfs/{ESCROW}/{sha}/model.safetensors"]
    assert "1 fetched" in line_of(out, ESCROW)
    assert {name: (files / name).stat().st_mtime_ns for name in KEPT} == finished
    assert (files / "model.safetensors").read_bytes() == weights
    assert (files.parent / "manifest.json").is_file() and not (files.parent / ".partial").exists()


def test_verify_catches_a_flipped_byte_and_a_deleted_file(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "escrow"
    assert preserve(capsys, "--dest", dest, ESCROW)[0] == 0
    escrow.reset()
    code, out, err = preserve(capsys, "--dest", dest, "--verify")
    assert code == 0 and out.startswith("ok ") and "0 missing or altered" in err
    files = dest / ESCROW / head(escrow) / "files"
    original = (files / "LICENSE").read_bytes()
    flipped = bytearray(original)
    flipped[100] ^= 0x01
    (files / "LICENSE").write_bytes(bytes(flipped))
    code, out, err = preserve(capsys, "--dest", dest, "--verify")
    assert code == 1 and out.startswith("ALTERED") and "LICENSE: altered (sha256" in out
    assert "1 missing or altered" in err
    (files / "LICENSE").write_bytes(original)
    (files / "config.json").unlink()
    code, out, _ = preserve(capsys, "--dest", dest, "--verify")
    assert code == 1 and "config.json: missing" in out
    (files / "stray.bin").write_bytes(b"added later")
    code, out, _ = preserve(capsys, "--dest", dest, "--verify", ESCROW)
    assert code == 1 and "stray.bin: not in the manifest" in out
    assert escrow.requests == []  # verifying never asks the Hub
    # A run repairs what is missing and leaves the stray file to the person who put it there.
    (files / "stray.bin").unlink()
    assert preserve(capsys, "--dest", dest, ESCROW)[0] == 0
    assert preserve(capsys, "--dest", dest, "--verify")[0] == 0


def test_a_gated_repo_is_skipped_with_the_way_in(
    escrow: HubStub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dest = tmp_path / "escrow"
    private = "acme-corp/internal-model"
    code, out, err = preserve(capsys, "--dest", dest, GATED, private, ESCROW)
    assert code == 0, out + err
    line = line_of(out, GATED)
    assert line.startswith("skipped") and "gated" in line
    assert f"request access at {escrow.url}/{GATED}, then set HF_TOKEN" in line
    line = line_of(out, private)
    assert line.startswith("skipped") and "not found on the Hub" in line
    assert "if it is private, set HF_TOKEN to a token that can read it" in line
    assert line_of(out, ESCROW).startswith("preserved")
    assert "2 skipped" in err and not (dest / GATED).exists()
    assert preserve(capsys, "--dest", dest, "--strict", GATED)[0] == 3
    monkeypatch.setenv("HF_TOKEN", GATE_APPROVED_TOKEN)
    code, out, _ = preserve(capsys, "--dest", dest, "--strict", GATED)
    assert code == 0 and line_of(out, GATED).startswith("preserved")


def test_hostile_file_names_are_refused_and_nothing_leaves_the_store(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "a" / "b" / "escrow"
    code, out, _ = preserve(capsys, "--dest", dest, HOSTILE, ESCROW)
    assert code == 1
    line = line_of(out, HOSTILE)
    assert line.startswith("failed") and "'../../x'" in line and "an absolute path" in line
    assert "nothing of this model was fetched" in line
    assert not (dest / HOSTILE).exists()
    assert not any(p.name == "x" for p in tmp_path.rglob("x"))
    assert not Path("/tmp/licheck-absolute-evil.md").exists()
    assert not any(HOSTILE in r.path for r in escrow.requests if "/resolve/" in r.path)
    assert line_of(out, ESCROW).startswith("preserved")  # the others go on


def test_an_lfs_file_whose_bytes_miss_its_sha256_is_not_kept(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "escrow"
    code, out, _ = preserve(capsys, "--dest", dest, "--weights", BAD_LFS)
    assert code == 1
    line = line_of(out, BAD_LFS)
    assert line.startswith("failed") and "model.safetensors: the bytes the Hub sent" in line
    listed = escrow.data.repos[BAD_LFS].main.lfs["model.safetensors"].sha256
    assert f"where the Hub lists {listed}" in line
    snap = dest / BAD_LFS / head(escrow, BAD_LFS)
    assert not list(snap.rglob("model.safetensors")) and not (snap / "manifest.json").exists()
    assert not (snap / ".partial").exists()


@pytest.mark.filterwarnings("ignore:Not enough free disk space")  # huggingface_hub's, under --force
def test_no_space_for_the_weights_is_refused_naming_both_numbers(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "escrow"
    code, out, err = preserve(capsys, "--dest", dest, "--weights", HUGE)
    assert code == 1
    assert "not enough space" in err and "1.1 PB (1,125,899,906,842," in err
    assert "bytes) are free" in err and "--force" in err
    assert not any("/resolve/" in r.path for r in escrow.requests)  # nothing was fetched
    escrow.reset()
    code, out, _ = preserve(capsys, "--dest", dest, "--weights", "--force", HUGE)
    assert any(r.path.endswith("/model.safetensors") for r in escrow.requests)
    # huggingface_hub then refuses a petabyte (or finds fewer bytes than announced): the model
    # is not preserved, and nothing unverified is kept.
    assert line_of(out, HUGE).startswith(("skipped", "failed"))
    snap = dest / HUGE / head(escrow, HUGE)
    assert not (snap / "manifest.json").exists()
    assert not (snap / "files" / "model.safetensors").exists()


def test_a_link_inside_the_store_is_refused(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest, outside = tmp_path / "escrow", tmp_path / "outside"
    dest.mkdir()
    outside.mkdir()
    (dest / "escrow-org").symlink_to(outside)
    code, out, _ = preserve(capsys, "--dest", dest, ESCROW)
    assert code == 1 and "symbolic link inside the store" in line_of(out, ESCROW)
    assert list(outside.iterdir()) == []


def test_include_and_exclude_globs(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "escrow"
    args = ["--include", "onnx/", "--exclude", "docs/*", "--exclude", "*.json"]
    assert preserve(capsys, "--dest", dest, *args, ESCROW)[0] == 0
    kept = files_of(dest / ESCROW / head(escrow) / "files")
    assert kept == {"README.md", "LICENSE", "NOTICE", "USE_POLICY.md", "onnx/model.onnx"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([ESCROW], "no store given: pass --dest DIR or set [tool.licheck] preserve_dir"),
        (["--dest", "store", "../etc/passwd"], "'../etc/passwd' is not a Hub model id"),
        (["--dest", "store", f"{ESCROW}@"], "give a branch, tag or commit sha after '@'"),
    ],
)
def test_usage_errors_exit_2(
    escrow: HubStub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = preserve(capsys, *args)
    assert code == 2 and message in err
    assert escrow.requests == []


def test_preserve_dir_comes_from_the_configuration(
    escrow: HubStub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.licheck]\npreserve_dir = "../escrow"\n')
    monkeypatch.chdir(project)
    assert preserve(capsys, ESCROW)[0] == 0
    assert (tmp_path / "escrow" / ESCROW / head(escrow) / "manifest.json").is_file()
