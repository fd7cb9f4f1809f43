"""Shell-like text, .env files and Ollama Modelfiles."""

from __future__ import annotations

import textwrap

import pytest

from licheck.records import Reference, Source
from licheck.scan import scan_text


def refs(name: str, text: str) -> list[Reference]:
    text = textwrap.dedent(text)
    found = scan_text(name, text)
    lines = text.splitlines()
    for ref in found:  # every column points at the value as written (or the URL)
        at = lines[ref.line - 1][ref.column - 1 :].lstrip("\"'")
        at = at.removeprefix("hf://").removeprefix("ollama://")  # the value as written
        expected = ref.model.split(":")[0].split("{")[0]
        assert (
            at.startswith(("https://", "$"))
            or at.startswith(expected)
            or (ref.source == Source.HF and ref.model in at)
        ), ref
    return found


COMMANDS = [
    ("hf download Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct", None),
    (
        "huggingface-cli download --local-dir ./m meta-llama/Llama-3.1-8B-Instruct",
        "meta-llama/Llama-3.1-8B-Instruct",
        None,
    ),
    (
        "hf download mistralai/Mistral-7B-Instruct-v0.3 config.json --revision refs/pr/2",
        "mistralai/Mistral-7B-Instruct-v0.3",
        "refs/pr/2",
    ),
    (
        "vllm serve deepseek-ai/DeepSeek-R1 --tensor-parallel-size 8",
        "deepseek-ai/DeepSeek-R1",
        None,
    ),
    ("python -m vllm.entrypoints.openai.api_server --model=Qwen/Qwen3-8B", "Qwen/Qwen3-8B", None),
    (
        "text-generation-launcher --model-id google/gemma-2-9b-it --port 80",
        "google/gemma-2-9b-it",
        None,
    ),
    ("python train.py --model_name_or_path gpt2 --output_dir out", "gpt2", None),
    ("accelerate launch sft.py --base-model microsoft/phi-4", "microsoft/phi-4", None),
    (
        "llama-server -hf bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M",
        "bartowski/Qwen2.5-7B-Instruct-GGUF",
        None,
    ),
    ("ollama pull qwen2.5:7b", "qwen2.5:7b", None),
    (
        "ollama run hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
        "bartowski/Llama-3.2-1B-Instruct-GGUF",
        None,
    ),
    ("vllm serve ./checkpoints/merged --port 8000", "./checkpoints/merged", None),
    ("git clone https://huggingface.co/openai/whisper-large-v3", "openai/whisper-large-v3", None),
    (
        "wget https://huggingface.co/TheBloke/Llama-2-7B-Chat-GGUF/resolve/main/llama-2-7b-chat.Q4_K_M.gguf",
        "TheBloke/Llama-2-7B-Chat-GGUF",
        "main",
    ),
]


@pytest.mark.parametrize(("command", "model", "revision"), COMMANDS)
def test_commands(command: str, model: str, revision: str | None) -> None:
    found = refs("run.sh", command + "\n")
    assert [(r.model, r.revision) for r in found] == [(model, revision)]


SHELL_DECOYS = [
    "hf download HuggingFaceH4/ultrachat_200k --repo-type dataset",
    "huggingface-cli upload acme/my-model ./out",
    "python -m vllm.entrypoints.openai.api_server --served-model-name Qwen/Qwen2.5-7B-Instruct",
    "vllm serve --served-model-name Qwen/Qwen2.5-7B-Instruct",
    "python train.py --dataset_name tatsu-lab/alpaca --hub_model_id acme/out --output_dir o/p",
    "docker run --rm python:3.11-slim echo hi",
    "docker pull vllm/vllm-openai:latest",
    "curl -H 'Content-Type: application/json' localhost",
    "ollama create mymodel -f Modelfile",
    "gh repo clone actions/checkout",
    "echo --model org/model",
]


@pytest.mark.parametrize("command", SHELL_DECOYS)
def test_shell_decoys(command: str) -> None:
    assert refs("run.sh", command + "\n") == []


def test_variables_are_reported_where_assigned_and_used_where_a_flag_reads_them() -> None:
    found = refs(
        "serve.sh",
        """\
        #!/usr/bin/env bash
        export MODEL_ID="Qwen/Qwen2.5-7B-Instruct"
        EMBED_MODEL=BAAI/bge-small-en-v1.5   # not used below
        REV=0123456789abcdef0123456789abcdef01234567
        vllm serve "$MODEL_ID" --revision $REV \\
          --port 8000
        python bench.py --model ${SIZE_MODEL:-microsoft/phi-4}
        python bench.py --model Qwen/Qwen2.5-${SIZE}-Instruct
        """,
    )
    assert [(r.line, r.column, r.model, r.revision, r.source) for r in found] == [
        (2, 17, "Qwen/Qwen2.5-7B-Instruct", "0123456789abcdef0123456789abcdef01234567", Source.HF),
        (3, 13, "BAAI/bge-small-en-v1.5", None, Source.HF),
        (7, 25, "microsoft/phi-4", None, Source.HF),
        (8, 25, "Qwen/Qwen2.5-{SIZE}-Instruct", None, Source.FAMILY),
    ]
    assert [(u.line, u.column, u.context) for u in found[0].uses] == [(5, 12, "shell:vllm serve")]


def test_dockerfile_env_arg_and_exec_form() -> None:
    found = refs(
        "Dockerfile",
        """\
        FROM python:3.11-slim
        ARG BASE_MODEL=meta-llama/Llama-3.2-1B
        ENV MODEL_ID=Qwen/Qwen2.5-3B-Instruct HF_HOME=/data
        ENV TOKENIZER_NAME google/gemma-2-9b-it
        RUN huggingface-cli download ${BASE_MODEL}
        CMD ["text-generation-launcher", "--model-id", "deepseek-ai/DeepSeek-V3"]
        """,
    )
    assert [(r.line, r.model) for r in found] == [
        (2, "meta-llama/Llama-3.2-1B"),  # the ARG; RUN on line 5 uses it
        (3, "Qwen/Qwen2.5-3B-Instruct"),
        (4, "google/gemma-2-9b-it"),
        (6, "deepseek-ai/DeepSeek-V3"),
    ]
    assert [u.line for u in found[0].uses] == [5]


def test_makefile_and_powershell() -> None:
    make = refs("Makefile", "MODEL ?= Qwen/Qwen3-8B\nserve:\n\tvllm serve $(MODEL)\n")
    assert [(r.line, r.model, [u.line for u in r.uses]) for r in make] == [
        (1, "Qwen/Qwen3-8B", [3])
    ]
    ps1 = refs(
        "setup.ps1",
        '$env:MODEL_NAME = "mistralai/Mistral-Small-24B-Instruct-2501"\n'
        "huggingface-cli download `\n  google/gemma-3-27b-it\n",
    )
    assert [(r.line, r.model) for r in ps1] == [
        (1, "mistralai/Mistral-Small-24B-Instruct-2501"),
        (3, "google/gemma-3-27b-it"),
    ]


def test_env_files() -> None:
    found = refs(
        ".env.example",
        """\
        # model settings
        MODEL_ID=Qwen/Qwen2.5-7B-Instruct
        EMBEDDING_MODEL="BAAI/bge-small-en-v1.5"  # quoted
        export RERANKER_MODEL=cross-encoder/ms-marco-MiniLM-L-6-v2
        OLLAMA_MODEL=llama3.1:8b
        CHAT_MODEL=your-org/your-model
        HUB_MODEL_ID=acme/finetune
        DATASET=tatsu-lab/alpaca
        HF_TOKEN=hf_xxx
        """,
    )
    assert [(r.line, r.column, r.model, r.source) for r in found] == [
        (2, 10, "Qwen/Qwen2.5-7B-Instruct", Source.HF),
        (3, 18, "BAAI/bge-small-en-v1.5", Source.HF),
        (4, 23, "cross-encoder/ms-marco-MiniLM-L-6-v2", Source.HF),
        (5, 14, "llama3.1:8b", Source.OLLAMA),
    ]


def test_modelfile() -> None:
    found = refs(
        "Modelfile",
        """\
        FROM qwen2.5:7b
        ADAPTER ./adapters/lora.gguf
        PARAMETER temperature 0.2
        SYSTEM You are helpful.
        """,
    )
    assert [(r.line, r.model, r.source) for r in found] == [
        (1, "qwen2.5:7b", Source.OLLAMA),
        (2, "./adapters/lora.gguf", Source.LOCAL),
    ]
    hub = refs("Modelfile.gguf", "FROM hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF:Q4_K_M\n")
    assert [(r.model, r.source) for r in hub] == [("bartowski/Qwen2.5-7B-Instruct-GGUF", Source.HF)]


def test_shell_suppression_comment() -> None:
    found = refs(
        "run.sh", "# licheck: ignore[LC-GATED] approved\nhf download meta-llama/Llama-3.1-8B\n"
    )
    assert [r.suppressed for r in found] == [("LC-GATED",)]


def test_javascript_and_typescript() -> None:
    found = refs(
        "worker.ts",
        """\
        import { pipeline, AutoModel } from "@huggingface/transformers";
        const extractor = await pipeline("feature-extraction", "Xenova/all-MiniLM-L6-v2");
        const model = await AutoModel.from_pretrained('Xenova/bert-base-uncased');
        const out = await hf.textGeneration({ model: "mistralai/Mistral-7B-Instruct-v0.3", x });
        const task = pipeline("sentiment-analysis");
        const gpt = await openai.chat.completions.create({ model: "gpt-4o" });
        const tpl = pipeline("fill-mask", `${org}/bert`);
        """,
    )
    assert [(r.line, r.column, r.model) for r in found] == [
        (2, 56, "Xenova/all-MiniLM-L6-v2"),
        (3, 47, "Xenova/bert-base-uncased"),
        (4, 46, "mistralai/Mistral-7B-Instruct-v0.3"),
    ]


LOOPS_AND_LM_EVAL = [
    (
        'for m in "openai/clip-vit-large-patch14" "laion/CLIP-ViT-H-14-laion2B-s32B-b79K"; do'
        ' huggingface-cli download "$m"; done',
        [
            (1, 10, "openai/clip-vit-large-patch14"),
            (1, 42, "laion/CLIP-ViT-H-14-laion2B-s32B-b79K"),
        ],
    ),
    (
        "for m in openai/whisper-tiny \\\n    BAAI/bge-m3\n"
        'do\n  hf download "${m}" --local-dir x\ndone',
        [(1, 10, "openai/whisper-tiny"), (2, 5, "BAAI/bge-m3")],
    ),
    (
        "for m in google/gemma-2-2b-it microsoft/phi-4; do\n"
        '  python bench.py --model "$m" --out "results/$m.json"\ndone',
        [(1, 10, "google/gemma-2-2b-it"), (1, 31, "microsoft/phi-4")],
    ),
    (  # the item is only part of the value: reported where the value is written
        "for size in 7B 14B; do vllm serve Qwen/Qwen2.5-$size-Instruct; done",
        [(1, 35, "Qwen/Qwen2.5-14B-Instruct"), (1, 35, "Qwen/Qwen2.5-7B-Instruct")],
    ),
    (  # a loop variable named like an assignment shadows it inside the loop only
        "MODEL=gpt2\nfor MODEL in distilgpt2; do hf download $MODEL; done\nhf download $MODEL",
        [(1, 7, "gpt2"), (2, 14, "distilgpt2")],
    ),
    (
        "FROM python:3.11\nRUN for m in BAAI/bge-m3 intfloat/e5-small-v2; do hf download $m; done",
        [(2, 14, "BAAI/bge-m3"), (2, 26, "intfloat/e5-small-v2")],
    ),
    (
        "lm_eval --model hf --model_args pretrained=EleutherAI/pythia-160m,dtype=float16 --tasks x",
        [(1, 44, "EleutherAI/pythia-160m")],
    ),
    (
        'accelerate launch -m lm_eval --model vllm --model_args "pretrained=$BASE,tokenizer='
        'google/gemma-2b,peft=acme/sft-lora"\nBASE=meta-llama/Llama-3.1-8B',
        [
            (1, 84, "google/gemma-2b"),
            (1, 105, "acme/sft-lora"),
            (2, 6, "meta-llama/Llama-3.1-8B"),  # where $BASE is assigned
        ],
    ),
    # Decoys: loops over files or ids nothing downloads, lm-eval backends and settings.
    ('for f in *.json configs/a.yaml; do python check.py "$f"; done', []),
    ('for m in openai/gpt2 acme/model; do echo "$m"; huggingface-cli upload "$m" .; done', []),
    ("for m in $(cat models.txt); do hf download $m; done", []),
    ("lm_eval --model hf --model_args dtype=float16,trust_remote_code=True --tasks x", []),
    ("lm-eval --model openai-completions --model_args model=davinci-002 --tasks x", []),
]


@pytest.mark.parametrize(("script", "expected"), LOOPS_AND_LM_EVAL)
def test_for_loops_and_lm_eval(script: str, expected: list[tuple[int, int, str]]) -> None:
    # scan_text, not refs(): an unrolled ``Qwen/Qwen2.5-$size`` is reported where it is written.
    found = scan_text("Dockerfile" if "FROM" in script else "run.sh", script + "\n")
    assert [(r.line, r.column, r.model) for r in found] == expected


def test_lm_eval_revision_applies_to_every_model_arg() -> None:
    found = refs(
        "eval.sh",
        "lm_eval --model hf --model_args pretrained=EleutherAI/pythia-160m,revision=step1000,"
        "peft=acme/pythia-lora --tasks lambada\n",
    )
    assert [(r.model, r.revision, r.context) for r in found] == [
        ("EleutherAI/pythia-160m", "step1000", "shell:lm_eval pretrained"),
        ("acme/pythia-lora", "step1000", "shell:lm_eval peft"),
    ]


def test_lm_eval_in_a_workflow_run_step() -> None:
    found = refs(
        ".github/workflows/eval.yml",
        """\
        jobs:
          eval:
            steps:
              - run: lm_eval --model hf --model_args pretrained=EleutherAI/pythia-160m --tasks x
        """,
    )
    assert [(r.line, r.column, r.model) for r in found] == [(4, 57, "EleutherAI/pythia-160m")]


def test_makefile_variables_name_the_command_and_its_arguments() -> None:
    text = (
        "HF ?= hf\n"
        "GGUF_REPO := lmstudio-community/Qwen2.5-7B-Instruct-GGUF\n"
        "models:\n"
        "\t$(HF) download $(GGUF_REPO) --include '*Q4_K_M*.gguf'\n"
        "\t${HF} download black-forest-labs/FLUX.1-schnell\n"
        "\t$(UNSET) download not-a/model\n"
    )
    found = {(r.line, r.model) for r in refs("Makefile", text)}
    assert found == {
        (2, "lmstudio-community/Qwen2.5-7B-Instruct-GGUF"),  # where it is written; used on 4
        (5, "black-forest-labs/FLUX.1-schnell"),
    }


def test_model_arrays_report_each_item_where_it_is_written() -> None:
    found = refs(
        "check_run.sh",
        """\
        models=("sentence-transformers/all-MiniLM-L6-v2" "intfloat/multilingual-e5-small")
        outputs=("org/out-a" "org/out-b")
        for model in "${models[@]}"; do mteb run -m "$model"; done
        """,
    )
    assert [(r.line, r.column, r.model) for r in found] == [
        (1, 9, "sentence-transformers/all-MiniLM-L6-v2"),
        (1, 50, "intfloat/multilingual-e5-small"),
    ]


def test_slurm_scripts_are_shell() -> None:
    found = refs("serve_r1.slurm", 'MODEL_PATH="deepseek-ai/DeepSeek-R1"\nsrun python -m x\n')
    assert [(r.line, r.model) for r in found] == [(1, "deepseek-ai/DeepSeek-R1")]


def test_lm_eval_api_backend_model_is_a_hub_id_only_with_a_namespace() -> None:
    script = (
        "lm_eval --model local-chat-completions "
        "--model_args model=philschmid/llama-3-1-8b-math,base_url=http://localhost:8080/v1\n"
        "lm_eval --model openai-completions --model_args model=davinci-002\n"
    )
    assert [(r.line, r.model) for r in refs("eval.sh", script)] == [
        (1, "philschmid/llama-3-1-8b-math")
    ]


def test_an_apostrophe_in_a_comment_opens_no_quote() -> None:
    script = (
        "# Requires vLLM's chat template.\n"
        "vllm serve Qwen/Qwen3-VL-Reranker-2B --port 8001\n"
        "# it's here too\n"
        "vllm serve BAAI/bge-m3\n"
        "# vllm serve not/pulled\n"
    )
    assert [(r.line, r.model) for r in refs("serve.sh", script)] == [
        (2, "Qwen/Qwen3-VL-Reranker-2B"),
        (4, "BAAI/bge-m3"),
    ]


def test_javascript_model_named_bindings_properties_and_defaults() -> None:
    found = refs(
        "embed.ts",
        'const DEFAULT_MODEL = "Xenova/bge-small-en-v1.5";\n'
        'function make({ model = "nomic-ai/nomic-embed-text-v1" } = {}) { return model; }\n'
        'const cfg = { modelName: "BAAI/bge-m3", embeddingModel: "intfloat/e5-small-v2" };\n'
        'if (model === "acme/not-assigned") {}\n'
        'const dataset = "acme/data"; const r = hf.textGeneration({ model: "google/gemma-2b" });\n',
    )
    assert [(r.line, r.model) for r in found] == [
        (1, "Xenova/bge-small-en-v1.5"),
        (2, "nomic-ai/nomic-embed-text-v1"),
        (3, "BAAI/bge-m3"),
        (3, "intfloat/e5-small-v2"),
        (5, "google/gemma-2b"),
    ]


def test_javascript_modules_importing_ollama_name_ollama_tags() -> None:
    found = refs(
        "ollama.ts",
        'import type { Ollama } from "ollama";\n'
        "const {\n"
        '  model = "chroma/all-minilm-l6-v2-f32",\n'
        "} = args;\n",
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (3, "chroma/all-minilm-l6-v2-f32", "ollama")
    ]
    hub = refs("hub.ts", 'const { model = "chroma/all-minilm-l6-v2-f32" } = args;\n')
    assert [r.source.value for r in hub] == ["hf"]


def test_docker_run_arguments_after_the_image_are_candidates() -> None:
    script = (
        "docker run --gpus all -v /c:/root/.cache --name master \\\n"
        "  lmcache/vllm-openai:latest \\\n"
        "  meta-llama/Llama-3.1-8B-Instruct --port 8100 --served-model-name acme/alias\n"
        "docker run -it ubuntu:22.04 bash\n"
    )
    found = scan_text("start.sh", script, candidates=True)
    assert [(r.line, r.model, r.candidate) for r in found] == [
        (3, "meta-llama/Llama-3.1-8B-Instruct", True)
    ]


def test_command_lines_given_as_one_argument_are_read_where_written() -> None:
    found = refs(
        "create-pod.sh",
        'runpodctl create pod --imageName "$IMAGE" \\\n'
        '  --args "--port 8080 --model-id predibase/Mistral-7B-v0.1-dequantized --max 8"\n',
    )
    assert [(r.line, r.column, r.model) for r in found] == [
        (2, 34, "predibase/Mistral-7B-v0.1-dequantized")
    ]


def test_javascript_model_tables_report_each_namespaced_id() -> None:
    found = refs(
        "constants.js",
        "const SUPPORTED_NATIVE_EMBEDDING_MODELS = {\n"
        '  "Xenova/all-MiniLM-L6-v2": {\n'
        '    apiInfo: { id: "Xenova/all-MiniLM-L6-v2", name: "all-MiniLM-L6-v2" },\n'
        "  },\n"
        "};\n"
        'const other = { "acme/not-a-model-table": 1 };\n',
    )
    assert [(r.line, r.model) for r in found] == [
        (2, "Xenova/all-MiniLM-L6-v2"),
        (3, "Xenova/all-MiniLM-L6-v2"),
    ]


def test_scheme_values_anywhere_in_scripts_and_ollama_files() -> None:
    found = refs(
        "test.sh",
        'NEW_MODEL_URL="ollama://qwen2.5:0.5b"\n'
        "kubectl patch model x --type=merge -p url=ollama://gemma2:2b\n"
        "kserve run hf://acme/tiny-llm\n",
    )
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (1, "qwen2.5:0.5b", "ollama"),
        (3, "acme/tiny-llm", "hf"),
    ]
    env = refs(
        ".env.docker.template",
        "OLLAMA_BASE_URL=http://ollama:11434\nMODEL=llama3.2:1b\nOPENAI_MODEL=gpt-4o-mini\n",
    )
    assert [(r.line, r.model, r.source.value) for r in env] == [(2, "llama3.2:1b", "ollama")]


def test_trailing_slashes_lora_paths_and_javascript_defaults() -> None:
    found = refs(
        "eval.sh",
        'MODEL_NAME_OR_PATH="deepseek-ai/deepseek-coder-1b-base/"\n'
        "python train.py --lora_path nomic-ai/gpt4all-lora\n",
    )
    assert [(r.line, r.model) for r in found] == [
        (1, "deepseek-ai/deepseek-coder-1b-base"),
        (2, "nomic-ai/gpt4all-lora"),
    ]
    js = refs(
        "ollama.ts",
        'import { Ollama } from "ollama";\n'
        'this.model = config.model || "nomic-embed-text:latest";\n'
        'this.other = config.other ?? "acme/not-a-model-name";\n',
    )
    assert [(r.line, r.model, r.source.value) for r in js] == [
        (2, "nomic-embed-text:latest", "ollama")
    ]


def test_arrays_over_several_lines_and_javascript_ollama_tables() -> None:
    found = refs(
        "evaluate_many_models.sh",
        "models=(\n    google/gemma-2b\n    mistralai/Mistral-7B-Instruct-v0.3  # the base\n)\n",
    )
    assert [(r.line, r.column, r.model) for r in found] == [
        (2, 5, "google/gemma-2b"),
        (3, 5, "mistralai/Mistral-7B-Instruct-v0.3"),
    ]
    js = refs(
        "ollama.ts",
        'import ollama from "ollama";\n'
        'const MODELS = ["llama3:8b", "phi3"];\n'
        "const EMBEDDING_MODELS = {\n"
        '  "nomic-embed-text": { dimensions: 768 },\n'
        "};\n",
    )
    assert [(r.line, r.model, r.source.value) for r in js] == [
        (2, "llama3:8b", "ollama"),
        (2, "phi3", "ollama"),
        (4, "nomic-embed-text", "ollama"),
    ]


def test_arrays_read_by_a_model_flag_and_js_option_tables() -> None:
    found = refs(
        "run_speculative.sh",
        'names=("openai/whisper-large-v2" "openai/whisper-medium.en")\n'
        'outputs=("acme/out-a" "acme/out-b")\n'
        "for (( i=0; i<${#names[*]}; ++i)); do\n"
        "  name=${names[$i]}\n"
        "  out=${outputs[$i]}\n"
        "  python run.py --model_name_or_path ${name} --output_dir ${out}\n"
        "done\n",
    )
    assert [(r.line, r.model) for r in found] == [
        (1, "openai/whisper-large-v2"),
        (1, "openai/whisper-medium.en"),
    ]
    js = refs(
        "App.jsx",
        "const TOKENIZER_OPTIONS = Object.freeze({\n"
        '  "Xenova/gpt-4": "gpt-4 / gpt-3.5-turbo",\n'
        '  "": "Custom",\n'
        "});\n",
    )
    assert [(r.line, r.model) for r in js] == [(2, "Xenova/gpt-4")]
    assert [(r.line, r.model) for r in refs("lora.yaml", "")] == []


def test_huggingface_scheme_values_in_configs() -> None:
    from licheck.scan import scan_text as text_refs

    found = text_refs(
        "adapter.yaml",
        "spec:\n  artifactURL: huggingface://ai-blond/Qwen-Qwen2.5-Coder-1.5B-Instruct-lora\n",
    )
    assert [(r.line, r.model) for r in found] == [
        (2, "ai-blond/Qwen-Qwen2.5-Coder-1.5B-Instruct-lora")
    ]


def test_each_value_a_read_variable_is_given_and_inference_api_urls() -> None:
    found = refs(
        "run_quant.sh",
        'if [ "$t" = "opt" ]; then\n'
        '    model_name_or_path="facebook/opt-125m"\n'
        'elif [ "$t" = "llama" ]; then\n'
        '    model_name_or_path="meta-llama/Llama-2-7b-hf"\n'
        "fi\n"
        "python run.py --model ${model_name_or_path}\n",
    )
    assert sorted((r.line, r.model, len(r.uses)) for r in found) == [
        (2, "facebook/opt-125m", 1),
        (4, "meta-llama/Llama-2-7b-hf", 1),
    ]
    api = scan_text(
        "provider.py",
        'URL = "https://api-inference.huggingface.co/models/cardiffnlp/twitter-roberta-base"\n'
        "init_from = 'gpt2-xl'\n",
    )
    assert [(r.line, r.column, r.model) for r in api] == [
        (1, 8, "cardiffnlp/twitter-roberta-base"),
        (2, 13, "gpt2-xl"),
    ]


def test_tags_where_a_file_calls_the_ollama_server_without_importing_it() -> None:
    js = refs(
        "main.js",
        'const res = await fetch("http://localhost:11434/api/chat", {\n'
        "  body: JSON.stringify({ model: 'gemma3:1b', messages }),\n"
        "});\n",
    )
    assert [(r.line, r.model, r.source.value) for r in js] == [(2, "gemma3:1b", "ollama")]
    py = scan_text(
        "app.py",
        'config = {"llm": {"provider": "ollama", "config": {"model": "llama3.2:latest"}}}\n',
    )
    assert [(r.line, r.model, r.source.value) for r in py] == [(1, "llama3.2:latest", "ollama")]
