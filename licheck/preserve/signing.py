"""Sign a snapshot, and check its signature, with the OpenSSF ``model-signing`` library.

The signed model is the snapshot folder (``files/`` and ``manifest.json``, so the license facts
are covered too); the signature is a Sigstore bundle in ``snapshot.sig`` beside them, made with
an elliptic-curve private key in PEM (no certificate, no transparency log, no network). A
password for an encrypted key comes from ``LICHECK_SIGN_KEY_PASSWORD``. Checking needs the
public key, or the private key it is derived from. The library is an optional extra
(``pip install 'licheck[sign]'``), imported only here and only when asked for.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from licheck.errors import EXIT_FINDINGS, ConfigError, LicheckError
from licheck.preserve.store import PARTIAL, SIGNATURE

PASSWORD_ENV = "LICHECK_SIGN_KEY_PASSWORD"
_MISSING = (
    "{what} needs the model-signing library, which is not installed: pip install 'licheck[sign]'"
)


def _library(what: str) -> Any:
    try:
        import model_signing
    except ImportError as exc:  # not installed, or a dependency it forgot to declare
        raise ConfigError(_MISSING.format(what=what) + f" ({exc})") from None
    return model_signing


def _hashing(library: Any) -> Any:
    # The signature itself and huggingface_hub's downloads in progress are not the snapshot.
    return library.hashing.Config().set_ignored_paths(paths=[SIGNATURE, PARTIAL])


def _password() -> Any:
    value = os.environ.get(PASSWORD_ENV)
    # model-signing hands the password to cryptography, which wants bytes.
    return value.encode("utf-8") if value else None


class SigningError(LicheckError):
    """A snapshot could not be signed (the snapshot is then reported as failed)."""

    exit_code = EXIT_FINDINGS


def check_key(path: Path, what: str) -> None:
    """ConfigError unless the library is installed and ``path`` holds a PEM key it can use (a
    private key for signing; a public or private key for checking)."""
    _library(what)
    if not path.is_file():
        raise ConfigError(f"{what} {path}: no such file")
    from cryptography.hazmat.primitives import serialization  # model-signing depends on it

    data = path.read_bytes()
    try:
        if b"PRIVATE KEY" in data:
            serialization.load_pem_private_key(data, _password())
        elif what == "--sign-key":
            raise ValueError("not a private key")
        else:
            serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{what} {path}: not a usable PEM key ({exc})") from None


def sign(folder: Path, key: Path) -> None:
    """Sign the snapshot in ``folder`` with the private key ``key`` (writes ``snapshot.sig``
    through a temporary file, so a failed signing leaves no half signature)."""
    library = _library("--sign-key")
    fd, tmp = tempfile.mkstemp(prefix=".snapshot-", suffix=".sig", dir=folder.parent)
    os.close(fd)
    try:
        config = library.signing.Config().use_elliptic_key_signer(
            private_key=key, password=_password()
        )
        config.set_hashing_config(_hashing(library)).sign(folder, tmp)
        os.replace(tmp, folder / SIGNATURE)
    except Exception as exc:  # the library's own errors: a key it cannot use, a file it skips
        raise SigningError(f"could not sign {folder}: {type(exc).__name__}: {exc}") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _public_key(key: Path, scratch: Path) -> Path:
    """``key`` if it is a public key; else the public half of the private key, written to
    ``scratch``."""
    from cryptography.hazmat.primitives import serialization  # model-signing depends on it

    data = key.read_bytes()
    if b"PRIVATE KEY" not in data:
        return key
    private: Any = serialization.load_pem_private_key(data, _password())
    public = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    path = scratch / "public.pem"
    path.write_bytes(public)
    return path


def verify(folder: Path, key: Path) -> str | None:
    """Why the signature in ``folder`` does not hold for ``key`` (None: it holds)."""
    library = _library("checking a signature")
    with tempfile.TemporaryDirectory(prefix="licheck-key-") as scratch:
        try:
            public = _public_key(key, Path(scratch))
            config = library.verifying.Config().use_elliptic_key_verifier(public_key=public)
            config.set_hashing_config(_hashing(library)).verify(folder, folder / SIGNATURE)
        except Exception as exc:  # the library raises ValueError and others for a bad one
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            return f"{type(exc).__name__}: {first[:300]}"
    return None
