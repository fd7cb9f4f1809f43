"""The scan's fast paths answer as the plain ones do: prefilter, reading, JSON, YAML, workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pathspec
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from licheck.errors import ExtractError
from licheck.records import Skipped
from licheck.scan import parallel, prefilter, registry, scan
from licheck.scan.configtree import CNode, parse_yaml
from licheck.scan.files import read_bytes
from licheck.scan.ignorefile import Spec
from licheck.scan.jsonpos import parse_json, parse_json_slowly
from licheck.scan.prefilter import Triggers, plain_search

Shape = tuple[object, ...]


def shape(node: CNode) -> Shape:
    """Everything a node says, recursively, positions included."""
    items = tuple((key, shape(child)) for key, child in node.items)
    elems = tuple(shape(child) for child in node.elems)
    return (node.kind, node.line, node.column, node.value, node.block, items, elems)


@given(
    needles=st.lists(st.binary(min_size=1, max_size=5), min_size=1, max_size=8),
    before=st.binary(max_size=200),
    after=st.binary(max_size=200),
    plant=st.integers(min_value=-1, max_value=7),
)
def test_triggers_answer_as_plain_substring_tests(
    needles: list[bytes], before: bytes, after: bytes, plant: int
) -> None:
    data = before + (needles[plant % len(needles)] if plant >= 0 else b"") + after
    triggers = Triggers(*needles)
    expected = any(needle in data for needle in needles)
    assert triggers.search(data) is expected
    assert plain_search(triggers)(data) is expected
    if plant >= 0:
        assert expected


def test_triggers_refuse_an_empty_word() -> None:
    with pytest.raises(ValueError, match="non-empty"):
        Triggers(b"model", b"")


def test_the_tests_run_the_accelerator() -> None:
    # The test extra installs the optional accelerator (`licheck[fast]`), so both paths run:
    # this one in-process, the pure-Python one in the test below.
    assert prefilter.BytesAhoCorasick is not None, "run `pip install -e '.[test]'`"


# A scan in a fresh interpreter where importing ahocorasick_rs fails (as when the `fast` extra is
# not installed): every extractor's prefilter verdict on every file, and the references.
_WITHOUT_ACCELERATOR = """
import json, sys
sys.modules["ahocorasick_rs"] = None  # makes `import ahocorasick_rs` raise ImportError
from licheck.scan import prefilter
from tests.test_scan_speed import prefilter_answers

assert prefilter.BytesAhoCorasick is None, "the accelerator was not disabled"
print(json.dumps(prefilter_answers()))
"""
# Labelled corpora (never the real corpus: its sealed half is not to be printed) and licheck's
# own source, where most extractors' words are missing from most files.
PREFILTER_ROOTS = ("tests/corpus", "tests/corpus_blind", "tests/corpus_blind2", "licheck")


def prefilter_answers() -> dict[str, Any]:
    """Each extractor's quick_check on each file under PREFILTER_ROOTS, and what a scan finds."""
    chain = registry.extractors(include_docs=True)
    verdicts: dict[str, list[bool]] = {}
    references: list[list[object]] = []
    for name in PREFILTER_ROOTS:
        root = ROOT / name
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                verdicts[path.relative_to(ROOT).as_posix()] = [
                    e.quick_check(path.read_bytes()) for e in chain
                ]
        found = scan(root, include_docs=True, jobs=1).references
        references += [[name, r.path, r.line, r.column, r.model] for r in found]
    return {"verdicts": verdicts, "references": references}


def test_without_the_accelerator_the_scan_answers_the_same() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_ACCELERATOR],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    plain = json.loads(done.stdout)
    accelerated = prefilter_answers()
    assert len(accelerated["verdicts"]) > 200
    assert sum(not all(v) for v in accelerated["verdicts"].values()) > 100  # some say no
    assert plain["verdicts"] == accelerated["verdicts"]
    assert len(accelerated["references"]) > 300
    assert plain["references"] == accelerated["references"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES, indent=st.sampled_from([None, 0, 1, "\t"]), ascii=st.booleans())
def test_json_fast_path_matches_the_position_keeping_parser(
    value: object, indent: int | str | None, ascii: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii)
    assert shape(parse_json(text)) == shape(parse_json_slowly(text))


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": [true, false, null], "b": {"c": "x\\"y \\u00e9"}}',
        '[1.50, -0, 1E+5, NaN, -Infinity, "", {}, []]',
        '{\n  "model": "Qwen/Qwen2.5-7B", // JSONC: the lenient parser\n  "n": [1, 2,],\n}',
        '  \n{"\\u0041": "\\ud83d\\ude00"}\n',
        '{"a": 01}',
    ],
)
def test_json_documents_read_the_same_either_way(text: str) -> None:
    assert shape(parse_json(text)) == shape(parse_json_slowly(text))


@pytest.mark.parametrize("text", ["[" * 250 + "]" * 250, '{"a": [1, 2}', '{"a": 1 2}', "[1] x"])
def test_json_errors_are_worded_by_the_position_keeping_parser(text: str) -> None:
    with pytest.raises(ExtractError) as slow:
        parse_json_slowly(text)
    with pytest.raises(ExtractError) as fast:
        parse_json(text)
    assert fast.value.reason == slow.value.reason


@pytest.mark.parametrize(
    "doc",
    [
        "a: null",
        "a: Null",
        "a: NULL",
        "a: ~",
        "a:",
        "a: 'null'",
        'a: "~"',
        "a: !!null x",
        "a: nulls",
        "a: |\n  null\n",
        "a: [~, x]",
    ],
)
def test_yaml_nulls_are_what_safe_load_says(doc: str) -> None:
    node = parse_yaml(doc)[0].items[0][1]
    loaded = yaml.safe_load(doc)["a"]
    if node.kind == "seq":
        assert [e.value is None for e in node.elems] == [v is None for v in loaded]
    else:
        assert (node.value is None) == (loaded is None)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_files_whose_size_the_os_does_not_know_are_read_whole() -> None:
    assert os.stat("/proc/self/status").st_size == 0
    data = read_bytes("/proc/self/status", "status", 1_000_000)
    assert isinstance(data, bytes) and b"Name:" in data
    assert read_bytes("/proc/self/status", "status", 10) == Skipped(
        "status", "larger than 10 bytes"
    )


def _project(root: Path) -> None:
    for i in range(24):
        (root / f"pkg{i % 3}").mkdir(exist_ok=True)
        (root / f"pkg{i % 3}" / f"m{i}.py").write_text(
            f'MODEL = "org{i}/model-{i}"\ntok = AutoTokenizer.from_pretrained(MODEL)\n'
            + "def f(x):\n    return [x * 2 for _ in range(3)]\n" * 20
        )
    (root / "train.yaml").write_text("base_model: Qwen/Qwen2.5-7B  # licheck: ignore\n")
    (root / "config.json").write_text('{"_name_or_path": "google/gemma-2-9b-it"}')
    (root / "README.md").write_text("Uses https://huggingface.co/openai/whisper-large-v3.\n")
    (root / "broken.py").write_text("model = (\n")
    (root / "latin.py").write_bytes('model = "caf\xe9"\n'.encode("latin-1"))


# Run in a fresh interpreter: forking is refused while other threads run (as they may in a
# test session), and the point is to see the workers do the job.
_WORKERS = """
import json, os, sys
from pathlib import Path
from licheck.scan import parallel, scan

def die(include_docs, chunk):
    os._exit(3)

root, docs, kill = Path(sys.argv[1]), sys.argv[2] == "docs", sys.argv[3] == "kill"
expected = scan(root, jobs=1, include_docs=docs)
parallel.PARALLEL_MIN_BYTES, parallel.CHUNK_BYTES = 1, 2000
chunks = []
submit = parallel.Extraction._submit
def counting(self, pool):
    chunks.append(len(self.pending))
    submit(self, pool)
parallel.Extraction._submit = counting
if kill:
    parallel._extract_chunk = die
same = scan(root, jobs=2, include_docs=docs) == expected
print(json.dumps({"same": same, "chunks": len(chunks), "workers": parallel.worker_count(2),
                  "references": len(expected.references)}))
"""
ROOT = Path(__file__).resolve().parent.parent


def _in_workers(root: Path, docs: bool, kill: bool) -> dict[str, Any]:
    command = [sys.executable, "-c", _WORKERS, str(root), "docs" if docs else "-"]
    command.append("kill" if kill else "-")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


@pytest.mark.parametrize(("docs", "kill"), [(False, False), (True, False), (False, True)])
def test_worker_processes_give_the_in_process_result(
    tmp_path: Path, docs: bool, kill: bool
) -> None:
    _project(tmp_path)
    answer = _in_workers(tmp_path, docs, kill)
    assert answer["references"] == 26 + docs
    assert answer["same"]  # a killed worker costs time, not results
    if answer["workers"] > 1:
        assert answer["chunks"] > 2
    elif sys.platform == "linux":
        pytest.fail("a fresh single-threaded interpreter on Linux should fork workers")


def test_small_work_and_unsafe_forks_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert parallel.worker_count(1) == 1
    assert parallel.worker_count(0) == 1
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert parallel.worker_count(None) == 1
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert parallel.worker_count(4) == 1


GITIGNORE_LINES = st.sampled_from(
    [
        "*.py",
        "build/",
        "/dist",
        "!keep.py",
        "a/**/b",
        "**/x",
        "[ab]*.txt",
        "foo",
        "\\!bang",
        "*.py[cod]",
        "docs/_build/",
        "?x",
        "x/*",
        "#comment",
        "",
        "!*/",
        "**",
        "!a",
        "z.txt/",
        "a/",
    ]
)
SEGMENTS = st.sampled_from(["a", "b", "x", "foo", "build", "keep.py", "m.pyc", "z.txt", "_build"])


@settings(max_examples=400, deadline=None)
@given(
    lines=st.lists(GITIGNORE_LINES, max_size=8),
    parts=st.lists(SEGMENTS, min_size=1, max_size=4),
    lead=st.sampled_from(["", "/", "./"]),
    folder=st.booleans(),
)
def test_gitignore_quick_test_agrees_with_pathspec(
    lines: list[str], parts: list[str], lead: str, folder: bool
) -> None:
    path = lead + "/".join(parts) + ("/" if folder else "")
    expected = pathspec.GitIgnoreSpec.from_lines(lines).check_file(path).include
    spec = Spec(lines)
    assert spec.quick is not None
    assert spec.check(path) == expected
    assert spec.match_file(path) == bool(expected)
