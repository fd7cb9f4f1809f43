"""Discovery on real code: files copied unchanged from public repositories, labelled blind.

``tests/corpus_real/`` (LABELLING.md, SOURCES.md, SPLIT.md) holds files nobody here wrote or
tuned on. Its labels were written by labellers who never read licheck's scanner, its tests or
its output. The repositories are split in two: the working half may be studied while the
scanner improves; the sealed half is scored only as totals, and studied never (its misses are
not printed). Scoring is line-exact: (path, line of the id's literal, model). Mentions
(comments, docs, help text) are neutral: reporting one is neither a hit nor a false positive.
Local paths are not scored.

First run, 2026-12-06, offline, before any change made for this corpus (22 repositories, 167
files, 450 labelled references): working half recall 0.489, precision 0.675; sealed half
recall 0.378, precision 0.697. Twelve files were later taken out because they name
repositories reserved for independent evaluation (in links, Docker images or a path); on the
remaining 155 files (436 references, 580 decoys) the same first-run scanner scores working
0.486 (107/220) / 0.686 (107/156), sealed 0.380 (83/216) / 0.739 (83/111). Issue 10 asks for
0.95 on both halves.

Working half since: references at the id's literal with loaders as uses, 0.587 / 0.943; Ollama
functions imported from ollama and its client, ModelMeta(name=...)-style constructors, command
lines kept as lists, model keys told by their words (modelURL, GGUF_REPO), 0.791 / 0.973;
provider routes (ollama/llama3, hosted_vllm/org/name), hf:// values, shell variables at their
assignment, model arrays, .slurm scripts, model-ish keywords in any call, 0.884 / 0.975; one
reference per literal occurrence, functions named for their model (infer_task_from_model),
lm-eval model=org/name, pretrained_weight keys, 0.911 / 0.976; an unconsumed model-named
binding at the literal its value comes from, 0.911 / 0.995; a shell comment ends at its line
(an apostrophe in it opened a quote), hf:// and weight-role keys pass the prefilter, 0.929 /
0.995; LiteLLM API routes (openai/fake) are no Hub ids, 0.929 / 1.000; dict literals as
configs, JS model-named bindings, saved-then-loaded names as local, sentence-transformers short
names in modules that import it or SetFit, 0.942 / 0.995; Helm templates read line by line,
0.960 / 0.995; hf:// in command lists, legacy ids given to model-named functions, 0.969 /
0.995; after the twelve files were taken out, 0.973 (214/220) / 0.995.

A fresh check batch (labels-4.toml: 6 more repositories, 49 files, 128 references) was labelled
blind after that, to estimate how discovery generalises before the sealed half is scored. Its
first run, before any change made for it: recall 0.797 (102/128), precision 1.000. It then
joined the working half; after shell model lists and model-first commands (lmdeploy serve),
settings records named for their model (TokenizerArgs("org/name")), tokenizers inside dataset
blocks, databricks as a Hub organisation and faster-whisper's size names, it scores 1.000 /
1.000, and the working half 0.983 (342/348) / 0.997.

A second fresh batch (labels-5.toml: 8 repositories, 63 files, 126 references), labelled blind
the same way, first ran at 0.881 (111/126) / 1.000 offline and 0.881 / 1.000 online with
candidates (after the candidate tier and a bound on value resolution, before any change made for
it). After compose/Kubernetes command lists read as one command, language-model and adapter
names (lm_name, adapters_name), feature extractors, tokenizer_path, model tables through groups,
rows, pytest.param and item assignment, and an f-string that names no model leaving its
constant unread, it scores 0.968 (122/126) / 1.000 offline; the working half (474 references)
0.983 / 1.000 offline and 0.989 / 1.000 online.

The first sealed half was then scored, once: offline 0.634 (138/216) / 0.972 (4 decoys
leaked), online 0.829 (180/216) / 0.978. Most of its misses were two files: an OpenCompass-style
config built in steps (``m = deepcopy(base_model); m['path'] = 'org/name'``) and model lists
whose names end in a qualifier (``RESTFUL_MODEL_LIST_LATEST``). It then joined the working half
(SPLIT.md), and a second sealed half was labelled blind by a helper who reported only its size.
After configs built in steps, qualified model-list names, functions named for the Hub
(``weight_hub_files``, ``from_model2vec``), repo keywords of data and task calls as datasets,
JS model tables, command lines given as one argument, flag maps in argument lists and folded
YAML scripts placed on their real line, the working half (690 references) scores 0.983 / 0.996
offline and 0.987 / 0.996 online.

A third fresh batch (labels-7.toml: 8 repositories, 63 files, 150 references) first ran at
0.633 (95/150) / 0.990 offline and 0.747 / 0.991 online. After ollama:// URLs, scheme values
anywhere in scripts, os.environ settings, model names with one qualifier (MODEL_COMPLETION),
vision towers, ModelSource(hf=...), and Ollama tags in files that talk to Ollama, it scores
0.987 (148/150) / 0.993, and the working half (840 references) 0.983 / 0.995 offline and
0.987 / 0.995 online.

A fourth fresh batch (labels-8 and labels-9, by two helpers at once: 13 repositories, 87 files,
229 references) first ran at 0.913 (209/229) / 0.977 offline and 0.917 / 0.977 online. After
HF:// in any case, getattr defaults, pipeline(model) where the first argument names a model,
lora_path, dist/ and build/ as local folders, a trailing slash after an id, sentence-transformers
bare names only with a dash, JS ``x || "default"`` values and Ollama tags assigned in modules
built on the ollama client, it scores 1.000 / 1.000, and the working half (1,069 references)
0.987 / 0.996 offline and 0.990 / 0.996 online.

A fifth fresh batch (labels-10 and labels-11: 12 repositories, 84 files, 188 references) first
ran at 0.617 (116/188) / 0.885 offline and 0.628 / 0.887 online: RAG and agent frameworks
(txtai, crewAI, pydantic-ai, R2R, create-llama) write models in ways none before did. After
txtai's pipelines, HuggingFace* classes taking the model first, llm/vlm/lm keys, more API
providers (sambanova, lm_studio), multi-line shell arrays, comma-separated sweeps, Ollama tags
in JS model tables and on an OpenAI client pointed at Ollama, it scores 0.888 (167/188) /
0.988, and the working half (1,257 references) 0.972 / 0.995 offline and 0.976 / 0.995
online.

The second sealed half (labels-6: 9 repositories, 72 files, 198 scored references) was then
scored once: offline 0.343 (68/198) / 0.861 (8 decoys leaked), online 0.343 / 0.829. Far below
every fresh batch's first run; issue 10's 0.95 is not met on code nobody here has read. It then
joined the working half and was studied (OpenCompass configs typed as model classes, JS option
tables, agno's Ollama classes, huggingface:// values, shell arrays read through an element
variable): the working half (1,455 references) scores 0.956 / 0.988 offline and 0.959 / 0.986
online.

A third sealed half (labels-12: 9 repositories, 66 files, 182 references), labelled blind by a
helper who reported only its size, was scored once: offline 0.604 (110/182) / 0.982 (1 decoy
leaked), online 0.610 (111/182) / 0.982. It then joined the working half and was studied (each
value a shell variable read by a model flag is given, Inference API URLs, init_from, Ollama tags
where a file calls the Ollama server, any framework's Ollama* class): the working half (1,637
references) scores 0.956 / 0.987 offline and 0.960 / 0.986 online.

A fourth sealed half (labels-13: 8 repositories, 65 files, 137 references), labelled blind by a
helper who reported only its size, was scored once at the end of the session: offline 0.905
(124/137) / 0.984 (1 decoy leaked), online 0.905 / 0.984.

Two working-half files were then taken out (a notebook linking the ollama-python repository and
the ollamaLLM.ts file of a providers folder), because a substring check reads the name of a
reserved repository in them; the guard below now reads names that way too. The working half
(1,634 references) still scores 0.956 / 0.987 offline and 0.960 / 0.986 online. FLOORS
holds the working half's latest figures; the sealed half keeps its first-run floor (its later
figures are not looked at until the end).

The fourth sealed half then joined the working half and was studied (settings read with a
fallback under a model key, defaults typed as a model, architecture-part keys, sized Ollama
tags anywhere; then a literal tier: any ``org/name`` literal in a place no rule names is a
candidate for the Hub). A fifth sealed half (labels-14: 8 repositories, 63 files, 141
references), labelled blind by a helper who reported only its size, was scored once at the end:
offline 0.440 (62/141, 0.4397) / 1.000, online 0.887 (125/141) / 1.000. The working half (1,771
references) scores 0.960 / 0.984 offline and 0.975 / 0.983 online.

The fifth sealed half then joined the working half and was studied (a library's ``models``
module, command lines kept as Python lists, files named for their models, ``pretrained_*``
keys, TypeScript class-field tables, Together's "-Turbo" API names). A sixth sealed half
(labels-15: 8 repositories, 70 files, 123 references), labelled blind by a helper who reported
only its size, was scored once at the end of that work: offline 0.984 (121/123) / 1.000,
online 0.992 (122/123) / 1.000. The working half (1,912 references) scores 0.960 / 0.985
offline and 0.973 / 0.984 online. The spread of first runs across sealed halves (0.34 to 0.98
offline) is the honest caveat: a repository written around a library no rule knows yet scores
low offline until the candidate tier is confirmed online.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from licheck.config import Config
from licheck.hub import HubSettings
from licheck.pipeline import confirm_candidates
from licheck.records import Reference, ScanResult, Source
from licheck.scan import scan
from licheck.scan.ids import hub_id
from licheck.tomlio import read_toml
from tests.hubstub import HubStub
from tests.hubstub.data import plain

ROOT = Path(__file__).parent / "corpus_real"
# Repositories kept for independent evaluation (shared/reserved-repos.txt), as the first 16 hex
# of the sha256 of "owner/name" in lower case: no file here may name one, and this file does not
# name them either.
RESERVED_SHA256 = frozenset(
    {
        "056bef5944ff802b",
        "0b1f602ae20c492a",
        "0be724a936df47c1",
        "0f30988172df2458",
        "0fa55b6a517c4e33",
        "115780d837ff595f",
        "161413c5cf7eb1b2",
        "2ad97ddbcf95e177",
        "336599e0ab75a974",
        "3cddbd16d1adc026",
        "3f39797525dd5fcc",
        "423a9ad7e2935c2b",
        "5180016ce49f2bbc",
        "553ed04c7a9dda4f",
        "59b70023a9a12fb6",
        "5ba4a50d51e91832",
        "5e0e063499b754fe",
        "658041d9da6acb1a",
        "6799a927869d4bbe",
        "713a1962cb467d5c",
        "8033932eb7bd1a07",
        "8134751873e71781",
        "8f4ed14639f68b68",
        "93e6e467a718ce74",
        "9afbcce2acd71ec4",
        "a7ba8ca5395be71d",
        "aca41f005f13e7ad",
        "b1469933f7de2b54",
        "d6b6fb979cfb989b",
        "d8bb605d5e0edc43",
        "db74028f1b7235b4",
        "e4a8e531038f1082",
    }
)
_SLASHED = re.compile(r"[\w.-]+(?:/[\w.-]+)+")


# The owners of those repositories, hashed the same way: a pair is only checked in full when its
# left side ends with one of them.
RESERVED_OWNER_SHA256 = frozenset(
    {
        "00788f44f8e40b34",
        "00b9db5e3b73b850",
        "01c49169cb80a83c",
        "143306bb5a0c3e59",
        "172bc57b1ed899fd",
        "29215232cfc26496",
        "3173b8ff64a69de0",
        "358149998cc1f2e7",
        "742c86876526552e",
        "76e3c7bfe641ea12",
        "77b295d6c53649d6",
        "7d8253fd068e0037",
        "916b41e16f28740c",
        "927f21a7f8180026",
        "a030bf4136d5e424",
        "afac29088d83d825",
        "b12154d15ec5b112",
        "baa6ff23cb5e2f05",
        "bedff2f01e41723c",
        "c28505c8dd3b228e",
        "c66a4b5305d39b74",
        "d10a6970d7d226a8",
        "d203a277f19a8f7d",
        "e3c5dee4ec7c0885",
        "e8795e623be803af",
        "f954c69dda2f4807",
        "fef12c25670a4cb0",
    }
)


def _hashed(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def names_a_reserved_repository(text: str) -> str | None:
    """The first reserved ``owner/name`` that ``text`` holds as a substring, case-insensitively:
    as independent checkers read it, ``github.com/owner/name-python``, ``owner/name:tag`` and
    a path ``x/owner/namefoo.ts`` all count."""
    for token in _SLASHED.findall(text.lower()):
        parts = token.split("/")
        for left, right in itertools.pairwise(parts):
            for cut in range(len(left) - 1):
                owner = left[cut:]
                if _hashed(owner) not in RESERVED_OWNER_SHA256:
                    continue
                for end in range(1, len(right) + 1):
                    if _hashed(f"{owner}/{right[:end]}") in RESERVED_SHA256:
                        return f"{owner}/{right[:end]}"
    return None


NOT_CORPUS = ("labels-*.toml", "*.md")

Key = tuple[str, int, str]


@dataclass(frozen=True)
class Labels:
    """Every labelled file's refs, mentions and decoys, merged from labels-*.toml."""

    refs: frozenset[Key]
    mentions: frozenset[Key]
    decoys: frozenset[tuple[str, str]]
    files: frozenset[str]


def _entry(path: str, entry: str) -> Key:
    line, _, model = entry.strip().partition(" ")
    return path, int(line), model.partition("@")[0].strip()


def load_labels() -> Labels:
    refs: set[Key] = set()
    mentions: set[Key] = set()
    decoys: set[tuple[str, str]] = set()
    files: set[str] = set()
    for labels in sorted(ROOT.glob("labels-*.toml")):
        data, _ = read_toml(labels, AssertionError)
        for path, table in data.items():
            assert path not in files, f"{path} is labelled twice"
            files.add(path)
            refs.update(_entry(path, e) for e in table["refs"])
            mentions.update(_entry(path, e) for e in table["mentions"])
            decoys.update((path, d) for d in table["decoys"])
    return Labels(frozenset(refs), frozenset(mentions), frozenset(decoys), frozenset(files))


def halves() -> dict[str, frozenset[str]]:
    """Repository folders of each half, read from SPLIT.md's ``- half: owner__repo`` lines."""
    found: dict[str, set[str]] = {"working": set(), "sealed": set()}
    for line in (ROOT / "SPLIT.md").read_text(encoding="utf-8").splitlines():
        half, _, folder = line.removeprefix("- ").partition(": ")
        if half in found and folder.strip():
            found[half].add(folder.strip().strip("`"))
    return {half: frozenset(folders) for half, folders in found.items()}


def _model(ref: Reference) -> str:
    return f"ollama:{ref.model}" if ref.source is Source.OLLAMA else ref.model


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    labelled: int
    found: int
    misses: tuple[Key, ...]
    extras: tuple[Key, ...]
    leaked: tuple[tuple[str, str], ...]


def score_half(labels: Labels, found: tuple[Reference, ...], folders: frozenset[str]) -> Score:
    def mine(path: str) -> bool:
        return path.split("/", 1)[0] in folders

    expected = {k for k in labels.refs if mine(k[0])}
    got = {(r.path, r.line, _model(r)) for r in found if mine(r.path)}
    neutral = {k for k in labels.mentions if mine(k[0])}
    judged = got - neutral
    hits = judged & expected
    reported = {(r.path, _model(r)) for r in found}
    leaked = sorted(d for d in labels.decoys if mine(d[0]) and d in reported)
    return Score(
        recall=len(hits) / len(expected) if expected else 1.0,
        precision=len(hits) / len(judged) if judged else 1.0,
        labelled=len(expected),
        found=len(judged),
        misses=tuple(sorted(expected - got)),
        extras=tuple(sorted(judged - expected)),
        leaked=tuple(leaked),
    )


# Offline, default settings: recall / precision per half, rounded down. The sealed half's
# floor is its one scoring (SPLIT.md); nothing about it is printed.
FLOORS = {"working": (0.96, 0.98), "sealed": (0.98, 0.99)}


# Online, against the stand-in serving every labelled model as a model and every id-shaped
# decoy as a dataset, candidates confirmed: recall / precision per half, rounded down.
ONLINE_FLOORS = {"working": (0.97, 0.98), "sealed": (0.99, 0.99)}


@pytest.fixture(scope="module")
def scanned() -> ScanResult:
    return scan(ROOT, exclude=list(NOT_CORPUS))


@pytest.fixture(scope="module")
def corpus(scanned: ScanResult) -> tuple[Labels, tuple[Reference, ...]]:
    found = tuple(r for r in scanned.references if r.source is not Source.LOCAL)
    return load_labels(), found


def _repo(ref: Reference) -> str:
    return ref.path.split("/", 1)[0]


def stand_in_hub(labels: Labels) -> HubStub:
    """A Hub whose models are the labelled ones (references and mentions) and whose datasets
    are the id-shaped decoys: the models API knows the first, not the second."""
    models = {m for _, _, m in labels.refs | labels.mentions}
    served = sorted(m for m in models if not m.startswith("ollama:") and "{" not in m)
    shaped = {d for _, d in labels.decoys if "/" in d and hub_id(d) is not None}
    return HubStub(plain(served, sorted(shaped - set(served))))


@pytest.fixture(scope="module")
def online(
    scanned: ScanResult, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Labels, tuple[Reference, ...]]:
    labels = load_labels()
    cache = tmp_path_factory.mktemp("corpus-real-cache")
    found: list[Reference] = []
    with stand_in_hub(labels) as stub:
        settings = HubSettings(endpoint=stub.url, cache_dir=cache, backoff=0.01, max_wait=0.05)
        # Each repository is its own project, as a user scans it: its candidates are confirmed
        # together, under the default cap per run.
        for folder in sorted({_repo(r) for r in (*scanned.references, *scanned.candidates)}):
            part = replace(
                scanned,
                references=tuple(r for r in scanned.references if _repo(r) == folder),
                candidates=tuple(r for r in scanned.candidates if _repo(r) == folder),
            )
            before = stub.request_count("/api/models/")
            references, _ = confirm_candidates(part, Config(), settings)
            # One lookup per distinct candidate id, at most the default cap.
            assert stub.request_count("/api/models/") - before <= Config().candidate_limit
            found += references
    return labels, tuple(r for r in found if r.source is not Source.LOCAL)


def test_corpus_is_labelled_completely_and_sourced() -> None:
    labels = load_labels()
    on_disk = {
        p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file() and p.parent != ROOT
    }
    assert on_disk == set(labels.files)
    sources = (ROOT / "SOURCES.md").read_text(encoding="utf-8")
    folders = {path.split("/", 1)[0] for path in labels.files}
    lines = sources.splitlines()
    for folder in folders:
        owner, _, repo = folder.partition("__")
        # "owner/repo", or "repo (GitHub owner: owner)" where "owner/repo" would read as a
        # reserved repository's name to a substring check (ollama-python).
        recorded = any(
            f"{owner}/{repo}" in line or (repo in line and f"owner: {owner})" in line)
            for line in lines
        )
        assert recorded, f"{folder} has no source recorded"
    assert len(folders) >= 15
    assert len(labels.files) >= 80
    assert len(labels.refs) >= 300
    assert len(labels.decoys) >= 100
    for path in ROOT.rglob("*"):
        text = f"{path.relative_to(ROOT)}\n"
        text += path.read_text(errors="replace") if path.is_file() else ""
        assert names_a_reserved_repository(text) is None, f"{path} names a reserved repository"
    split = halves()
    assert split["working"] | split["sealed"] == folders
    assert not split["working"] & split["sealed"]


def _judge(
    labels: Labels, found: tuple[Reference, ...], half: str, floors: dict[str, tuple[float, float]]
) -> None:
    """Score ``half`` and hold it to its floor. The sealed half is scored as totals only and
    nothing about it is printed, so nobody tunes on it."""
    result = score_half(labels, found, halves()[half])
    if half == "working":
        print(
            f"\ncorpus_real {half}: {result.labelled} labelled, {result.found} found, "
            f"recall {result.recall:.3f}, precision {result.precision:.3f}, "
            f"{len(result.leaked)} decoys leaked"
        )
        for kind, keys in (("missed", result.misses), ("unexpected", result.extras)):
            for key in keys:
                print(f"  {kind}:", key)
        for leak in result.leaked:
            print("  leaked:", leak)
    recall, precision = floors[half]
    # Plain booleans: a failing assertion must not print the sealed half's misses.
    recall_ok = result.recall >= recall - 1e-9
    precision_ok = result.precision >= precision - 1e-9
    assert recall_ok, f"{half} recall below its floor {recall}"
    assert precision_ok, f"{half} precision below its floor {precision}"


@pytest.mark.parametrize("half", ["working", "sealed"])
def test_discovery_offline_holds_its_floor(
    corpus: tuple[Labels, tuple[Reference, ...]], half: str
) -> None:
    _judge(*corpus, half, FLOORS)


@pytest.mark.parametrize("half", ["working", "sealed"])
def test_discovery_online_with_candidates_confirmed_by_the_hub(
    online: tuple[Labels, tuple[Reference, ...]], half: str
) -> None:
    _judge(*online, half, ONLINE_FLOORS)
