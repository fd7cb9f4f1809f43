"""YAML / JSON / TOML extractor: keys at any depth, positions, decoys, parse errors."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from licheck.errors import ExtractError
from licheck.records import Reference, Source
from licheck.scan import scan, scan_text


def refs(name: str, text: str) -> list[Reference]:
    text = textwrap.dedent(text)
    found = scan_text(name, text)
    lines = text.splitlines()
    for ref in found:  # every column points at the value (or its opening quote, or the URL)
        at = lines[ref.line - 1][ref.column - 1 :].lstrip("\"'")
        # the value as written, a scheme or provider route before the id
        at = at.removeprefix("hf://").removeprefix("ollama://").removeprefix("ollama/")
        assert at.startswith("https://" if ref.source == Source.URL else ref.model), ref
    return found


def found(name: str, text: str) -> list[tuple[int, int, str, str | None]]:
    return [(r.line, r.column, r.model, r.revision) for r in refs(name, text)]


def test_yaml_keys_at_any_depth_with_revision() -> None:
    assert found(
        "train.yaml",
        """\
        base_model: Qwen/Qwen2.5-7B
        tokenizer_name: Qwen/Qwen2.5-7B-Instruct
        trainer:
          model:
            name: meta-llama/Llama-3.1-8B-Instruct
            revision: 0123456789abcdef0123456789abcdef01234567
          teacher_model: google/gemma-2-9b-it
        merge:
          base_model:
            - mistralai/Mistral-7B-Instruct-v0.3
            - mistralai/Mixtral-8x7B-Instruct-v0.1
        """,
    ) == [
        (1, 13, "Qwen/Qwen2.5-7B", None),
        (2, 17, "Qwen/Qwen2.5-7B-Instruct", None),
        (5, 11, "meta-llama/Llama-3.1-8B-Instruct", "0123456789abcdef0123456789abcdef01234567"),
        (7, 18, "google/gemma-2-9b-it", None),
        (10, 7, "mistralai/Mistral-7B-Instruct-v0.3", None),
        (11, 7, "mistralai/Mixtral-8x7B-Instruct-v0.1", None),
    ]


def test_yaml_decoys() -> None:
    assert (
        found(
            "axolotl.yml",
            """\
        datasets:
          - path: tatsu-lab/alpaca
            type: alpaca
        dataset_name: HuggingFaceH4/ultrachat_200k
        hub_model_id: acme/my-finetune
        output_dir: ./outputs/qwen
        push_to_hub: true
        model_type: LlamaForCausalLM
        image: vllm/vllm-openai:v0.6.3
        content_type: application/json
        steps:
          - uses: actions/checkout@v4
        model: org/model
        served_model_name: chat
        """,
        )
        == []
    )


def test_multi_document_yaml_serving_lists_and_k8s_env() -> None:
    assert found(
        "deploy.yaml",
        """\
        models:
          - id: deepseek-ai/DeepSeek-R1
          - name: microsoft/phi-4
            revision: refs/pr/7
        ---
        spec:
          containers:
            - name: server
              image: ghcr.io/acme/inference-server:2.4
              args: ["--model-id", "Qwen/Qwen2.5-72B-Instruct", "--port", "80"]
              env:
                - name: MODEL_ID
                  value: openai/gpt-oss-20b
                - name: HF_HOME
                  value: /data
        """,
    ) == [
        (2, 9, "deepseek-ai/DeepSeek-R1", None),
        (3, 11, "microsoft/phi-4", "refs/pr/7"),
        (10, 28, "Qwen/Qwen2.5-72B-Instruct", None),
        (13, 18, "openai/gpt-oss-20b", None),
    ]


def test_compose_command_environment_and_workflow_run() -> None:
    assert found(
        "docker-compose.yml",
        """\
        services:
          vllm:
            command: --model mistralai/Mistral-7B-Instruct-v0.3 --served-model-name chat
            environment:
              - EMBEDDING_MODEL=BAAI/bge-small-en-v1.5
              - HF_TOKEN=${HF_TOKEN}
          worker:
            environment:
              RERANK_MODEL: cross-encoder/ms-marco-MiniLM-L-6-v2
        jobs:
          fetch:
            steps:
              - run: |
                  pip install -U huggingface_hub
                  huggingface-cli download google/gemma-3-27b-it --revision 1234567
        """,
    ) == [
        (3, 22, "mistralai/Mistral-7B-Instruct-v0.3", None),
        (5, 25, "BAAI/bge-small-en-v1.5", None),
        (9, 21, "cross-encoder/ms-marco-MiniLM-L-6-v2", None),
        (15, 36, "google/gemma-3-27b-it", "1234567"),
    ]


def test_helm_template_is_not_a_parse_error() -> None:
    text = "model: {{ .Values.model }}\nurl: https://huggingface.co/Qwen/Qwen3-8B\n{{- end }}\n"
    assert [(r.model, r.line) for r in refs("templates/deploy.yaml", text)] == [
        ("Qwen/Qwen3-8B", 2)
    ]


def test_json_positions_nested_and_lenient() -> None:
    assert found(
        "adapter_config.json",
        """\
        {
          // written by peft
          "base_model_name_or_path": "meta-llama/Llama-2-7b-chat-hf",
          "peft_type": "LORA",
          "nested": {"runs": [{"model_name_or_path": "gpt2"}, {"model": "text/plain"}],},
          "_name_or_path": "google-bert/bert-base-uncased"
        }
        """,
    ) == [
        (3, 30, "meta-llama/Llama-2-7b-chat-hf", None),
        (5, 46, "gpt2", None),
        (6, 20, "google-bert/bert-base-uncased", None),
    ]


def test_toml_keys_and_positions() -> None:
    assert found(
        "serve.toml",
        """\
        [tool.app]
        model = "Qwen/Qwen3-8B"
        dataset = "tatsu-lab/alpaca"

        [[serve.models]]
        id = "01-ai/Yi-34B"
        revision = "v2"
        """,
    ) == [(2, 9, "Qwen/Qwen3-8B", None), (6, 6, "01-ai/Yi-34B", "v2")]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.yaml", "a: [1, 2\nb: c\n", "YAML syntax error at line"),
        ("a.json", '{\n  "model": "x",\n  oops\n}\n', "JSON syntax error at line 3"),
        ("a.toml", 'model = "a/b"\nmodel = \n', "TOML syntax error at line 2"),
    ],
)
def test_parse_errors_name_the_line(name: str, text: str, message: str) -> None:
    with pytest.raises(ExtractError, match=message):
        scan_text(name, text)


def test_notebook_cells_share_constants_and_report_ipynb_lines() -> None:
    import json

    notebook = {
        "cells": [
            {"cell_type": "markdown", "source": ["See https://huggingface.co/x1/y1\n"]},
            {
                "cell_type": "code",
                "source": [
                    'MODEL = "Qwen/Qwen2.5-7B-Instruct"\n',
                    "!hf download google/gemma-3-27b-it\n",
                ],
            },
            {"cell_type": "code", "source": ["x = !ls\n"]},
            {"cell_type": "code", "source": ["m = AutoModel.from_pretrained(MODEL)\n"]},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(notebook, indent=1)
    lines = text.splitlines()
    got = [(r.line, r.model) for r in scan_text("nb.ipynb", text)]
    gemma = next(i for i, line in enumerate(lines, 1) if "gemma" in line)
    literal = next(i for i, line in enumerate(lines, 1) if "Qwen2.5-7B" in line)
    loader = next(i for i, line in enumerate(lines, 1) if "from_pretrained" in line)
    assert got == [(literal, "Qwen/Qwen2.5-7B-Instruct"), (gemma, "google/gemma-3-27b-it")]
    qwen = scan_text("nb.ipynb", text)[0]
    assert [u.line for u in qwen.uses] == [loader]


def test_docs_only_with_include_docs_and_marked() -> None:
    text = textwrap.dedent(
        """\
        ---
        base_model: Qwen/Qwen2.5-7B
        ---
        # Usage

        ```python
        pipe = pipeline("text-generation", model="openai-community/gpt2")
        ```

        ```bash
        $ hf download BAAI/bge-small-en-v1.5
        ```
        Weights: https://huggingface.co/deepseek-ai/DeepSeek-R1
        """
    )
    assert scan_text("README.md", text) == []
    got = scan_text("README.md", text, include_docs=True)
    assert [(r.line, r.model, r.docs) for r in got] == [
        (2, "Qwen/Qwen2.5-7B", True),
        (7, "openai-community/gpt2", True),
        (11, "BAAI/bge-small-en-v1.5", True),
        (13, "deepseek-ai/DeepSeek-R1", True),
    ]


def test_notebook_source_as_one_string_and_broken_cells() -> None:
    import json

    notebook = {
        "cells": [
            {"cell_type": "code", "source": 'M = "Qwen/Qwen3-8B"\nx = 1\n'},
            {"cell_type": "code", "source": ["def broken(:\n"]},
            {"cell_type": "code", "source": ["AutoModel.from_pretrained(M)\n"]},
        ],
        "metadata": {},
    }
    text = json.dumps(notebook, indent=1)
    literal = next(i for i, line in enumerate(text.splitlines(), 1) if "Qwen3-8B" in line)
    loader = next(i for i, line in enumerate(text.splitlines(), 1) if "from_pretrained" in line)
    found = scan_text("nb.ipynb", text)
    assert [(r.line, r.model) for r in found] == [(literal, "Qwen/Qwen3-8B")]
    assert [u.line for u in found[0].uses] == [loader]


def test_yaml_and_toml_suppressions() -> None:
    yaml_text = "# licheck: ignore[LC-GATED] approved\nbase_model: meta-llama/Llama-3.1-8B\n"
    assert [r.suppressed for r in scan_text("a.yaml", yaml_text)] == [("LC-GATED",)]
    toml_text = 'model = "Qwen/Qwen3-8B"  # licheck: ignore\n'
    assert [r.suppressed for r in scan_text("a.toml", toml_text)] == [("*",)]
    whole = "# licheck: ignore-file\nmodel: Qwen/Qwen3-8B\nbase_model: microsoft/phi-4\n"
    assert [r.suppressed for r in scan_text("a.yaml", whole)] == [("*",), ("*",)]
    code = "x = 1  # licheck: ignore[A]\nbase_model: microsoft/phi-4\n"
    assert [r.suppressed for r in scan_text("b.yaml", code.replace("x = 1", "a: 1"))] == [()]


def test_pyproject_licheck_policy_is_not_a_dependency() -> None:
    from licheck.scan import scan_text

    text = (
        '[tool.licheck]\naccept = [{model = "Qwen/Qwen2.5-3B", rules = ["LC102"], reason = "r"}]\n'
        '[tool.myapp]\nmodel = "Qwen/Qwen2.5-7B-Instruct"\n'
    )
    assert [r.model for r in scan_text("pyproject.toml", text)] == ["Qwen/Qwen2.5-7B-Instruct"]
    # The same table in any other TOML file is just configuration like any other.
    assert len(scan_text("settings.toml", text)) == 2


def test_helm_extra_args_lists_are_command_lines() -> None:
    from licheck.scan import scan_text

    text = (
        "extraArgs:\n  - --model\n  - mistralai/Mistral-Nemo-Instruct-2407\n"
        "  - --served-model-name\n  - nemo\n"
    )
    found = scan_text("helm/values.yaml", text)
    assert [(r.model, r.line) for r in found] == [("mistralai/Mistral-Nemo-Instruct-2407", 3)]


def test_for_loop_in_a_workflow_run_step_is_unrolled() -> None:
    from licheck.scan import scan_text

    text = (
        "jobs:\n  fetch:\n    steps:\n      - run: |\n"
        '          for m in "openai/whisper-large-v3" "BAAI/bge-small-en-v1.5"; do\n'
        '            hf download "$m"\n'
        "          done\n"
    )
    found = scan_text(".github/workflows/fetch.yml", text)
    assert [(r.model, r.line) for r in found] == [
        ("openai/whisper-large-v3", 5),
        ("BAAI/bge-small-en-v1.5", 5),
    ]


@pytest.mark.parametrize("name", ["serve.json", "serve.jsonc"])
def test_json_number_arrays_beside_commands_and_models(name: str) -> None:
    # Arrays of numbers keep no nodes; arrays mixing numbers and words still read as commands,
    # and positions after a skipped array are still exact (strict and lenient parser alike).
    comment = "// served by vLLM\n" if name.endswith("c") else ""
    text = comment + (
        '{"embedding": [0.1, -2, 3e5, NaN],\n'
        ' "args": ["--port", 8000, "--model", "Qwen/Qwen2.5-7B-Instruct"],\n'
        ' "grid": [[1, 2], [3, 4]], "model_id": "BAAI/bge-small-en-v1.5"}\n'
    )
    first = 2 if comment else 1
    assert [(line, column, model) for line, column, model, _ in found(name, text)] == [
        (first + 1, 38, "Qwen/Qwen2.5-7B-Instruct"),
        (first + 2, 40, "BAAI/bge-small-en-v1.5"),
    ]


def test_serving_registry_name_is_an_alias_beside_an_id() -> None:
    assert found(
        "models.yaml",
        """\
        models:
          - name: acme/chat-small
            id: meta-llama/Llama-3.2-1B-Instruct
            revision: 14a85a4
          - name: canary
            id: distilgpt2
          - name: acme/vision
            model: Qwen/Qwen2-VL-7B-Instruct
          - name: microsoft/phi-4
            replicas: 2
          - name: notamodel
            id: 7
        routing:
          default: acme/chat-small
        """,
    ) == [
        (3, 9, "meta-llama/Llama-3.2-1B-Instruct", "14a85a4"),
        (6, 9, "distilgpt2", None),
        (8, 12, "Qwen/Qwen2-VL-7B-Instruct", None),
        (9, 11, "microsoft/phi-4", None),
    ]


def test_repo_id_keys_are_models_unless_their_context_says_otherwise() -> None:
    assert found(
        "rag.toml",
        """\
        [llm]
        repo_id = "meta-llama/Llama-3.3-70B-Instruct"
        fallback_repo_id = "Qwen/Qwen2.5-14B-Instruct"

        [corpus]
        repo_id = "acme-docs/handbook"
        repo_type = "dataset"

        [dataset]
        repo_id = "acme-docs/handbook-v2"

        [hub]
        repo_id = "acme-ml/rag-index"

        [push_to_hub.target]
        repo_id = "acme-ml/rag-index-nightly"

        [policy]
        output_repo_id = "acme-ml/policy-ft"
        """,
    ) == [
        (2, 11, "meta-llama/Llama-3.3-70B-Instruct", None),
        (3, 20, "Qwen/Qwen2.5-14B-Instruct", None),
    ]


@pytest.mark.parametrize("key", ["modelURL", "GGUF_REPO", "adapter_id", "MODEL_URI"])
def test_model_keys_are_told_by_their_words(key: str) -> None:
    found = scan_text("values.yaml", f"servingEngineSpec:\n  {key}: facebook/opt-125m\n")
    assert [(r.line, r.model) for r in found] == [(2, "facebook/opt-125m")]


def test_provider_routes_report_the_model_behind_them() -> None:
    text = (
        "model_list:\n"
        "  - model_name: local\n"
        "    litellm_params:\n"
        "      model: ollama/llama3\n"
        "  - model_name: served\n"
        "    litellm_params:\n"
        "      model: hosted_vllm/Qwen/Qwen3-32B\n"
        "  - model_name: api\n"
        "    litellm_params:\n"
        "      model: groq/llama3-70b-8192\n"
        "  - model_name: chat\n"
        "    litellm_params:\n"
        "      model: ollama_chat/qwen2.5:7b\n"
        "  - model_name: fake-openai-endpoint\n"
        "    litellm_params:\n"
        "      model: openai/fake\n"
    )
    found = scan_text("proxy_config.yaml", text)
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (4, "llama3", "ollama"),
        (7, "Qwen/Qwen3-32B", "hf"),
        (13, "qwen2.5:7b", "ollama"),
    ]


@pytest.mark.parametrize(
    ("name", "text", "model"),
    [
        (
            "Generic.json",
            '{"pretrained_weight": "microsoft/mdeberta-v3-base"}',
            "microsoft/mdeberta-v3-base",
        ),
        ("isvc.yaml", "spec:\n  storageUri: hf://meta-llama/x\n", "meta-llama/x"),
        ("values.yaml", "engine:\n  GGUF_REPO: bartowski/x-GGUF\n", "bartowski/x-GGUF"),
        ("prod.env", "GGUF_REPO=bartowski/x-GGUF\n", "bartowski/x-GGUF"),
    ],
)
def test_keys_told_by_their_words_pass_the_prefilter_of_a_tree_scan(
    tmp_path: Path, name: str, text: str, model: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    found = scan(tmp_path).references
    assert [(r.path, r.model) for r in found] == [(name, model)]


def test_notebook_magics_are_read_through() -> None:
    import json

    cells = [
        ["%%time\n", 'm = AutoModel.from_pretrained("Qwen/Qwen2.5-7B")\n'],
        ["%env MODEL_ID=mistralai/Mistral-7B-v0.3\n"],
        ["%time out = pipeline('text-generation', model='microsoft/phi-4')\n"],
        ["%%writefile train.py\n", 'tok = AutoTokenizer.from_pretrained("google/gemma-2-9b-it")\n'],
        ["%%html\n", '<a href="x">AutoModel.from_pretrained("not/read")</a>\n'],
    ]
    notebook = {
        "cells": [{"cell_type": "code", "source": c} for c in cells],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(notebook, indent=1)
    lines = text.splitlines()
    got = [(lines[r.line - 1].strip()[:12], r.model) for r in scan_text("nb.ipynb", text)]
    assert got == [
        ('"m = AutoMod', "Qwen/Qwen2.5-7B"),
        ('"%env MODEL_', "mistralai/Mistral-7B-v0.3"),
        ('"%time out =', "microsoft/phi-4"),
        ('"tok = AutoT', "google/gemma-2-9b-it"),
    ]


def test_json_documents_inside_values_are_read_like_configs() -> None:
    env = (
        "MONGODB_URL=mongodb://localhost:27017\n"
        "MODELS=`[\n"
        "  {\n"
        '    "name": "mistralai/Mistral-7B-Instruct-v0.3",\n'
        '    "endpoints": [{"type": "tgi", "url": "http://127.0.0.1:8080"}]\n'
        "  }\n"
        "]`\n"
        'OTHER=`{"dataset": "org/data"}`\n'
    )
    found = scan_text(".env.local", env)
    assert [(r.line, r.column, r.model) for r in found] == [
        (4, 13, "mistralai/Mistral-7B-Instruct-v0.3")
    ]
    values = (
        "chat-ui:\n"
        "  envVars:\n"
        "    MODELS: >\n"
        '      [{"name": "Qwen/Qwen2.5-72B-Instruct", "displayName": "Qwen"}]\n'
    )
    assert [(r.line, r.model) for r in scan_text("values.yaml", values)] == [
        (4, "Qwen/Qwen2.5-72B-Instruct")
    ]


def test_localai_huggingface_uri_names_the_repo_not_the_file() -> None:
    text = (
        "name: gpt-4\n"
        "parameters:\n"
        "  model: huggingface://TheBloke/Mistral-7B-Instruct-v0.2-GGUF/mistral.Q4_K_M.gguf\n"
        "  extra: hf://datasets/org/data/train.json\n"
    )
    found = scan_text("models/gpt-4.yaml", text)
    assert [(r.line, r.model) for r in found] == [(3, "TheBloke/Mistral-7B-Instruct-v0.2-GGUF")]


def test_templates_that_are_not_yaml_yet_are_read_line_by_line(tmp_path: Path) -> None:
    helm = (
        "{{- if .Values.enabled }}\n"
        "servingEngineSpec:\n"
        "  modelSpec:\n"
        "    - name: {{ .Values.name }}\n"
        '      modelURL: "meta-llama/Llama-3.1-8B-Instruct"\n'
        "      args:\n"
        "        - |\n"
        "          hf download openai/gpt-oss-120b --local-dir /data/models/gpt-oss\n"
        "      dataset: org/not-a-model\n"
        "{{- end }}\n"
    )
    (tmp_path / "values.tpl").write_text(helm, encoding="utf-8")
    (tmp_path / "notes.tpl").write_text("Thanks for installing {{ .Chart.Name }}!\n: : :\n")
    result = scan(tmp_path)
    assert [(r.path, r.line, r.model) for r in result.references] == [
        ("values.tpl", 5, "meta-llama/Llama-3.1-8B-Instruct"),
        ("values.tpl", 8, "openai/gpt-oss-120b"),
    ]
    assert result.skipped == ()


def test_hub_uris_in_command_lists_are_models() -> None:
    text = (
        "initContainers:\n"
        "  - name: storage-initializer\n"
        "    args:\n"
        "      - hf://RedHatAI/gpt-oss-20b\n"
        "      - /mnt/models\n"
        "      - hf://datasets/org/data\n"
    )
    assert [(r.line, r.model) for r in scan_text("job.yaml", text)] == [(4, "RedHatAI/gpt-oss-20b")]


def test_compose_command_lists_are_one_command_with_empty_and_spaced_arguments() -> None:
    assert found(
        "docker-compose.yml",
        """\
        services:
          pipeline:
            command:
              - speech-to-speech
              - --api_key
              - ""
              - --model_name
              - ggml-org/gemma-4-E4B-it-GGUF
              - --init_prompt
              - "You are a helpful assistant"
        """,
    ) == [(8, 9, "ggml-org/gemma-4-E4B-it-GGUF", None)]


def test_a_tokenizer_inside_a_dataset_block_is_a_model_and_its_data_is_not() -> None:
    assert found(
        "config.yaml",
        """\
        data_stages:
          - data:
              dataset:
                dataset_folder: [HuggingFaceFW/fineweb-edu]
                tokenizer_name: meta-llama/Llama-3.2-1B
        """,
    ) == [(5, 25, "meta-llama/Llama-3.2-1B", None)]


def test_argument_lists_of_flag_maps_and_folded_scripts_are_read() -> None:
    assert found(
        "values.yaml",
        """\
        lorax:
          args:
            - name: "--model-id"
              value: "mistralai/Mistral-7B-Instruct-v0.1"
        judge:
          arguments:
            [
              "pip install vllm && \\
                VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 vllm serve Qwen/Qwen3-32B \\
                  --tensor-parallel-size 2",
            ]
        """,
    ) == [
        (4, 14, "mistralai/Mistral-7B-Instruct-v0.1", None),
        (9, 52, "Qwen/Qwen3-32B", None),
    ]


def test_key_value_formats_are_read_like_dotenv_files() -> None:
    assert found(
        "main.tf",
        'resource "kserve" "llm" {\n'
        '  model_id = "meta-llama/Llama-3.1-8B-Instruct"\n'
        '  card     = "https://huggingface.co/acme/tuned"\n'
        "}\n",
    ) == [(2, 15, "meta-llama/Llama-3.1-8B-Instruct", None), (3, 15, "acme/tuned", None)]
    assert found("serve.ini", "[model]\nmodel_name = acme/tiny-llm\ndataset = acme/data\n") == [
        (2, 14, "acme/tiny-llm", None)
    ]


def test_ollama_urls_qualified_keys_and_model_specs() -> None:
    assert [
        (r.line, r.column, r.model, r.revision)
        for r in refs(
            "model.yaml",
            """\
        spec:
          url: ollama://qwen2.5:7b
          engine: OLlama
        modelSpec:
          - name: opt125m
            repository: lmcache/vllm-openai
            modelURL: facebook/opt-125m
        environment:
          CHAT_MODEL_ALIAS: acme/llama-8b-chat
          MODEL_COMPLETION: meta-llama/Llama-3.2-1B-Instruct
        """,
        )
        if not r.candidate
    ] == [
        (2, 8, "qwen2.5:7b", None),
        (7, 15, "facebook/opt-125m", None),
        (10, 21, "meta-llama/Llama-3.2-1B-Instruct", None),
    ]


def test_llm_keys_provider_routes_and_sweeps() -> None:
    assert found(
        "r2r.toml",
        """\
        [app]
        fast_llm = "ollama/llama3.1"
        audio_lm = "openai/whisper-1"
        embedding = "lm_studio/text-embedding-nomic-embed-text-v1.5"
        """,
    ) == [(2, 12, "llama3.1", None)]
    assert found(
        "sweep.yaml",
        """\
        hydra:
          sweeper:
            params:
              backend.model:
                hf-internal-testing/tiny-random-GitForCausalLM,
                hf-internal-testing/tiny-random-BlipForConditionalGeneration
        """,
    ) == [
        (5, 9, "hf-internal-testing/tiny-random-GitForCausalLM", None),
        (6, 9, "hf-internal-testing/tiny-random-BlipForConditionalGeneration", None),
    ]


def test_a_sized_ollama_tag_makes_the_env_files_local_models_ollama_tags() -> None:
    text = (
        "LOCAL_MODEL=qwen2.5:7b\n"
        "LOCAL_MODEL_EMBEDDINGS=nomic-embed-text\n"
        "GRAPHRAG_LLM_MODEL=gpt-4o-mini\n"
        "GRAPHRAG_EMBEDDING_MODEL=text-embedding-3-small\n"
    )
    found = scan_text(".env.example", text)
    assert [(r.line, r.model, r.source.value) for r in found] == [
        (1, "qwen2.5:7b", "ollama"),
        (2, "nomic-embed-text", "ollama"),
    ]


def test_files_named_for_models_list_them_and_recipes_name_what_they_start_from() -> None:
    table = (
        '{\n  "llama2-7b-chat-4k": "meta-llama/Llama-2-7b-chat-hf",\n  "notes": "acme/readme"\n}\n'
    )
    assert [(r.line, r.model) for r in scan_text("config/model2path.json", table)] == [
        (2, "meta-llama/Llama-2-7b-chat-hf")
    ]
    assert scan_text("config/dataset2path.json", table) == []
    recipe = (
        "model:\n  pretrained_llm: TinyLlama/TinyLlama_v1.1\n"
        "  pretrained_asr: nvidia/canary-1b-flash\n"
    )
    assert [r.model for r in scan_text("salm.yaml", recipe)] == [
        "TinyLlama/TinyLlama_v1.1",
        "nvidia/canary-1b-flash",
    ]
    ts = (
        "class Together {\n"
        "  private static MODEL_IDS: { [name: string]: string } = {\n"
        '    "codellama-7b": "togethercomputer/CodeLlama-7b-Instruct",\n'
        '    "llama3.1-8b": "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",\n'
        '    "z-image": "Tongyi-MAI/Z-Image-Turbo",\n'
        "  };\n}\n"
    )
    # Together's own "-Instruct-Turbo" builds are its API's names, not Hub repositories; a Hub
    # model named "-Turbo" is still one.
    assert [(r.line, r.model) for r in scan_text("Together.ts", ts)] == [
        (3, "togethercomputer/CodeLlama-7b-Instruct"),
        (5, "Tongyi-MAI/Z-Image-Turbo"),
    ]
    steps = "steps:\n- args: ['-c', 'ollama pull gemma3n:E2b']\n  name: gcr.io/acme/runner\n"
    assert [(r.model, r.source.value) for r in scan_text("cloudbuild.yaml", steps)] == [
        ("gemma3n:E2b", "ollama")
    ]


def test_toml_positions_come_from_the_parsed_structure() -> None:
    # A commented-out id, a key spelled as a string and a waiver-like table earlier in the file
    # hold the same text as the real value; none of them may take its position.
    assert found(
        "serve.toml",
        """\
        # model = "Qwen/Qwen3-8B"   (the old one)
        [aliases]
        "Qwen/Qwen3-8B" = "fast"
        [tool.app]
        note = 'see "Qwen/Qwen3-8B" below'
        model = "Qwen/Qwen3-8B"
        """,
    ) == [(6, 9, "Qwen/Qwen3-8B", None)]


def test_toml_positions_follow_keys_not_text_order() -> None:
    # tomllib's dict order is not the text's: [a.b] written after [c] still belongs under a,
    # arrays of tables count their elements, dotted keys and inline tables nest.
    assert found(
        "serve.toml",
        """\
        [a]
        x = 1
        [c]
        model = "acme/second"
        [a.b]
        model = "acme/first"
        [[serve]]
        model = "acme/third"
        [[serve]]
        cfg.model = "acme/fourth"
        [[serve.extra]]
        models = ["acme/fifth", { model = "acme/sixth" }]
        multi = '''
        model = "acme/not-a-value-7b"
        '''
        model = \"\"\"acme/seventh\"\"\"
        """,
    ) == [
        (4, 9, "acme/second", None),
        (6, 9, "acme/first", None),
        (8, 9, "acme/third", None),
        (10, 13, "acme/fourth", None),
        (12, 11, "acme/fifth", None),
        (12, 35, "acme/sixth", None),
        (16, 9, "acme/seventh", None),
    ]


def test_toml_suppression_on_the_real_line_holds() -> None:
    text = (
        '# model = "Qwen/Qwen3-8B"\n'
        "[app]\n"
        'model = "Qwen/Qwen3-8B"  # licheck: ignore[unpinned] pinned by the image\n'
    )
    (ref,) = scan_text("app.toml", text)
    assert (ref.line, ref.column, ref.suppressed) == (3, 9, ("unpinned",))


def test_pyproject_waivers_do_not_take_a_dependency_s_position() -> None:
    # [tool.myapp.serve] comes after the waiver in the text but before it in tomllib's tables.
    text = (
        "[tool.myapp]\nx = 1\n"
        '[tool.licheck]\naccept = [{model = "Qwen/Qwen2.5-7B-Instruct", rules = ["LC102"], '
        'reason = "r"}]\n[tool.myapp.serve]\nmodel = "Qwen/Qwen2.5-7B-Instruct"\n'
    )
    (ref,) = scan_text("pyproject.toml", text)
    assert (ref.line, ref.column) == (6, 9)


def test_toml_positions_stay_linear() -> None:
    import time

    def seconds(count: int) -> float:
        body = "".join(f'[[m]]\nmodel = "acme/same-7b"\nrevision = "v{i}"\n' for i in range(count))
        best = float("inf")
        for _ in range(3):  # the best of three runs: a busy machine should not fail the test
            start = time.perf_counter()
            assert len(scan_text("many.toml", body)) == count
            best = min(best, time.perf_counter() - start)
        return best

    seconds(100)  # warm up imports
    small, large = seconds(300), seconds(2_400)
    # Eight times the entries take about eight times as long; quadratic work would take 64.
    assert large < small * 24, (small, large)
