"""The scan cache's stat shortcut (scan/stamps.py, scan/recall.py): an unchanged file is not
even read, a changed one is always parsed again, also when its size and times stay the same."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from licheck.records import ScanResult
from licheck.scan import recall, scan, stamps
from tests.test_scan_cache import everything

FILES = 12


def _project(root: Path) -> None:
    root.mkdir()
    for i in range(FILES):
        (root / f"m{i:02}.py").write_text(
            f'from transformers import AutoModel\nAutoModel.from_pretrained("acme-labs/bert-{i}")\n'
        )
    (root / "plain.py").write_text("x = 1\n")  # ruled out by the prefilter: FILTERED
    (root / "train.yaml").write_text("base_model: Qwen/Qwen2.5-7B\n")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The relative paths the cached scan reads."""
    seen: list[str] = []
    real = recall.read_bytes

    def counting(path: Path | str, rel: str, max_file_size: int) -> Any:
        seen.append(rel)
        return real(path, rel, max_file_size)

    monkeypatch.setattr(recall, "read_bytes", counting)
    return seen


def _scan(root: Path, cache: Path, **options: Any) -> ScanResult:
    return scan(root, jobs=1, cache_dir=cache, **options)


def _rewrite_keeping_size_and_times(path: Path, old: str, new: str) -> None:
    info = path.stat()
    text = path.read_text()
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def test_settled_unchanged_files_are_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads: list[str]
) -> None:
    _project(tmp_path / "p")
    monkeypatch.setattr(stamps, "SETTLE_NS", 0)  # the files count as settled at once
    cold = _scan(tmp_path / "p", tmp_path / "c")
    assert len(reads) == FILES + 2
    reads.clear()
    warm = _scan(tmp_path / "p", tmp_path / "c")
    assert reads == []
    assert warm.files_parsed == 0 and warm.files_cached == cold.files_parsed == FILES + 1
    assert everything(warm) == everything(cold) == everything(scan(tmp_path / "p"))


def test_files_changed_just_before_the_scan_are_read_each_time(
    tmp_path: Path, reads: list[str]
) -> None:
    _project(tmp_path / "p")
    _scan(tmp_path / "p", tmp_path / "c")
    reads.clear()
    warm = _scan(tmp_path / "p", tmp_path / "c")  # written a moment ago: not settled
    assert len(reads) == FILES + 2 and warm.files_parsed == 0


def test_a_rewrite_keeping_size_and_mtime_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path / "p")
    monkeypatch.setattr(stamps, "SETTLE_NS", 0)
    _scan(tmp_path / "p", tmp_path / "c")
    _rewrite_keeping_size_and_times(tmp_path / "p" / "m03.py", "bert-3", "gpt2-3")
    again = _scan(tmp_path / "p", tmp_path / "c")
    assert again.files_parsed == 1  # the ctime moved, whatever the mtime says
    models = {r.model for r in again.references}
    assert "acme-labs/gpt2-3" in models and "acme-labs/bert-3" not in models
    assert everything(again) == everything(scan(tmp_path / "p"))


def test_a_rewrite_within_one_clock_tick_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A filesystem whose clock did not tick between two writes: the signature shows only the
    # size. Only the settle rule tells the second write from no write.
    monkeypatch.setattr(recall, "signature", lambda info: str(info.st_size))
    _project(tmp_path / "p")
    _scan(tmp_path / "p", tmp_path / "c")
    _rewrite_keeping_size_and_times(tmp_path / "p" / "m03.py", "bert-3", "gpt2-3")
    again = _scan(tmp_path / "p", tmp_path / "c")
    assert again.files_parsed == 1
    assert "acme-labs/gpt2-3" in {r.model for r in again.references}
    # Without the rule (every file counted as settled), the same change goes unseen.
    monkeypatch.setattr(stamps, "SETTLE_NS", -(10**15))
    _scan(tmp_path / "p", tmp_path / "c2")
    _rewrite_keeping_size_and_times(tmp_path / "p" / "m04.py", "bert-4", "gpt2-4")
    missed = _scan(tmp_path / "p", tmp_path / "c2")
    assert missed.files_parsed == 0
    assert "acme-labs/gpt2-4" not in {r.model for r in missed.references}


def test_settings_and_kinds_the_read_refuses_are_not_recalled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path / "p")
    monkeypatch.setattr(stamps, "SETTLE_NS", 0)
    _scan(tmp_path / "p", tmp_path / "c")
    small = _scan(tmp_path / "p", tmp_path / "c", max_file_size=20)
    assert {s.reason for s in small.skipped} == {"larger than 20 bytes"}
    assert everything(small) == everything(scan(tmp_path / "p", max_file_size=20))
    target = tmp_path / "p" / "m05.py"
    (tmp_path / "p" / "link.py").symlink_to(target)
    assert stamps.signature(os.lstat(tmp_path / "p" / "link.py")) is None
    assert stamps.signature(os.lstat(target)) is not None


def test_settled_means_older_than_the_tick_margin(tmp_path: Path) -> None:
    path = tmp_path / "f.py"
    path.write_text("x = 1\n")
    info = os.lstat(path)
    changed = max(info.st_mtime_ns, info.st_ctime_ns)
    assert not stamps.settled(info, changed)
    assert not stamps.settled(info, changed + stamps.SETTLE_NS)
    assert stamps.settled(info, changed + stamps.SETTLE_NS + 1)
