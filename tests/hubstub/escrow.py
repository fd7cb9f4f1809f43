"""Repositories for the ``licheck preserve`` tests, added to the stand-in's usual data.

Small real files: a card with front matter, the Apache License 2.0 text (taken from the data
file's ``fixture-org/license-file-mismatch``), a NOTICE, a use policy, configs and tokenizer
files, and a few-KB safetensors file in LFS whose listed sha256 and size are its own. Around
that model: one whose LFS bytes do not match the sha256 the Hub lists, one whose file list
holds names that would leave any folder (``../../x``, an absolute path), one whose weights the
Hub says are a petabyte, and one behind a manual gate. Everything here is made up for tests.
"""

from __future__ import annotations

import hashlib
import json
import struct

from tests.hubstub.data import HubData, LfsBlob, Repo, Revision, load

ESCROW = "escrow-org/escrow-model"
BAD_LFS = "escrow-org/bad-lfs-model"
HOSTILE = "escrow-org/hostile-names"
HUGE = "escrow-org/huge-model"
GATED = "escrow-org/gated-model"
PETABYTE = 2**50

CARD = """\
---
license: apache-2.0
library_name: transformers
pipeline_tag: text-generation
---

# escrow-model

A small model card served by licheck's Hub stand-in for the preserve tests.
"""
NOTICE = "escrow-model\nCopyright 2025 Escrow Org (a made-up publisher for licheck's tests).\n"
USE_POLICY = "# Use policy\n\nDo not use this made-up model for anything but tests.\n"


def fake_safetensors(seed: str, floats: int = 1200) -> bytes:
    """A well-formed safetensors file of ``floats`` float32 values derived from ``seed``."""
    header = {"weight": {"dtype": "F32", "shape": [floats], "data_offsets": [0, floats * 4]}}
    head = json.dumps(header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)
    body = hashlib.shake_256(seed.encode()).digest(floats * 4)
    return struct.pack("<Q", len(head)) + head + body


def _apache_text(base: HubData) -> str:
    return base.repos["fixture-org/license-file-mismatch"].main.files["LICENSE"]


def model_repo(
    model: str, files: dict[str, str], lfs: dict[str, LfsBlob], gated: str | bool = False
) -> Repo:
    """A public (or gated) repo with one commit on main holding ``files`` and ``lfs``."""
    sha = hashlib.sha1(f"{model}@main".encode()).hexdigest()
    card = {"license": "apache-2.0", "library_name": "transformers"}
    revision = Revision(
        sha=sha,
        parent=None,
        date="2025-03-01T12:00:00.000Z",
        title="Initial commit",
        card_data=card,
        tags=("transformers", "license:apache-2.0", "region:us"),
        files=files,
        lfs=lfs,
    )
    return Repo(
        id=model,
        aliases=(),
        synthetic=True,
        private=False,
        disabled=False,
        gated=gated,
        gated_metadata=False,
        created_at="2025-03-01T12:00:00.000Z",
        library_name="transformers",
        pipeline_tag="text-generation",
        branches={"main": sha},
        tags={},
        pull_requests={},
        commits={sha: revision},
    )


def escrow_files(license_text: str) -> dict[str, str]:
    """The text files of ``escrow-org/escrow-model``."""
    return {
        "README.md": CARD,
        "LICENSE": license_text,
        "NOTICE": NOTICE,
        "USE_POLICY.md": USE_POLICY,
        "config.json": '{"model_type": "llama", "hidden_size": 64}\n',
        "generation_config.json": '{"max_new_tokens": 32}\n',
        "tokenizer.json": '{"version": "1.0", "model": {"type": "BPE", "vocab": {}}}\n',
        "tokenizer_config.json": '{"model_max_length": 2048}\n',
        "docs/usage.md": "# Usage\n\nLoad it with transformers.\n",
        "train.py": "print('not kept: neither card, terms, config nor weights')\n",
    }


def escrow_data() -> HubData:
    """The stand-in's usual data plus the preserve fixtures."""
    base = load()
    text = escrow_files(_apache_text(base))
    weights = fake_safetensors(ESCROW)
    honest = {"model.safetensors": LfsBlob.of(weights)}
    liar = LfsBlob(weights, hashlib.sha256(b"other bytes").hexdigest(), len(weights))
    huge = LfsBlob(weights, hashlib.sha256(weights).hexdigest(), PETABYTE)
    hostile = {
        "README.md": CARD,
        "LICENSE": "made up\n",
        "../../x": "written outside the store if trusted\n",
        "/tmp/licheck-absolute-evil.md": "an absolute name\n",
    }
    extra = [
        model_repo(ESCROW, text, {**honest, "onnx/model.onnx": LfsBlob.of(b"onnx" * 300)}, False),
        model_repo(BAD_LFS, {"README.md": CARD}, {"model.safetensors": liar}, False),
        model_repo(HOSTILE, hostile, {}, False),
        model_repo(HUGE, {"README.md": CARD}, {"model.safetensors": huge}, False),
        model_repo(GATED, {"README.md": CARD, "LICENSE": "gated terms\n"}, {}, "manual"),
    ]
    repos = {**base.repos, **{r.id: r for r in extra}}
    return HubData(repos, base.aliases, base.accounts, base.datasets)


def many_models(count: int) -> HubData:
    """``count`` models ``bench-org/model-NNN``, each with the escrow model's files (a card,
    the Apache License text, a NOTICE, configs, tokenizer files and LFS weights): the
    preserve benchmark's Hub."""
    base = load()
    text = escrow_files(_apache_text(base))
    repos = {}
    for n in range(count):
        model = f"bench-org/model-{n:03d}"
        weights = {"model.safetensors": LfsBlob.of(fake_safetensors(model))}
        repos[model] = model_repo(
            model, {**text, "README.md": CARD.replace("escrow", model)}, weights
        )
    return HubData(repos, {}, base.accounts, frozenset())
