"""The pure parts of `licheck preserve`: names that may become paths, the file selection, the
manifest and index schemas, the Hub listing parser, file digests, targets, the lock record and
the `preserve_dir` setting. Tables of (input, expected) where the rule is a table."""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
from pathlib import Path
from typing import Any

import pytest

from licheck.config import load_config
from licheck.errors import ConfigError
from licheck.hub.blobs import digest_bytes, digest_file, git_blob_id
from licheck.hub.listing import parse_listing
from licheck.lock import LockEntry, carry_preserved, dumps, read
from licheck.preserve import index
from licheck.preserve import manifest as mf
from licheck.preserve.names import file_problem, model_problem, sha_problem
from licheck.preserve.record import store_label
from licheck.preserve.selection import Selection
from licheck.preserve.store import StoreError, check_links, snapshot, write_atomic
from licheck.preserve.targets import from_references, from_specs, parse_spec
from licheck.records import Reference, Source

SHA = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("README.md", None),
        ("onnx/model.onnx", None),
        ("weird name (1).md", None),
        ("", "an empty file name"),
        ("../../x", "an empty, '.' or '..' path segment"),
        ("a/../../b", "an empty, '.' or '..' path segment"),
        ("a//b", "an empty, '.' or '..' path segment"),
        ("./a", "an empty, '.' or '..' path segment"),
        ("/etc/passwd", "an absolute path"),
        ("C:/Windows/x", "an absolute path"),
        ("a\\..\\b", "a backslash in the name"),
        ("a\nb", "a control character in the name"),
        ("a\x1b[2Jb", "a control character in the name"),
        (".cache/huggingface/download/x.metadata", "huggingface_hub's .cache/huggingface"),
        ("x" * 300, "a path segment longer than 255 bytes"),
        ("a/" * 600 + "b", "a name longer than 1024 bytes"),
    ],
)
def test_file_names_from_the_hub(name: str, refused: str | None) -> None:
    problem = file_problem(name)
    assert (problem is None) if refused is None else (problem is not None and refused in problem)


@pytest.mark.parametrize(
    ("model", "legacy", "ok"),
    [
        ("Qwen/Qwen2.5-7B-Instruct", False, True),
        ("gpt2", False, False),
        ("gpt2", True, True),
        ("../x", True, False),
        ("a/b/c", True, False),
        ("a/.b", False, False),
        ("a/b..c", False, False),
        ("a/b--c", False, False),
        ("-a/b", False, False),
        ("a/" + "b" * 97, False, False),
    ],
)
def test_model_ids(model: str, legacy: bool, ok: bool) -> None:
    assert (model_problem(model, legacy=legacy) is None) is ok


def test_shas() -> None:
    assert sha_problem(SHA) is None
    assert sha_problem(SHA.upper()) and sha_problem(SHA[:12]) and sha_problem("../" + SHA[3:])


@pytest.mark.parametrize(
    ("path", "selection", "kind"),
    [
        ("README.md", Selection(), "card"),
        ("LICENSE", Selection(), "terms"),
        ("license.txt", Selection(), "terms"),
        ("LICENCE.md", Selection(), "terms"),
        ("original/LICENSE", Selection(), "terms"),
        ("NOTICE", Selection(), "terms"),
        ("USE_POLICY.md", Selection(), "terms"),
        ("docs/usage.md", Selection(), "terms"),
        ("config.json", Selection(), "config"),
        ("generation_config.json", Selection(), "config"),
        ("model.safetensors.index.json", Selection(), "config"),
        ("params.json", Selection(), "config"),
        ("tokenizer.json", Selection(), "tokenizer"),
        ("tokenizer_config.json", Selection(), "tokenizer"),
        ("tokenizer.model", Selection(), "tokenizer"),
        ("merges.txt", Selection(), "tokenizer"),
        ("model.safetensors", Selection(), None),
        ("model.safetensors", Selection(weights=True), "weights"),
        ("q4_k_m.GGUF", Selection(weights=True), "weights"),
        ("pytorch_model.bin", Selection(weights=True), "weights"),
        ("train.py", Selection(weights=True), None),
        ("onnx/model.onnx", Selection(include=("onnx/",)), "include"),
        ("onnx/model.onnx", Selection(include=("*.onnx",)), "include"),
        ("docs/usage.md", Selection(exclude=("docs/*",)), None),
        ("model.bin", Selection(weights=True, exclude=("*.bin",)), None),
    ],
)
def test_selection(path: str, selection: Selection, kind: str | None) -> None:
    assert selection.kind(path) == kind


def test_selection_round_trips_and_rejects_malformed_records() -> None:
    chosen = Selection(True, ("b", "a", "a"), ("x",))
    assert chosen.to_dict() == {"weights": True, "include": ["a", "b"], "exclude": ["x"]}
    assert Selection.from_dict(chosen.to_dict()) == Selection(True, ("a", "b"), ("x",))
    for bad in (None, {}, {"weights": 1}, {"weights": True, "include": "x", "exclude": []}):
        assert Selection.from_dict(bad) is None


def test_git_blob_id_is_gits() -> None:
    # What `git hash-object` prints for these contents.
    assert git_blob_id(b"hello\n") == "ce013625030ba8dba906f756967f9e9ca394464a"
    assert git_blob_id(b"") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
    assert digest_bytes(b"hello\n").sha256 == hashlib.sha256(b"hello\n").hexdigest()


def test_file_digest_reads_once_and_watches_for_a_secret(tmp_path: Path) -> None:
    path = tmp_path / "f"
    data = b"x" * (1 << 20) + b"hf_secret" + b"y" * 10  # the secret straddles two chunks
    path.write_bytes(data)
    found = digest_file(path, secret="hf_secret")
    assert found == dataclasses.replace(digest_bytes(data), has_secret=True)
    assert not digest_file(path, secret="hf_other").has_secret
    link = tmp_path / "link"
    link.symlink_to(path)
    with pytest.raises(OSError):
        digest_file(link)  # never through a link


def _listing(**changes: Any) -> dict[str, Any]:
    sibling = {"rfilename": "README.md", "size": 3, "blobId": "a" * 40}
    lfs = {
        "rfilename": "w.safetensors",
        "size": 9,
        "blobId": "b" * 40,
        "lfs": {"size": 9, "sha256": "c" * 64, "pointerSize": 130},
    }
    data = {
        "id": "org/model",
        "sha": SHA,
        "gated": "manual",
        "cardData": {"license": "other", "license_name": "acme", "base_model": "org/base"},
        "siblings": [sibling, lfs],
    }
    return data | changes


def test_listing_parses_ids_and_license_facts() -> None:
    listing = parse_listing(_listing())
    assert (listing.model, listing.sha) == ("org/model", SHA)
    readme, weights = listing.files
    assert not readme.is_lfs and readme.blob_id == "a" * 40
    assert weights.is_lfs and weights.lfs_sha256 == "c" * 64 and weights.size == 9
    facts = listing.facts
    assert (facts.license, facts.license_name, facts.base_models) == (
        "other",
        "acme",
        ("org/base",),
    )
    assert facts.gated == "manual"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"sha": "main"}, "40-hex commit"),
        ({"siblings": None}, "no file list"),
        ({"siblings": [{"rfilename": "a"}]}, "no size"),
        ({"siblings": [{"rfilename": "a", "size": 1, "blobId": "x"}]}, "no git blob id"),
        (
            {"siblings": [{"rfilename": "a", "size": 1, "blobId": "a" * 40, "lfs": {}}]},
            "without a sha256",
        ),
        ({"id": 3}, "no model id"),
    ],
)
def test_malformed_listings_are_refused(changes: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_listing(_listing(**changes))


def _manifest() -> mf.Manifest:
    files = (
        mf.ManifestFile("README.md", "card", 3, "d" * 64, "a" * 40, False),
        mf.ManifestFile("w.safetensors", "weights", 9, "c" * 64, "b" * 40, True),
    )
    return mf.Manifest(
        "org/model", SHA, "head", None, "2026-12-01T00:00:00Z", "https://huggingface.co",
        "0.1.0", {"license": "mit"}, (Selection(weights=True),), files,
    )  # fmt: skip


def test_manifest_round_trip_is_canonical() -> None:
    manifest = _manifest()
    data = mf.dumps(manifest)
    assert mf.loads(data) == manifest and mf.dumps(mf.loads(data)) == data
    assert manifest.covers(Selection(weights=True)) and not manifest.covers(Selection())
    later = dataclasses.replace(manifest, date="2027-01-01T00:00:00Z")
    assert later.same_content(manifest) and mf.dumps(later) != data
    assert mf.digest(data) == "sha256:" + hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda d: d.update(schema="other"), "schema"),
        (lambda d: d.update(model="../x"), "model is not a Hub id"),
        (lambda d: d["files"][0].update(path="../../x"), "unsafe or no path"),
        (lambda d: d["files"].append(dict(d["files"][0])), "listed twice"),
        (lambda d: d.update(resolved={"from": "guess"}), "resolved"),
        (lambda d: d["files"][0].update(lfs="yes"), "lfs must be"),
    ],
)
def test_a_damaged_manifest_is_refused(edit: Any, problem: str) -> None:
    import json

    raw = json.loads(mf.dumps(_manifest()))
    edit(raw)
    with pytest.raises(mf.ManifestError, match=problem):
        mf.loads(json.dumps(raw).encode())
    with pytest.raises(mf.ManifestError, match="not JSON"):
        mf.loads(b"\xff")


def test_index_merges_aliases_and_rewrites_only_on_change(tmp_path: Path) -> None:
    data = mf.dumps(_manifest())
    entry = index.entry_for(_manifest(), data, signed=False, aliases=["ORG/model", "old/name"])
    assert entry.aliases == ("old/name",)  # the id itself in another case is no alias
    assert index.write_index(tmp_path, [], [entry]) is True
    assert index.write_index(tmp_path, [entry], [entry]) is False
    entries, problem = index.read_index(tmp_path)
    assert problem is None and entries == [entry]
    assert index.find(entries, "OLD/NAME", SHA) == entry and index.find(entries, "x/y", SHA) is None
    (tmp_path / "index.json").write_text("{not json")
    assert index.read_index(tmp_path)[1] is not None  # unreadable: rebuilt, with the reason


def test_store_paths_refuse_links_and_unsafe_names(tmp_path: Path) -> None:
    shot = snapshot(tmp_path, "org/model", SHA)
    assert shot.file("a/b.json") == tmp_path / "org" / "model" / SHA / "files" / "a" / "b.json"
    with pytest.raises(StoreError):
        shot.file("../../escape")
    with pytest.raises(StoreError):
        snapshot(tmp_path, "../model", SHA)
    (tmp_path / "org").symlink_to(tmp_path.parent)
    with pytest.raises(StoreError, match="symbolic link"):
        check_links(tmp_path, shot.manifest)
    with pytest.raises(StoreError, match="symbolic link"):
        write_atomic(tmp_path, shot.manifest, b"{}")


def test_specs_and_targets() -> None:
    assert parse_spec("org/model") == ("org/model", None)
    assert parse_spec("org/model@v1.0") == ("org/model", "v1.0")
    assert parse_spec("gpt2@" + SHA) == ("gpt2", SHA)
    for bad in ("org/model@", "org/model@a b", "a/b/c", "../x"):
        with pytest.raises(ConfigError):
            parse_spec(bad)
    entry = LockEntry(
        "Org/Model", Source.HF, None, SHA, None, None, None, None, None, None, None, (), "t"
    )
    lock = {entry.key: entry}
    (target,) = from_specs(["org/model"], lock)
    assert target.key == entry.key and target.known_sha == ("lock", SHA)
    (pinned,) = from_specs([f"org/model@{SHA[:12]}"], lock)
    assert pinned.known_sha is None and pinned.how_asked == "pin"
    refs = [
        Reference("a.py", 1, 1, "Org/Model"),
        Reference("b.py", 2, 1, "Org/Model"),
        Reference("c.py", 1, 1, "x/y", revision=SHA),
        Reference("d.py", 1, 1, "llama3", Source.OLLAMA),
    ]
    targets, others = from_references(refs, lock)
    assert [(t.model, t.known_sha) for t in targets] == [
        ("Org/Model", ("lock", SHA)),
        ("x/y", ("pin", SHA)),
    ]
    assert [o.model for o in others] == ["llama3"]


def test_an_upper_case_pin_is_kept_at_its_lower_case_commit() -> None:
    upper = SHA.upper()
    assert upper != SHA
    ((target,), _) = from_references([Reference("a.py", 1, 1, "x/y", revision=upper)], {})
    assert target.label == f"x/y@{upper}" and target.known_sha == ("pin", SHA)
    entry = LockEntry("x/y", Source.HF, SHA, SHA, None, None, None, None, None, None, None, (), "t")
    (named,) = from_specs([f"x/y@{upper}"], {entry.key: entry})
    assert named.key == entry.key and named.known_sha == ("lock", SHA)


def test_the_lock_keeps_the_preserved_copy(tmp_path: Path) -> None:
    bare = LockEntry("a/b", Source.HF, None, SHA, None, None, None, None, None, None, None, (), "t")
    kept = dataclasses.replace(
        bare, preserved_sha=SHA, preserved_manifest="sha256:" + "e" * 64, preserved_store="/s"
    )
    path = tmp_path / "licheck.lock"
    path.write_text(dumps([kept]))
    assert read(path) == {kept.key: kept}
    assert carry_preserved(bare, kept) == kept and carry_preserved(bare, None) == bare
    path.write_text(dumps([kept]).replace('preserved_store = "/s"', "preserved_store = 3"))
    with pytest.raises(ConfigError, match="preserved_store must be a string"):
        read(path)


def test_store_label_is_relative_inside_the_project(tmp_path: Path) -> None:
    assert store_label(tmp_path, tmp_path / "escrow") == "escrow"
    assert store_label(tmp_path / "p", tmp_path / "escrow") == str((tmp_path / "escrow").resolve())


def test_preserve_dir_setting(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.licheck]\npreserve_dir = "../escrow"\n')
    assert load_config(config).preserve_dir == (tmp_path.parent / "escrow").resolve()
    config.write_text('[tool.licheck]\npreserve_dir = ""\n')
    with pytest.raises(ConfigError, match="preserve_dir must be"):
        load_config(config)
    config.write_text("[tool.licheck]\npreserve_dir = 1\n")
    with pytest.raises(ConfigError, match="preserve_dir must be"):
        load_config(config)


def test_git_agrees_on_blob_ids(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"some bytes\x00\xff\n")
    try:
        out = subprocess.run(["git", "hash-object", str(path)], capture_output=True, text=True)
    except FileNotFoundError:
        pytest.skip("git is not installed")
    assert digest_file(path).git_blob_id == out.stdout.strip()
