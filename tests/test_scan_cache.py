"""The per-file scan cache: what it re-parses, what invalidates it, and that it never changes
an answer (scan/resultcache.py). Re-parses are counted by ``ScanResult.files_parsed``."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sqlite3
import subprocess
import sys
from dataclasses import astuple
from pathlib import Path

import pytest

from licheck.cli import main as licheck
from licheck.records import ScanResult, Skipped
from licheck.scan import cachekey, resultcache, scan
from licheck.scan.resultcache import FILE_NAME, lasting

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
FILES = 30


def _project(root: Path) -> None:
    """FILES Python files naming one model each, a config, a candidate and a broken file."""
    root.mkdir(exist_ok=True)
    for i in range(FILES):
        (root / f"m{i:02}.py").write_text(
            f'from transformers import AutoModel\nAutoModel.from_pretrained("acme-labs/bert-{i}")\n'
        )
    (root / "train.yaml").write_text("base_model: Qwen/Qwen2.5-7B  # licheck: ignore\n")
    weak = 'from optimum.exporters import TasksManager\nteacher = "acme-labs/teacher-7b"\n'
    (root / "weak.py").write_text(weak + "model = None\n")
    (root / "broken.py").write_text('model = ("acme-labs/x",\n')
    (root / "README.md").write_text("Uses https://huggingface.co/openai/whisper-large-v3.\n")


def everything(result: ScanResult) -> tuple[object, ...]:
    """All a scan says, with the fields equality leaves out (uses, suppressions, candidates)."""
    return (
        [astuple(r) for r in result.references],
        [astuple(r) for r in result.candidates],
        result.skipped,
        result.files_scanned,
    )


def test_unchanged_tree_parses_nothing_and_answers_alike(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plain = scan(CORPUS, jobs=1)
    cold = scan(CORPUS, jobs=1, cache_dir=cache)
    warm = scan(CORPUS, jobs=1, cache_dir=cache)
    assert cold.files_parsed > 20 and cold.files_cached == 0
    assert warm.files_parsed == 0 and warm.files_cached == cold.files_parsed
    assert everything(warm) == everything(cold) == everything(plain)
    assert (cache / FILE_NAME).is_file()


def test_candidates_and_skips_come_back_from_the_cache(tmp_path: Path) -> None:
    _project(tmp_path / "p")
    cold = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    warm = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    assert warm.files_parsed == 0
    assert [r.model for r in warm.candidates] == ["acme-labs/teacher-7b"]
    assert [s.path for s in warm.skipped] == ["broken.py"]
    suppressed = [r for r in warm.references if r.path == "train.yaml"]
    assert suppressed and suppressed[0].suppressed == ("*",)
    assert everything(warm) == everything(cold)


def test_ten_changed_files_are_parsed_again(tmp_path: Path) -> None:
    project = tmp_path / "p"
    _project(project)
    first = scan(project, cache_dir=tmp_path / "c")
    for i in range(10):
        loads = f'AutoModel.from_pretrained("acme-labs/changed-{i}")\n'
        (project / f"m{i:02}.py").write_text("from transformers import AutoModel\n" + loads)
    again = scan(project, cache_dir=tmp_path / "c")
    assert again.files_parsed == 10
    assert again.files_cached == first.files_parsed - 10
    models = {r.model for r in again.references}
    assert {"acme-labs/changed-3", "acme-labs/bert-12"} <= models
    assert "acme-labs/bert-3" not in models
    assert everything(again) == everything(scan(project))


def test_a_setting_that_changes_extraction_invalidates(tmp_path: Path) -> None:
    _project(tmp_path / "p")
    without = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    with_docs = scan(tmp_path / "p", cache_dir=tmp_path / "c", include_docs=True)
    assert with_docs.files_cached == 0 and with_docs.files_parsed == without.files_parsed + 1
    assert any(r.docs for r in with_docs.references)
    assert scan(tmp_path / "p", cache_dir=tmp_path / "c").files_parsed == 0


def test_another_licheck_version_invalidates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _project(tmp_path / "p")
    cold = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    monkeypatch.setattr(cachekey, "__version__", "99.0.0")
    assert scan(tmp_path / "p", cache_dir=tmp_path / "c").files_parsed == cold.files_parsed


def test_an_edit_of_the_extractors_invalidates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A development checkout keeps its version number while its extractors change.
    _project(tmp_path / "p")
    cold = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    monkeypatch.setattr(cachekey, "_sources_digest", lambda: "edited")
    assert scan(tmp_path / "p", cache_dir=tmp_path / "c").files_parsed == cold.files_parsed


def test_the_fingerprint_covers_the_vocabulary_and_positions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rules/scan.toml (legacy ids, API providers) and the TOML position reader change answers
    # without a line of licheck/scan/ changing.
    files = cachekey._extraction_files()
    assert {"scan.toml", "tomlpos.py", "references.py", "pytables.py"} <= {f.name for f in files}
    assert all(f.is_file() for f in files)
    vocabulary = tmp_path / "scan.toml"
    vocabulary.write_bytes(next(f for f in files if f.name == "scan.toml").read_bytes())
    monkeypatch.setattr(cachekey, "_extraction_files", lambda: [vocabulary])
    before = cachekey.fingerprint(include_docs=False)
    vocabulary.write_bytes(vocabulary.read_bytes() + b"\n# one more legacy id\n")
    assert cachekey.fingerprint(include_docs=False) != before


def test_a_corrupt_cache_file_is_a_warning_then_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _project(tmp_path / "p")
    expected = everything(scan(tmp_path / "p"))
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / FILE_NAME).write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING):
        broken = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    assert "corrupt" in caplog.text and FILE_NAME in caplog.text
    assert everything(broken) == expected
    assert scan(tmp_path / "p", cache_dir=tmp_path / "c").files_parsed == 0


def test_a_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path) -> None:
    _project(tmp_path / "p")
    cold = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    with contextlib.closing(sqlite3.connect(tmp_path / "c" / FILE_NAME)) as db, db:
        key = db.execute("SELECT key FROM results LIMIT 1").fetchone()[0]
        db.execute("UPDATE results SET data = ? WHERE key = ?", ('{"refs": [[1]]}', key))
        db.execute("UPDATE results SET data = 'not json' WHERE key != ?", (key,))
    again = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    assert again.files_parsed == cold.files_parsed
    assert everything(again) == everything(cold)
    assert scan(tmp_path / "p", cache_dir=tmp_path / "c").files_parsed == 0


def test_a_cache_that_cannot_be_opened_is_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _project(tmp_path / "p")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING):
        result = scan(tmp_path / "p", cache_dir=blocker)
    assert "cannot be opened" in caplog.text
    assert everything(result) == everything(scan(tmp_path / "p"))


def test_only_lasting_outcomes_are_kept() -> None:
    assert lasting(([], None))
    assert lasting(([], Skipped("a.py", "Python syntax error at line 1")))
    assert not lasting(([], Skipped("a.py", "extraction took longer than 20 s (the bound)")))
    assert not lasting(([], Skipped("a.py", "licheck python extractor failed: KeyError()")))


def _cli(project: Path, *options: str) -> str:
    err = io.StringIO()
    argv = ["scan", str(project), "--offline", "-v", "-f", "json", "-o", os.devnull, *options]
    with contextlib.redirect_stderr(err):
        assert licheck(argv) in (0, 1)
    return err.getvalue()


def test_the_cli_keeps_the_cache_beside_the_hubs_and_no_cache_bypasses_it(
    tmp_path: Path,
) -> None:
    _project(tmp_path / "p")
    cache = tmp_path / "c"
    log = _cli(tmp_path / "p", "--no-cache", "--cache-dir", str(cache))
    assert not (cache / FILE_NAME).exists()
    assert f"scan: {FILES + 3} files parsed, 0 from the scan cache" in log
    _cli(tmp_path / "p", "--cache-dir", str(cache))
    assert (cache / FILE_NAME).is_file()
    assert "scan: 0 files parsed" in _cli(tmp_path / "p", "--cache-dir", str(cache))
    bypassed = _cli(tmp_path / "p", "--no-cache", "--cache-dir", str(cache))
    assert f"scan: {FILES + 3} files parsed, 0 from" in bypassed


# A fresh interpreter, so that the scan forks workers (refused beside other threads).
_WORKERS = """
import json, sys
from dataclasses import astuple
from pathlib import Path
from licheck.scan import parallel, scan

root, cache = Path(sys.argv[1]), Path(sys.argv[2])
def said(r):
    return [[astuple(x) for x in r.references], [astuple(x) for x in r.candidates], r.skipped]
expected = said(scan(root, jobs=1))
parallel.PARALLEL_MIN_BYTES, parallel.CHUNK_BYTES = 1, 200
cold = scan(root, jobs=2, cache_dir=cache)
warm = scan(root, jobs=1, cache_dir=cache)
print(json.dumps({"same": said(cold) == said(warm) == expected, "parsed": warm.files_parsed,
                  "workers": parallel.worker_count(2)}))
"""


def test_outcomes_from_worker_processes_are_cached_under_their_own_file(tmp_path: Path) -> None:
    _project(tmp_path / "p")
    command = [sys.executable, "-c", _WORKERS, str(tmp_path / "p"), str(tmp_path / "c")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    answer = json.loads(done.stdout)
    assert answer["same"] and answer["parsed"] == 0
    if sys.platform == "linux":
        assert answer["workers"] > 1


def test_files_the_prefilter_ruled_out_are_not_screened_again_until_they_change(
    tmp_path: Path,
) -> None:
    project = tmp_path / "p"
    _project(project)
    (project / "plain.py").write_text("model = build()\n")  # says model, names none
    latin = "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n"
    (project / "cookie.py").write_bytes(latin.encode("latin-1"))
    cold = scan(project, cache_dir=tmp_path / "c")
    with sqlite3.connect(tmp_path / "c" / FILE_NAME) as db:
        stored = [row[0] for row in db.execute("SELECT data FROM results")]
    assert stored.count('{"filtered":1}') == 2  # plain.py, cookie.py
    warm = scan(project, cache_dir=tmp_path / "c")
    assert warm.files_parsed == 0 and warm.files_cached == cold.files_parsed
    assert everything(warm) == everything(cold)
    # Bytes that now pass the prefilter are a miss, parsed and reported.
    (project / "plain.py").write_text('model = build("acme-labs/late-1")\n')
    late = "# -*- coding: latin-1 -*-\nm = AutoModel.from_pretrained('acme-labs/caf\xe9')\n"
    (project / "cookie.py").write_bytes(late.encode("latin-1"))
    again = scan(project, cache_dir=tmp_path / "c")
    assert again.files_parsed == 2
    assert everything(again) == everything(scan(project))
    assert "acme-labs/late-1" in {r.model for r in again.references + again.candidates}


@pytest.mark.parametrize(("batch", "batch_bytes"), [(3, 1 << 20), (1000, 100)])
def test_lookups_in_batches_answer_as_one_file_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int, batch_bytes: int
) -> None:
    monkeypatch.setattr(resultcache, "_BATCH", batch)
    monkeypatch.setattr(resultcache, "_BATCH_BYTES", batch_bytes)
    _project(tmp_path / "p")
    cold = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    warm = scan(tmp_path / "p", cache_dir=tmp_path / "c")
    assert cold.files_parsed == FILES + 3 and warm.files_parsed == 0
    assert warm.files_cached == cold.files_parsed
    assert everything(warm) == everything(cold) == everything(scan(tmp_path / "p"))
