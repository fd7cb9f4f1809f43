"""`licheck preserve --sign-key` / `--verify --verify-key` with the real OpenSSF model-signing
library (the `sign` extra): a snapshot signed once, the signature checked, a tampered file
caught, a second run leaving the signature alone, and a clear error without the library."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from licheck.cli import main
from tests.hubstub import HubStub
from tests.hubstub.escrow import ESCROW

pytest.importorskip("model_signing")


def keys(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    private, public = tmp_path / "signing.pem", tmp_path / "signing.pub"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["preserve", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_signed_snapshot_verifies_until_a_file_changes(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private, public = keys(tmp_path)
    dest = tmp_path / "escrow"
    code, out, err = run(capsys, "--dest", dest, "--sign-key", private, ESCROW)
    assert code == 0, out + err
    assert "; signed" in out
    snap = dest / ESCROW / escrow.data.repos[ESCROW].main.sha
    signature = (snap / "snapshot.sig").read_bytes()
    assert b"dsseEnvelope" in signature
    assert '"signed": true' in (dest / "index.json").read_text()

    code, out, _ = run(capsys, "--dest", dest, "--verify", "--verify-key", public)
    assert code == 0 and "signature holds" in out
    code, out, _ = run(capsys, "--dest", dest, "--verify", "--strict")
    assert code == 3 and "the signature was not checked" in out  # no key: cannot vouch for it

    # A second signed run changes nothing, the signature included.
    assert run(capsys, "--dest", dest, "--sign-key", private, ESCROW)[0] == 0
    assert (snap / "snapshot.sig").read_bytes() == signature

    (tmp_path / "other").mkdir()
    other, _ = keys(tmp_path / "other")
    code, out, _ = run(capsys, "--dest", dest, "--verify", "--verify-key", other)
    assert code == 1 and "signature: does not hold" in out  # a private key works too

    (snap / "files" / "NOTICE").write_text("changed\n")
    code, out, _ = run(capsys, "--dest", dest, "--verify", "--verify-key", public)
    assert code == 1 and "NOTICE: altered" in out and "signature: does not hold" in out


def test_without_the_library_signing_is_a_usage_error(
    escrow: HubStub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    private, _ = keys(tmp_path)
    monkeypatch.setitem(sys.modules, "model_signing", None)  # as if it were not installed
    code, _, err = run(capsys, "--dest", tmp_path / "escrow", "--sign-key", private, ESCROW)
    assert code == 2 and "pip install 'licheck[sign]'" in err
    assert escrow.requests == []  # refused before any question to the Hub


def test_a_key_that_cannot_sign_is_a_usage_error(
    escrow: HubStub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, public = keys(tmp_path)
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    for key, problem in ((public, "not a private key"), (garbage, "not a usable PEM key")):
        code, _, err = run(capsys, "--dest", tmp_path / "escrow", "--sign-key", key, ESCROW)
        assert code == 2 and problem in err
    assert escrow.requests == []
