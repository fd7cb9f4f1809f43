"""Python extractor: loader families, value resolution, decoys, positions."""

from __future__ import annotations

import textwrap

import pytest

from licheck.errors import ExtractError
from licheck.records import Reference, Source, Use
from licheck.scan import scan_text
from licheck.scan.python import PythonExtractor, python_references


def refs(code: str) -> list[Reference]:
    """The references in ``code``; also checks that a tree scan's prefilters let it through."""
    code = textwrap.dedent(code)
    found = scan_text("app.py", code)
    if found:
        assert PythonExtractor().quick_check(code.encode()), "prefilters would skip this file"
    return found


def models(code: str) -> set[str]:
    return {r.model for r in refs(code)}


LOADERS = [
    (
        'AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-7B-Instruct")',
        {"Qwen/Qwen2.5-7B-Instruct"},
    ),
    (
        'AutoTokenizer.from_pretrained(pretrained_model_name_or_path="google/gemma-2-9b-it")',
        {"google/gemma-2-9b-it"},
    ),
    (
        'transformers.AutoProcessor.from_pretrained("openai/whisper-large-v3")',
        {"openai/whisper-large-v3"},
    ),
    (
        'pipeline("text-generation", model="mistralai/Mistral-7B-Instruct-v0.3")',
        {"mistralai/Mistral-7B-Instruct-v0.3"},
    ),
    ('pipeline("text-generation", "microsoft/phi-4")', {"microsoft/phi-4"}),
    (
        'pipeline("sentiment-analysis", model="distilbert-base-uncased-finetuned-sst-2-english")',
        {"distilbert-base-uncased-finetuned-sst-2-english"},
    ),
    (
        'hf_hub_download(repo_id="bartowski/Qwen2.5-7B-Instruct-GGUF", filename="q4.gguf")',
        {"bartowski/Qwen2.5-7B-Instruct-GGUF"},
    ),
    (
        'hf_hub_download("TheBloke/Llama-2-7B-Chat-GGUF", "llama.gguf")',
        {"TheBloke/Llama-2-7B-Chat-GGUF"},
    ),
    ('snapshot_download(repo_id="deepseek-ai/DeepSeek-R1")', {"deepseek-ai/DeepSeek-R1"}),
    (
        'SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")',
        {"sentence-transformers/all-MiniLM-L6-v2"},
    ),
    ('SentenceTransformer("all-MiniLM-L6-v2")', {"sentence-transformers/all-MiniLM-L6-v2"}),
    (
        'CrossEncoder("cross-encoder/ms-marco-MiniLM-L-6-v2")',
        {"cross-encoder/ms-marco-MiniLM-L-6-v2"},
    ),
    ('LLM(model="meta-llama/Llama-3.1-8B-Instruct")', {"meta-llama/Llama-3.1-8B-Instruct"}),
    ('LLM("Qwen/Qwen3-8B", tokenizer="Qwen/Qwen3-8B")', {"Qwen/Qwen3-8B"}),
    ('AsyncEngineArgs(model="Qwen/Qwen2.5-72B-Instruct")', {"Qwen/Qwen2.5-72B-Instruct"}),
    ('PeftModel.from_pretrained(base, "tloen/alpaca-lora-7b")', {"tloen/alpaca-lora-7b"}),
    (
        'Llama.from_pretrained(repo_id="bartowski/Meta-Llama-3.1-8B-Instruct-GGUF", filename="x")',
        {"bartowski/Meta-Llama-3.1-8B-Instruct-GGUF"},
    ),
    ('HuggingFaceEmbeddings(model_name="BAAI/bge-small-en-v1.5")', {"BAAI/bge-small-en-v1.5"}),
    (
        'HuggingFacePipeline.from_model_id(model_id="google/flan-t5-large", task="summarization")',
        {"google/flan-t5-large"},
    ),
    (
        'HuggingFaceEndpoint(repo_id="HuggingFaceH4/zephyr-7b-beta")',
        {"HuggingFaceH4/zephyr-7b-beta"},
    ),
    (
        'timm.create_model("hf-hub:timm/vit_base_patch16_224.augreg_in21k", pretrained=True)',
        {"timm/vit_base_patch16_224.augreg_in21k"},
    ),
    (
        'open_clip.create_model_and_transforms("hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K")',
        {"laion/CLIP-ViT-B-32-laion2B-s34B-b79K"},
    ),
    (
        'HfApi().model_info("stabilityai/stable-diffusion-xl-base-1.0")',
        {"stabilityai/stable-diffusion-xl-base-1.0"},
    ),
    (
        'StableDiffusionPipeline.from_pretrained("stable-diffusion-v1-5/stable-diffusion-v1-5")',
        {"stable-diffusion-v1-5/stable-diffusion-v1-5"},
    ),
    ('InferenceClient("HuggingFaceH4/zephyr-7b-beta")', {"HuggingFaceH4/zephyr-7b-beta"}),
    ('SFTTrainer(model="Qwen/Qwen2-0.5B", train_dataset=ds)', {"Qwen/Qwen2-0.5B"}),
    ('ModelConfig(model_name_or_path="meta-llama/Llama-3.2-1B")', {"meta-llama/Llama-3.2-1B"}),
    ('ChatOllama(model="llama3.1:8b")', {"llama3.1:8b"}),
    ('ollama.pull("qwen2.5:7b")', {"qwen2.5:7b"}),
    (
        'FastLanguageModel.from_pretrained(model_name="unsloth/Qwen3.5-2B-GGUF")',
        {"unsloth/Qwen3.5-2B-GGUF"},
    ),
    ('AutoModel.from_pretrained("gpt2")', {"gpt2"}),
]


@pytest.mark.parametrize(("code", "expected"), LOADERS)
def test_loader_families(code: str, expected: set[str]) -> None:
    assert models(code) == expected


DECOYS = [
    'load_dataset("tatsu-lab/alpaca")',
    'model.push_to_hub("me/model")',
    'model.push_to_hub("acme/llama-finetune")',
    'pipeline("text-generation")',
    'pipeline(task="summarization")',
    'hf_hub_download(repo_id="HuggingFaceH4/ultrachat_200k", repo_type="dataset", filename="a")',
    'snapshot_download("gradio/hello_world", repo_type="space")',
    'api.upload_folder(repo_id="acme/model-out", folder_path=".")',
    'TrainingArguments(output_dir="out", hub_model_id="acme/my-model")',
    'requests.post(url, headers={"Content-Type": "application/json"})',
    'AutoModel.from_pretrained("org/model")',
    'AutoModel.from_pretrained("<model>")',
    'AutoModel.from_pretrained("path/to/model")',
    'AutoModel.from_pretrained("output")',
    "AutoModel.from_pretrained(args.model)",
    'client.chat.completions.create(model="gpt-4o")',
    'completion(model="anthropic/claude-3-5-sonnet")',
    'timm.create_model("resnet50", pretrained=True)',
    'image = "python:3.11-slim"',
    'uses = "actions/checkout@v4"',
    'print("see docs/index.md")',
    'AutoModel.from_pretrained("your-org/your-model")',
]


@pytest.mark.parametrize("code", DECOYS)
def test_decoys_are_not_models(code: str) -> None:
    assert refs(code) == []


def test_reference_is_at_the_literal_and_used_at_the_call_with_constant_revision() -> None:
    found = refs(
        """\
        from transformers import AutoModel

        MODEL_ID = "Qwen/Qwen2.5-7B-Instruct"
        REVISION = "a09a35458c702b33eeacc393d103063234e8bc28"

        def load():
            return AutoModel.from_pretrained(MODEL_ID, revision=REVISION)
        """
    )
    assert [(r.line, r.column, r.model, r.revision, r.source) for r in found] == [
        (3, 12, "Qwen/Qwen2.5-7B-Instruct", "a09a35458c702b33eeacc393d103063234e8bc28", Source.HF)
    ]
    assert found[0].context == "python:from_pretrained"
    assert found[0].uses == (Use(7, 38, "python:from_pretrained"),)
    assert found[0].pin.pinned


def test_constant_read_by_several_loaders_is_one_reference_with_each_use() -> None:
    found = refs(
        """\
        MODEL = "Qwen/Qwen2.5-7B-Instruct"
        tok = AutoTokenizer.from_pretrained(MODEL)
        model = AutoModelForCausalLM.from_pretrained(MODEL)
        pipe = pipeline("text-generation", model="Qwen/Qwen2.5-7B-Instruct")
        """
    )
    assert [(r.line, r.model) for r in found] == [
        (1, "Qwen/Qwen2.5-7B-Instruct"),
        (4, "Qwen/Qwen2.5-7B-Instruct"),
    ]
    assert [u.line for u in found[0].uses] == [2, 3]
    assert found[1].uses == ()  # written where it is loaded


def test_column_counts_characters_not_bytes() -> None:
    found = refs('x = "é"; AutoModel.from_pretrained("Qwen/Qwen3-8B")\n')
    assert found[0].column == 36


def test_values_flow_through_scopes_and_containers() -> None:
    found = models(
        """\
        import os, argparse
        from dataclasses import dataclass, field

        MODELS = {"chat": "Qwen/Qwen2.5-7B-Instruct", "embed": "BAAI/bge-small-en-v1.5"}
        SIZES = ["0.5B", "1.5B"]
        BASE = os.getenv("BASE_MODEL", "meta-llama/Llama-3.1-8B-Instruct")
        ORG = "mistralai"

        @dataclass
        class Args:
            model_name_or_path: str = field(default="google/gemma-2-9b-it")

        class Loader:
            repo = "microsoft/phi-4"

            def load(self):
                return AutoModel.from_pretrained(self.repo)

        def load(name="deepseek-ai/DeepSeek-V3"):
            return AutoModel.from_pretrained(name)

        def main(args, model_args):
            AutoModel.from_pretrained(MODELS["chat"])
            SentenceTransformer(MODELS.get("embed"))
            for size in SIZES:
                AutoModel.from_pretrained(f"Qwen/Qwen2.5-{size}-Instruct")
            AutoModel.from_pretrained(BASE)
            AutoModel.from_pretrained(ORG + "/Mistral-7B-Instruct-v0.3")
            AutoModel.from_pretrained("{}/{}".format("01-ai", "Yi-34B"))
            AutoModel.from_pretrained(model_args.model_name_or_path)
            load()
            load("tiiuae/falcon-40b")
        """
    )
    assert found == {
        "Qwen/Qwen2.5-7B-Instruct",
        "BAAI/bge-small-en-v1.5",
        "Qwen/Qwen2.5-0.5B-Instruct",
        "Qwen/Qwen2.5-1.5B-Instruct",
        "meta-llama/Llama-3.1-8B-Instruct",
        "mistralai/Mistral-7B-Instruct-v0.3",
        "01-ai/Yi-34B",
        "google/gemma-2-9b-it",
        "microsoft/phi-4",
        "deepseek-ai/DeepSeek-V3",
        "tiiuae/falcon-40b",
    }


def test_argparse_default_and_choices_reach_the_loader() -> None:
    found = refs(
        """\
        import argparse
        parser = argparse.ArgumentParser()
        parser.add_argument("--model-id", default="Qwen/Qwen2.5-3B-Instruct",
                            choices=["Qwen/Qwen2.5-3B-Instruct", "Qwen/Qwen2.5-7B-Instruct"])
        args = parser.parse_args()
        model = AutoModelForCausalLM.from_pretrained(args.model_id)
        """
    )
    assert {(r.line, r.model) for r in found} == {
        (3, "Qwen/Qwen2.5-3B-Instruct"),  # one reference per literal: default and choices
        (4, "Qwen/Qwen2.5-3B-Instruct"),
        (4, "Qwen/Qwen2.5-7B-Instruct"),
    }
    assert {u.line for r in found for u in r.uses} == {6}


def test_unknown_hole_becomes_a_family_pattern() -> None:
    found = refs('AutoModel.from_pretrained(f"Qwen/Qwen2.5-Coder-{args.size}-Instruct")\n')
    assert [(r.model, r.source) for r in found] == [
        ("Qwen/Qwen2.5-Coder-{size}-Instruct", Source.FAMILY)
    ]
    assert not found[0].source.on_hub
    assert refs('AutoModel.from_pretrained(f"{org}/{name}")\n') == []
    assert refs('AutoModel.from_pretrained(f"{base_dir}/checkpoint-{step}")\n') == []


def test_unconsumed_model_constants_are_reported_where_defined() -> None:
    found = refs(
        """\
        EMBEDDING_MODEL = "BAAI/bge-small-en-v1.5"
        SUPPORTED_MODELS = ["Qwen/Qwen3-8B", "google/gemma-3-27b-it"]
        HUB_MODEL_ID = "acme/finetuned"
        DATASET_NAME = "tatsu-lab/alpaca"
        new_model = "acme/llama-2-7b-miniguanaco"
        TITLE = "Qwen/Qwen3-8B is great"
        """
    )
    assert [(r.line, r.column, r.model, r.context) for r in found] == [
        (1, 19, "BAAI/bge-small-en-v1.5", "python:constant"),
        (2, 21, "Qwen/Qwen3-8B", "python:constant"),
        (2, 38, "google/gemma-3-27b-it", "python:constant"),
    ]


def test_local_model_directories_and_weight_files() -> None:
    found = refs(
        """\
        AutoModel.from_pretrained("./checkpoints/final")
        Llama(model_path="/models/llama-3-8b.Q4_K_M.gguf")
        """
    )
    assert [(r.model, r.source) for r in found] == [
        ("./checkpoints/final", Source.LOCAL),
        ("/models/llama-3-8b.Q4_K_M.gguf", Source.LOCAL),
    ]


def test_urls_give_id_and_revision() -> None:
    found = refs(
        """\
        # weights: https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/config.json
        pipe = StableDiffusionXLPipeline.from_single_file(
            "https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0/blob/"
            "462165984030d82259a11f4367a4eed129e94a7b/sd_xl_base_1.0.safetensors"
        )
        """
    )
    assert {(r.line, r.model, r.revision, r.source) for r in found} == {
        (1, "Qwen/Qwen2.5-7B-Instruct", "main", Source.URL),
        (
            3,
            "stabilityai/stable-diffusion-xl-base-1.0",
            "462165984030d82259a11f4367a4eed129e94a7b",
            Source.URL,
        ),
    }


def test_suppression_comment_on_line_or_above() -> None:
    found = refs(
        """\
        AutoModel.from_pretrained("Qwen/Qwen3-8B")  # licheck: ignore[LC-UNPINNED] reviewed
        # licheck: ignore[LC-GATED, LC-LICENSE] approved by legal
        AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")
        AutoModel.from_pretrained("google/gemma-2-9b-it")  # licheck: ignore
        AutoModel.from_pretrained("microsoft/phi-4")
        """
    )
    assert [r.suppressed for r in found] == [
        ("LC-UNPINNED",),
        ("LC-GATED", "LC-LICENSE"),
        ("*",),
        (),
    ]


def test_ignore_file_suppresses_everything() -> None:
    found = refs('# licheck: ignore-file\nAutoModel.from_pretrained("Qwen/Qwen3-8B")\n')
    assert [r.suppressed for r in found] == [("*",)]


@pytest.mark.parametrize(
    ("code", "line"),
    [("def f(:\n    pass\n", 1), ("x = 1\n\nAutoModel.from_pretrained('a/b'\n", 3)],
)
def test_syntax_error_is_an_extract_error_with_line(code: str, line: int) -> None:
    with pytest.raises(ExtractError, match=f"Python syntax error at line {line}"):
        scan_text("broken.py", code)


def test_deep_recursion_and_self_reference_do_not_hang() -> None:
    code = "A = B\nB = A\nAutoModel.from_pretrained(A)\n" + "x = " + "(" * 50 + "1" + ")" * 50
    assert refs(code) == []


def test_scanned_code_warnings_are_not_printed(recwarn: pytest.WarningsRecorder) -> None:
    assert models(
        'x = "\\d"; y = 1if True else 2\nAutoModel.from_pretrained("Qwen/Qwen3-8B")\n'
    ) == {"Qwen/Qwen3-8B"}
    assert len(recwarn) == 0


# (payload, expected (model, revision) pairs): comprehensions, local helpers, glued URLs.
RESOLUTION = [
    (
        """\
        SIZES = ["small", "base", "large"]
        T5_CHECKPOINTS = [f"google/t5-v1_1-{s}" for s in SIZES]
        for ckpt in T5_CHECKPOINTS:
            AutoModel.from_pretrained(ckpt)
        """,
        {
            ("google/t5-v1_1-small", None),
            ("google/t5-v1_1-base", None),
            ("google/t5-v1_1-large", None),
        },
    ),
    (
        """\
        REPOS = {name: f"BAAI/bge-{name}-en-v1.5" for name in ("small", "large")}
        AutoModel.from_pretrained(REPOS["small"])
        """,
        {("BAAI/bge-small-en-v1.5", None), ("BAAI/bge-large-en-v1.5", None)},
    ),
    (
        'AutoModel.from_pretrained([f"acme/m-{s}" for s in SIZES][0])\n',  # unknown: a family
        {("acme/m-{s}", None)},
    ),
    (
        """\
        def coder_id(size: str) -> str:
            return f"Qwen/Qwen2.5-Coder-{size}-Instruct"
        def load(args):
            AutoModelForCausalLM.from_pretrained(coder_id(args.size))
        """,
        {("Qwen/Qwen2.5-Coder-{size}-Instruct", None)},
    ),
    (
        """\
        def coder_id(size):
            return f"Qwen/Qwen2.5-Coder-{size}-Instruct"
        AutoModel.from_pretrained(coder_id("7B"))
        AutoModel.from_pretrained(coder_id(size="14B"))
        """,
        {("Qwen/Qwen2.5-Coder-7B-Instruct", None), ("Qwen/Qwen2.5-Coder-14B-Instruct", None)},
    ),
    (
        """\
        def base():
            if fast:
                return "Qwen/Qwen3-0.6B"
            return "Qwen/Qwen3-8B"
        AutoModel.from_pretrained(base())
        """,
        {("Qwen/Qwen3-0.6B", None), ("Qwen/Qwen3-8B", None)},
    ),
    (
        """\
        def looped(n):
            return looped(n)
        def path(name):
            return f"{name}/weights"
        class Hub:
            def repo(self):
                return "acme/method-only"
        AutoModel.from_pretrained(looped("x"))
        AutoModel.from_pretrained(path(args.name))
        AutoModel.from_pretrained(repo())
        """,
        set(),
    ),
    (
        """\
        TURBO_URL = (
            "https://huggingface.co/stabilityai/sdxl-turbo/resolve/"
            "71153311d3dbb46851df1931d3ca6e939de83304/sd_xl_turbo_1.0_fp16.safetensors"
        )
        pipe = StableDiffusionXLPipeline.from_single_file(TURBO_URL)
        """,
        {("stabilityai/sdxl-turbo", "71153311d3dbb46851df1931d3ca6e939de83304")},
    ),
    (
        """\
        HELP = (
            "see https://huggingface.co/Qwen/Qwen3-8B and "
            "https://huggingface.co/google/gemma-3-27b-it/tree/v1 for details"
        )
        # also https://huggingface.co/microsoft/phi-4
        NOTE = "https://huggingface.co/datasets/tatsu-lab/alpaca"
        """,
        {("Qwen/Qwen3-8B", None), ("google/gemma-3-27b-it", "v1"), ("microsoft/phi-4", None)},
    ),
    (
        'URL = (f"https://huggingface.co/{org}/" "x/resolve/main/a.bin")\n',  # unknown org
        set(),
    ),
]


@pytest.mark.parametrize(("code", "expected"), RESOLUTION)
def test_value_resolution_table(code: str, expected: set[tuple[str, str | None]]) -> None:
    assert {(r.model, r.revision) for r in refs(code)} == expected


def test_glued_url_is_reported_once_at_its_literal_with_revision() -> None:
    found = refs(
        """\
        TURBO_URL = (
            "https://huggingface.co/stabilityai/sdxl-turbo/resolve/"
            "71153311d3dbb46851df1931d3ca6e939de83304/sd_xl_turbo_1.0_fp16.safetensors"
        )
        pipe = StableDiffusionXLPipeline.from_single_file(TURBO_URL)
        """
    )
    revision = "71153311d3dbb46851df1931d3ca6e939de83304"
    assert {(r.line, r.revision) for r in found} == {(2, revision)}
    assert [u.line for r in found for u in r.uses] == [5]


def test_glued_urls_among_many_statements_and_non_ascii_text() -> None:
    sha = "71153311d3dbb46851df1931d3ca6e939de83304"
    filler = "".join(f"def f{i}(x):\n    return x * {i}\n" for i in range(300))
    code = (
        filler
        + 'TITLE = "Modèle — ü"; A = ("https://huggingface.co/org-a/model-a/resolve/"\n'
        + f'    "{sha}/w.bin")\n'
        + 'B = "https://huggingface.co/org-b/model-b"\n'
        + filler
    )
    found = python_references(code, "m.py")
    glued_line = filler.count("\n") + 1
    assert {(r.line, r.model, r.revision) for r in found} == {
        (glued_line, "org-a/model-a", sha),
        (glued_line + 2, "org-b/model-b", None),
    }


def test_format_keeps_the_templates_own_hole_name_for_an_unknown_value() -> None:
    found = models(
        """\
        import os
        from huggingface_hub import snapshot_download

        TEMPLATE = "Qwen/Qwen2.5-Coder-{size}-Instruct"
        snapshot_download(repo_id=TEMPLATE.format(size=os.environ["CODER_SIZE"]))
        snapshot_download(repo_id="BAAI/bge-{}-en-v1.5".format(args.size))
        """
    )
    assert found == {"Qwen/Qwen2.5-Coder-{size}-Instruct", "BAAI/bge-{size}-en-v1.5"}


def test_langchain_and_llamaindex_embeddings_complete_bare_names() -> None:
    found = models(
        """\
        import os
        from langchain_huggingface import HuggingFaceEmbeddings
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        CPU = os.getenv("CPU_EMBEDDING_MODEL", "all-MiniLM-L6-v2")
        emb = HuggingFaceEmbeddings(model_name=CPU)
        idx = HuggingFaceEmbedding(model_name="BAAI/bge-small-en-v1.5")
        """
    )
    assert found == {"sentence-transformers/all-MiniLM-L6-v2", "BAAI/bge-small-en-v1.5"}


def test_speechbrain_from_hparams_source() -> None:
    found = refs(
        """\
        from speechbrain.inference.classifiers import EncoderClassifier

        LANG_ID = "speechbrain/lang-id-voxlingua107-ecapa"
        clf = EncoderClassifier.from_hparams(source=LANG_ID, savedir="pretrained/lang-id")
        """
    )
    assert [(r.line, r.model) for r in found] == [(3, "speechbrain/lang-id-voxlingua107-ecapa")]


SHA = "fa0fdeb858e813db85e8a05ab27e09648dd35257"


def test_model_and_revision_unpacked_from_one_loop_stay_paired() -> None:
    found = refs(
        f"""\
        from huggingface_hub import snapshot_download

        PINS = [
            ("intfloat/multilingual-e5-large-instruct", "main"),
            ("BAAI/bge-reranker-large", "{SHA}"),
            ("microsoft/Phi-3.5-mini-instruct", "refs/pr/3"),
        ]
        for repo_id, revision in PINS:
            snapshot_download(repo_id=repo_id, revision=revision)
        for name, rev in zip(["a-org/one", "b-org/two"], ["v1", "v2"]):
            snapshot_download(repo_id=name, revision=rev)
        """
    )
    assert {(r.model, r.revision) for r in found} == {
        ("intfloat/multilingual-e5-large-instruct", "main"),
        ("BAAI/bge-reranker-large", SHA),
        ("microsoft/Phi-3.5-mini-instruct", "refs/pr/3"),
        ("a-org/one", None),  # zip: the names are not unpacked from one container
        ("b-org/two", None),
    }


def test_a_revision_cleared_on_some_path_is_not_claimed() -> None:
    found = refs(
        f"""\
        from vllm import AsyncEngineArgs

        QUANTIZED = {{"awq": "Qwen/Qwen2.5-7B-Instruct-AWQ"}}

        def build(model, revision, quant):
            if quant:
                model = QUANTIZED[quant]
                revision = None
            return AsyncEngineArgs(model=model, revision=revision)

        def load(model_id, revision=None):
            return AutoModel.from_pretrained(model_id, revision=revision)

        build("Qwen/Qwen2.5-7B-Instruct", "{SHA}", None)
        load("BAAI/bge-m3", revision="{SHA}")
        """
    )
    assert {(r.model, r.revision) for r in found} == {
        ("Qwen/Qwen2.5-7B-Instruct-AWQ", None),
        ("Qwen/Qwen2.5-7B-Instruct", None),
        ("BAAI/bge-m3", SHA),  # a None default is what callers override, not a cleared pin
    }


def test_ids_appended_or_extended_into_a_list_are_followed() -> None:
    found = models(
        """\
        import os

        CANDIDATES = ["Qwen/Qwen2.5-7B-Instruct"]

        def olmo() -> str:
            return f"allenai/OLMo-2-1124-{os.environ['OLMO_SIZE']}-Instruct"

        def run() -> None:
            models = list(CANDIDATES)
            models.append(olmo())
            models.extend(["google/gemma-2-9b-it", "microsoft/phi-4"])
            for model_id in models:
                AutoModelForCausalLM.from_pretrained(model_id)

        def other() -> None:
            models = []
            models.append("not-loaded/anywhere")
        """
    )
    assert found == {
        "Qwen/Qwen2.5-7B-Instruct",
        "allenai/OLMo-2-1124-{OLMO_SIZE}-Instruct",
        "google/gemma-2-9b-it",
        "microsoft/phi-4",
    }


def test_suppression_beside_the_loader_still_silences_a_reference_written_elsewhere() -> None:
    found = refs(
        """\
        MODEL = "Qwen/Qwen2.5-7B-Instruct"
        m = AutoModel.from_pretrained(MODEL)  # licheck: ignore[LC101] reviewed
        other = AutoModel.from_pretrained("google/gemma-2-9b-it")
        """
    )
    assert [(r.line, r.suppressed) for r in found] == [(1, ("LC101",)), (3, ())]


def test_ollama_functions_imported_from_ollama_and_its_client() -> None:
    found = refs(
        """\
        from ollama import Client, chat, generate, pull

        pull("gemma3")
        chat(model="gpt-oss:20b", messages=[])
        generate("x/z-image-turbo", prompt="a cat")
        client = Client()
        client.create(model="my-assistant", from_="gemma3")
        client.chat(model="qwen2.5:7b", messages=[])
        """
    )
    assert [(r.line, r.model, r.source) for r in found] == [
        (3, "gemma3", Source.OLLAMA),
        (4, "gpt-oss:20b", Source.OLLAMA),
        (5, "x/z-image-turbo", Source.OLLAMA),
        (7, "gemma3", Source.OLLAMA),  # from_: what it is built on; model= is the new name
        (8, "qwen2.5:7b", Source.OLLAMA),
    ]


def test_chat_without_ollama_is_not_an_ollama_call() -> None:
    assert refs('from mylib import chat\nchat(model="gemma3")\n') == []


def test_model_named_constructor_names_its_model_with_name() -> None:
    found = refs(
        """\
        e5_small = ModelMeta(
            loader=SentenceTransformerEncoderWrapper,
            name="intfloat/e5-small",
            revision="e272f3049e853b47cb5ca3952268c6662abda68f",
        )
        task = TaskMetadata(name="org/not-a-model")
        """
    )
    assert [(r.line, r.model) for r in found] == [(3, "intfloat/e5-small")]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            'args = ["--model_id", "Qwen/Qwen2-0.5B-Instruct", "--backend", "hf"]\n',
            (1, "Qwen/Qwen2-0.5B-Instruct"),
        ),
        ('cmd = (\n    "vllm",\n    "--model=facebook/opt-125m",\n)\n', (3, "facebook/opt-125m")),
        ('args = ["--tokenizer",\n        "google/gemma-2-9b-it"]\n', (2, "google/gemma-2-9b-it")),
    ],
)
def test_command_lines_kept_as_lists_name_models_after_model_flags(
    code: str, expected: tuple[int, str]
) -> None:
    assert [(r.line, r.model) for r in scan_text("app.py", code)] == [expected]


def test_argument_lists_ignore_output_and_dataset_flags() -> None:
    code = (
        'args = ["--output_dir", "org/out", "--dataset_name", "org/data",\n'
        '        "--hub_model_id", "me/x"]\n'
    )
    assert scan_text("app.py", code) == []


def test_model_keywords_are_told_by_their_words_in_any_call() -> None:
    found = refs(
        """\
        text = Scenario(model_name="BAAI/bge-small-en-v1.5", default_port=8000)
        judge = make_judge(reward_model="Skywork/Skywork-Reward-Llama-3.1-8B")
        rag = build(embedding_model="intfloat/e5-small-v2", output_dir="org/out")
        push(hub_model_id="me/finetune", dataset_name="org/data")
        """
    )
    assert [(r.line, r.model) for r in found] == [
        (1, "BAAI/bge-small-en-v1.5"),
        (2, "Skywork/Skywork-Reward-Llama-3.1-8B"),
        (3, "intfloat/e5-small-v2"),
    ]


def test_functions_named_for_the_model_they_take() -> None:
    found = refs(
        """\
        task = TasksManager.infer_task_from_model("google/pix2struct-base")
        lib = TasksManager.infer_library_from_model("timm/mobilenetv3_large_100.ra_in1k")
        save_model("org/finetuned")
        load_model("not-an-id")
        kind = TasksManager.infer_library_from_model("gpt2")
        """
    )
    assert [(r.line, r.model) for r in found] == [
        (1, "google/pix2struct-base"),
        (2, "timm/mobilenetv3_large_100.ra_in1k"),
        (5, "gpt2"),
    ]


def test_a_name_saved_to_and_loaded_back_is_a_local_copy() -> None:
    found = refs(
        """\
        OUT = "acme/my-finetune"
        trainer.save_pretrained(OUT)
        merged = AutoModel.from_pretrained(OUT)
        base = AutoModel.from_pretrained("Qwen/Qwen2.5-7B")
        args = TrainingArguments(output_dir="acme/run-1")
        again = AutoModel.from_pretrained("acme/run-1")
        """
    )
    assert [(r.line, r.model, r.source) for r in found] == [
        (1, "acme/my-finetune", Source.LOCAL),
        (4, "Qwen/Qwen2.5-7B", Source.HF),
        (6, "acme/run-1", Source.LOCAL),
    ]


def test_old_documentation_urls_are_not_models() -> None:
    code = 'DOCS = "https://huggingface.co/transformers/v4.2.2/model_doc/bert.html"\n'
    assert refs(code) == []


def test_dict_literals_read_like_configs() -> None:
    found = refs(
        """\
        MODEL_CONFIGS = {
            "llama-3-8b": {"name_or_path": "meta-llama/Meta-Llama-3-8B", "chat": True},
            "qwen": {"model_id": "Qwen/Qwen2.5-7B", "revision": "main"},
        }
        cfg = {"model": "mistralai/Mistral-7B-v0.1", "dataset": "org/data", "output_dir": "o/x"}
        """
    )
    assert [(r.line, r.model, r.revision) for r in found] == [
        (2, "meta-llama/Meta-Llama-3-8B", None),
        (3, "Qwen/Qwen2.5-7B", "main"),
        (5, "mistralai/Mistral-7B-v0.1", None),
    ]


def test_sentence_transformers_names_are_completed_where_the_module_uses_it() -> None:
    code = """\
        import argparse
        from setfit import SetFitModel
        parser = argparse.ArgumentParser()
        parser.add_argument("--teacher_model", default="paraphrase-mpnet-base-v2")
        parser.add_argument("--model_type", default="plain")
        args = parser.parse_args()
        teacher = SetFitModel.from_pretrained(args.teacher_model)
        """
    assert [(r.line, r.model) for r in refs(code)] == [
        (4, "sentence-transformers/paraphrase-mpnet-base-v2")
    ]
    # The same name in a module that never touches sentence-transformers is no model.
    assert refs(code.replace("from setfit import SetFitModel", "import os")) == []


def test_model_tables_reach_through_groups_rows_pytest_params_and_item_assignment() -> None:
    found = refs(
        """\
        import pytest

        SUPPORTED_MODELS = {
            "bf16": [("Qwen/Qwen2.5-VL-3B-Instruct", 1)],
            "fp8": [pytest.param("llava-hf/llava-v1.6-mistral-7b-hf", 1, marks=pytest.mark.x2)],
        }
        MODEL_NAMES = {"hf-internal-testing/tiny-random-bert": "Bert"}
        if NEW:
            MODEL_NAMES["hf-internal-testing/tiny-random-roberta"] = "Roberta"
        """
    )
    assert [(r.line, r.model) for r in found] == [
        (4, "Qwen/Qwen2.5-VL-3B-Instruct"),
        (5, "llava-hf/llava-v1.6-mistral-7b-hf"),
        (7, "hf-internal-testing/tiny-random-bert"),
        (9, "hf-internal-testing/tiny-random-roberta"),
    ]


def test_settings_records_language_model_names_and_unread_keywords() -> None:
    found = refs(
        """\
        tokenizer = TokenizerArgs("meta-llama/Llama-2-7b-hf")
        local_lm_name = "Qwen/Qwen2.5-1.5B-Instruct"
        lm = dspy.LM(model=f"openai/arbor:{local_lm_name}")
        ds = APPSBaseDataset(data, tokenizer_path="codeparrot/codeparrot-small")
        cfg = dict(adapters_name="timdettmers/guanaco-7b", feature_extractor_name="ylacombe/dac")
        """
    )
    assert [(r.line, r.model) for r in found] == [
        (1, "meta-llama/Llama-2-7b-hf"),
        (2, "Qwen/Qwen2.5-1.5B-Instruct"),
        (4, "codeparrot/codeparrot-small"),
        (5, "timdettmers/guanaco-7b"),
        (5, "ylacombe/dac"),
    ]


def test_faster_whisper_size_names_are_its_hub_repos() -> None:
    found = refs(
        """\
        from faster_whisper import WhisperModel, download_model

        model = WhisperModel("large-v3", device="cuda")
        path = download_model("tiny", output_dir="x")
        local = WhisperModel("/models/whisper-ct2")
        """
    )
    assert [(r.line, r.model) for r in found if r.source.on_hub] == [
        (3, "Systran/faster-whisper-large-v3"),
        (4, "Systran/faster-whisper-tiny"),
    ]


def test_weak_reads_do_not_hide_an_unread_model_constant() -> None:
    found = refs(
        """\
        DEFAULT_MODEL = "org-a/model-7b"
        run(backbone=DEFAULT_MODEL)
        """
    )
    assert [(r.line, r.model, r.candidate) for r in found] == [(1, "org-a/model-7b", False)]


def test_configs_built_in_steps_and_functions_named_for_the_hub() -> None:
    found = refs(
        """\
        from copy import deepcopy

        base_model = dict(type=TurboMindModel, max_out_len=1024)
        qwen_7b = deepcopy(base_model)
        qwen_7b['path'] = 'Qwen/Qwen2.5-7B'
        qwen_7b['abbr'] = 'qwen2.5-7b-turbomind'
        cfg = {}
        cfg["model_name_or_path"] = "org-a/tuned"
        results = {}
        results["path"] = "org-b/not-a-model-config"
        files = weight_hub_files("bigscience/bloom-560m")
        emb = StaticEmbedding.from_model2vec("minishlab/potion-base-8M")
        task = LightevalTaskConfig(name="x", hf_repo="burtenshaw/exam_questions")
        RESTFUL_MODEL_LIST_LATEST = ["Qwen/Qwen3-32B"]
        MODELS_TO_SKIP = ["org-c/broken"]
        """
    )
    assert [(r.line, r.model) for r in found if not r.candidate] == [
        (5, "Qwen/Qwen2.5-7B"),
        (8, "org-a/tuned"),
        (11, "bigscience/bloom-560m"),
        (12, "minishlab/potion-base-8M"),
        (14, "Qwen/Qwen3-32B"),
    ]


def test_environment_settings_vision_towers_and_model_sources() -> None:
    found = refs(
        """\
        import os

        os.environ["OLLAMA_BASE_URL"] = "http://127.0.0.1:11434/"
        os.environ["MODEL_COMPLETION"] = "llama3.2:1b"
        os.environ["TOKENIZER_ID_COMPLETION"] = "meta-llama/Llama-3.2-1B-Instruct"
        os.environ["OPENAI_MODEL"] = "gpt-4o-mini"
        model_args = ModelArgs(vision_tower="openai/clip-vit-large-patch14-336")
        source = ModelSource(hf="qdrant/bge-small-en-v1.5-onnx-q")
        """
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (4, "llama3.2:1b", "ollama"),
        (5, "meta-llama/Llama-3.2-1B-Instruct", "hf"),
        (7, "openai/clip-vit-large-patch14-336", "hf"),
        (8, "qdrant/bge-small-en-v1.5-onnx-q", "hf"),
    ]


def test_getattr_defaults_pipelines_of_a_model_mlc_urls_and_ollama_clients() -> None:
    found = refs(
        """\
        from ollama import Client

        model = getattr(config, "model", "BAAI/bge-reranker-base")
        pipe = pipeline("internlm/internlm2-chat-20b-4bits", backend_config=cfg)
        task = pipeline("text-generation", model="Qwen/Qwen2.5-7B-Instruct")
        engine = MLCEngine(model="HF://mlc-ai/Llama-3-8B-Instruct-q4f16_1-MLC")
        small_model = "dist/Eagle-llama2-7b-chat-q0f16-MLC"
        self.config.model = "llama3.1:70b"
        """
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (3, "BAAI/bge-reranker-base", "hf"),
        (4, "internlm/internlm2-chat-20b-4bits", "hf"),
        (5, "Qwen/Qwen2.5-7B-Instruct", "hf"),
        (6, "mlc-ai/Llama-3-8B-Instruct-q4f16_1-MLC", "hf"),
        (8, "llama3.1:70b", "ollama"),
    ]


def test_sentence_transformers_bare_names_have_a_dash() -> None:
    found = models(
        """\
        from sentence_transformers import SentenceTransformer

        name = config.model or "tei"
        SentenceTransformer(name)
        SentenceTransformer("all-MiniLM-L6-v2")
        """
    )
    assert found == {"sentence-transformers/all-MiniLM-L6-v2"}


def test_txtai_pipelines_hf_wrappers_and_tags_on_an_ollama_port() -> None:
    found = refs(
        """\
        from txtai import Embeddings, RAG
        from txtai.pipeline import Summary

        embeddings = Embeddings({"path": "sentence-transformers/nli-mpnet-base-v2"})
        rag = RAG(embeddings, "Qwen/Qwen3-0.6B", system="be brief")
        summary = Summary("sshleifer/distilbart-cnn-12-6")
        model = HuggingFaceModel("deepseek-ai/DeepSeek-R1", provider=provider)
        client = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
        client.chat.completions.create(model="adrienbrault/nous-hermes2pro:Q8_0")
        """
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (4, "sentence-transformers/nli-mpnet-base-v2", "hf"),
        (5, "Qwen/Qwen3-0.6B", "hf"),
        (6, "sshleifer/distilbart-cnn-12-6", "hf"),
        (7, "deepseek-ai/DeepSeek-R1", "hf"),
        (9, "adrienbrault/nous-hermes2pro:Q8_0", "ollama"),
    ]


def test_configs_typed_as_model_classes_and_agno_ollama_classes() -> None:
    found = refs(
        """\
        from opencompass.models import VLLM, TurboMindModelwithChatTemplate

        settings = [("llama-7b-vllm", "huggyllama/llama-7b", 1)]
        models = []
        for abbr, path, num_gpus in settings:
            models.append(dict(type=VLLM, abbr=abbr, path=path))
        qwen = dict(type=TurboMindModelwithChatTemplate, path="Qwen/Qwen3-0.6B-FP8")
        data = dict(type=JsonlDataset, path="acme/questions")
        agent = Agent(model=Ollama(id="llama3.2"), embedder=OllamaEmbedder(id="nomic-embed-text"))
        """
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (3, "huggyllama/llama-7b", "hf"),
        (7, "Qwen/Qwen3-0.6B-FP8", "hf"),
        (9, "llama3.2", "ollama"),
        (9, "nomic-embed-text", "ollama"),
    ]


def test_any_framework_ollama_class_names_a_tag() -> None:
    found = refs('model = OllamaModel(model="llama3", base_url="http://localhost:11434")\n')
    assert [(r.model, r.source.value) for r in found] == [("llama3", "ollama")]


def test_settings_read_with_a_fallback_name_a_model_by_their_key() -> None:
    found = refs(
        """\
        import os
        from decouple import config

        A = os.getenv("MODEL_NAME", "mistralai/Mistral-7B-v0.1")
        B = os.environ.get("EMBEDDING_MODEL", default="BAAI/bge-small-en-v1.5")
        C = {"spec": {"model": config("LOCAL_MODEL", default="Qwen/Qwen2.5-7B")}}
        D = kwargs.pop("vision_tower", "openai/clip-vit-large-patch14")
        E = cfg.get("output_dir", "acme/finetuned")
        F = getattr(args, "reward_model", "OpenAssistant/reward-model-deberta-v3-large")
        G = os.getenv("HF_TOKEN", "hf_secret/value")
        H = os.getenv("LOCAL_MODEL", "qwen2.5:7b")
        """
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (4, "mistralai/Mistral-7B-v0.1", "hf"),
        (5, "BAAI/bge-small-en-v1.5", "hf"),
        (6, "Qwen/Qwen2.5-7B", "hf"),
        (7, "openai/clip-vit-large-patch14", "hf"),
        (9, "OpenAssistant/reward-model-deberta-v3-large", "hf"),
        # A tag that says its size is Ollama's even where nothing else mentions Ollama.
        (11, "qwen2.5:7b", "ollama"),
    ]


def test_fallbacks_beside_an_ollama_server_are_tags_unless_the_key_names_an_api() -> None:
    found = refs(
        """\
        URL = config("KH_OLLAMA_URL", default="http://localhost:11434/v1/")
        LLM = {"model": config("LOCAL_MODEL", default="qwen2.5:7b")}
        EMB = {"model": config("LOCAL_MODEL_EMBEDDINGS", default="nomic-embed-text")}
        VOY = {"model": config("VOYAGE_EMBEDDINGS_MODEL", default="voyage-3-large")}
        GPT = {"model": config("LLM_MODEL", default="gpt-4o-mini")}
        """
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (2, "qwen2.5:7b", "ollama"),
        (3, "nomic-embed-text", "ollama"),
    ]


def test_defaults_typed_as_models_and_field_factories() -> None:
    found = refs(
        """\
        class VAD:
            def __init__(self, segmentation: PipelineModel = "pyannote/segmentation", n=1):
                self.segmentation = segmentation

        class Embeddings(BaseModel):
            model_name: str = Param("BAAI/bge-small-en-v1.5", help="Model name")
            label: str = Param("acme/not-a-model", help="a label")
        """
    )
    assert [(r.line, r.model) for r in found] == [
        (2, "pyannote/segmentation"),
        (6, "BAAI/bge-small-en-v1.5"),
    ]


def test_architecture_parts_and_name_or_path_keys_name_models() -> None:
    found = refs(
        """\
        cfg = {
            "vit_path": "openai/clip-vit-large-patch14",
            "vae_model": "stabilityai/sd-vae-ft-mse",
            "no_support_temperature_models": ["deepseek/deepseek-reasoner"],
        }
        frame = Selector(visual_encoder_name_or_path="google/siglip-so400m-patch14-384")
        """
    )
    assert [(r.line, r.model) for r in found] == [
        (2, "openai/clip-vit-large-patch14"),
        (3, "stabilityai/sd-vae-ft-mse"),
        (6, "google/siglip-so400m-patch14-384"),
    ]


def test_a_librarys_models_module_takes_the_model_first_and_command_lists_are_read() -> None:
    found = refs(
        """\
        import subprocess
        import outlines
        import outlines.models as models
        from guidance import models as gmodels

        a = outlines.models.transformers("mistralai/Mistral-7B-Instruct-v0.2")
        b = models.llamacpp(repo_id="M4-ai/TinyMistral-248M-v2-Instruct-GGUF", filename="x.gguf")
        c = gmodels.Transformers("gpt2")  # a local alias of guidance's models: not followed
        names = []
        names.append("acme/not-a-loader")
        subprocess.run(args=["hf", "download", "microsoft/Phi-4-mini-instruct-onnx", "--local-dir"])
        subprocess.run(["ollama", "pull", "llama3.2"])
        """
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (6, "mistralai/Mistral-7B-Instruct-v0.2", "hf"),
        (7, "M4-ai/TinyMistral-248M-v2-Instruct-GGUF", "hf"),
        (11, "microsoft/Phi-4-mini-instruct-onnx", "hf"),
        (12, "llama3.2", "ollama"),
    ]
