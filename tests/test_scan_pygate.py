"""The Python extractor's second prefilter (pygate.py) never hides a file that names a model.

It may only skip parsing when parsing would find nothing: every way of writing a model id that
the resolver reads must pass it, and files that merely say ``model`` must not.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licheck.scan import scan, scan_text
from licheck.scan.legacy import LEGACY_IDS
from licheck.scan.pygate import could_name_a_model
from licheck.scan.python import PythonExtractor

GATE = PythonExtractor().quick_check

# (setup lines, expression) that evaluate to ORG/NAME, in the ways code glues ids together.
FORMS: list[tuple[str, str]] = [
    ("", '"{org}/{name}"'),
    ("", "'{org}/{name}'"),
    ("", '"{org}/" + "{name}"'),
    ("", '("{org}/"\n    "{name}")'),
    ('ORG = "{org}"\nNAME = "{name}"\n', 'ORG + "/" + NAME'),
    ('ORG = "{org}"\nNAME = "{name}"\n', 'f"{{ORG}}/{{NAME}}"'),
    ('ORG = "{org}"\nNAME = "{name}"\n', 'f"{{ ORG }}/{{ NAME }}"'),
    ('ORG = "{org}"\n', 'f"{{ORG}}/{name}"'),
    ('ORG = "{org}"\nNAME = "{name}"\n', '"/".join([ORG, NAME])'),
    ('ORG = "{org}"\nNAME = "{name}"\n', '"%s/%s" % (ORG, NAME)'),
    ('ORG = "{org}"\nNAME = "{name}"\n', '"{{}}/{{}}".format(ORG, NAME)'),
    ('import os\nORG = "{org}"\nNAME = "{name}"\n', "os.path.join(ORG, NAME)"),
    ('SEP = "/"\nORG = "{org}"\nNAME = "{name}"\n', "ORG + SEP + NAME"),
    ('PREFIX = """\n{org}/"""\n', 'PREFIX + "{name}"'),
]
# Where the value goes: a loader, a model keyword, a constant, a default.
CONTEXTS: list[str] = [
    "model = AutoModelForCausalLM.from_pretrained({expr})\n",
    'pipe = pipeline("text-generation", model={expr})\n',
    "MODEL_ID = {expr}\n",
    'import os\nMODEL = os.environ.get("MODEL", {expr})\n',
    'parser.add_argument("--model", default={expr})\n',
    "@dataclass\nclass Args:\n    model_name_or_path: str = {expr}\n",
    'path = hf_hub_download(repo_id={expr}, filename="config.json")\n',
]


def _program(setup: str, expr: str, context: str, org: str, name: str) -> str:
    return setup.format(org=org, name=name) + context.format(expr=expr.format(org=org, name=name))


@pytest.mark.parametrize(("setup", "expr"), FORMS)
def test_every_way_of_gluing_an_id_is_found_and_passes_the_gate(setup: str, expr: str) -> None:
    code = _program(setup, expr, CONTEXTS[0], "Qwen", "Qwen2.5-7B-Instruct")
    found = {r.model for r in scan_text("app.py", code)}
    assert found == {"Qwen/Qwen2.5-7B-Instruct"}, code
    assert GATE(code.encode()), code


_PART = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1)


@settings(max_examples=300, deadline=None)
@given(
    form=st.sampled_from(FORMS),
    context=st.sampled_from(CONTEXTS),
    org=_PART,
    name=st.builds(lambda a, b: f"{a}-{b}", _PART, _PART),
)
def test_no_file_that_yields_a_reference_is_gated_out(
    form: tuple[str, str], context: str, org: str, name: str
) -> None:
    code = _program(form[0], form[1], context, org, name)
    if scan_text("app.py", code):
        assert GATE(code.encode()), code


# Files that reach the Python extractor through a trigger word and still hold no reference.
# Each one names a model the resolver would read, except the last few which cannot.
NAMED = [
    'm = AutoModel.from_pretrained("gpt2")\n',
    'for s in ["small", "base"]:\n    m = T5Model.from_pretrained(f"t5-{s}")\n',
    'model = pipeline("fill-mask", model="distil" "roberta-base")\n',
    "from sentence_transformers import SentenceTransformer\n"
    'm = SentenceTransformer("all-MiniLM-L6-v2")\n',
    'import ollama\nollama.pull("llama3.1:8b")\n',
    'from langchain_ollama import ChatOllama\nllm = ChatOllama(model="qwen2.5")\n',
    'm = AutoModel.from_pretrained("transfo-xl-wt103")\n',
    'm = AutoModel.from_pretrained(" xlnet-base-cased ")\n',
    'm = AutoModel.from_pretrained("~/models/llama")\n',
    'm = AutoModel.from_pretrained(r"C:\\models\\llama")\n',
    'm = AutoModel.from_pretrained("Qwen\\x2fQwen2.5-7B")\n',
    "# weights: https://huggingface.co/Qwen/Qwen2.5-7B-Instruct\nmodel = None\n",
    "from langchain_huggingface import HuggingFaceEmbeddings\n"
    'emb = HuggingFaceEmbeddings(model_name="all-MiniLM-L6-v2")\n',
    "from speechbrain.inference import SpeakerRecognition\n"
    'rec = SpeakerRecognition.from_hparams(source="speechbrain/spkrec-ecapa-voxceleb")\n',
]
UNNAMED = [
    "def fit(model, data):\n    return model.train(data)\n",
    'def score(model, x):\n    """Evaluate the model on x and / or y."""\n'
    "    return model(x) / 2\n",
    'LOG = "training model %s done"\nmodel = build(config["model"])\n',
    # Literals that begin with a legacy id's stem but can never become one.
    'model = pipe.components["transformer"]\nmodel.kind = "robertaish"\n',
]


@pytest.mark.parametrize("code", NAMED)
def test_files_naming_a_model_pass(code: str) -> None:
    assert scan_text("app.py", code), code
    assert GATE(code.encode())


@pytest.mark.parametrize("code", UNNAMED)
def test_files_that_only_say_model_are_not_parsed(code: str) -> None:
    assert scan_text("app.py", code) == []
    assert not could_name_a_model(code.encode())
    assert not GATE(code.encode())


@pytest.mark.parametrize("legacy", sorted(LEGACY_IDS))
def test_every_legacy_id_given_to_a_loader_passes(legacy: str) -> None:
    code = f'm = AutoModel.from_pretrained("{legacy}")\n'
    assert scan_text("app.py", code), code
    assert GATE(code.encode())


def test_a_gated_file_is_neither_parsed_nor_reported_as_broken(tmp_path: Path) -> None:
    # A syntax error would be a skip with a reason if the file were parsed.
    (tmp_path / "train.py").write_text("def fit(model, data:\n    return model(data)\n")
    (tmp_path / "serve.py").write_text(
        textwrap.dedent(
            """\
            def load(model_id=:
                return AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")
            """
        )
    )
    result = scan(tmp_path)
    assert result.references == ()
    assert [s.path for s in result.skipped] == ["serve.py"]


# Hub links that name no model: the text pass reads nothing from them, so they do not open
# the gate (docstrings and comments of real code link the docs and papers a lot).
SITE_LINKS = [
    '"""See https://huggingface.co/docs/diffusers/main/en/api/pipelines for the model."""\n',
    "# paper: https://huggingface.co/papers/2305.08891 (the model's noise schedule)\n",
    '"""Details at hf.co/blog/lora and huggingface.co/spaces/x/y, data in\n'
    'https://huggingface.co/datasets/org/set ."""\nmodel = None\n',
]
# Model URLs where only the text pass finds them: a comment, a docstring, a sentence.
MODEL_LINKS = [
    ("# weights: https://huggingface.co/org-a/model-a\nmodel = None\n", "org-a/model-a"),
    (
        'def load(model):\n    """Weights at hf.co/org-b/model-b/tree/v1, see the docs."""\n',
        "org-b/model-b",
    ),
    ('NOTE = "model card: https://huggingface.co/org-c/model-c then retry"\n', "org-c/model-c"),
    # A docs link first, a model link later in the same file.
    (
        '"""https://huggingface.co/docs/hub"""\n# model from https://huggingface.co/org-d/m-d\n',
        "org-d/m-d",
    ),
]


@pytest.mark.parametrize("code", SITE_LINKS)
def test_a_hub_link_to_a_site_page_does_not_open_the_gate(code: str, tmp_path: Path) -> None:
    assert scan_text("app.py", code) == []
    assert not GATE(code.encode()), code
    # Not parsed: the same file with a syntax error is not reported as broken.
    (tmp_path / "broken.py").write_text(code + "def f(model:\n")
    result = scan(tmp_path, jobs=1)
    assert (result.references, result.skipped, result.files_parsed) == ((), (), 0)


@pytest.mark.parametrize(("code", "model"), MODEL_LINKS)
def test_a_model_url_in_text_still_opens_the_gate(code: str, model: str) -> None:
    assert GATE(code.encode()), code
    assert [r.model for r in scan_text("app.py", code)] == [model]


def test_a_site_link_beside_a_slashed_literal_is_still_parsed() -> None:
    code = '"""Docs: https://huggingface.co/docs/x"""\nm = AutoModel.from_pretrained("org-e/m-e")\n'
    assert GATE(code.encode())
    assert [r.model for r in scan_text("app.py", code)] == ["org-e/m-e"]
