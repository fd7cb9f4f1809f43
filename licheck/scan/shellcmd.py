"""One shell command's words and the rules that find models in them.

``_Command`` reads one command (``hf download X``, ``vllm serve X``, ``ollama pull X``, model
flags, llama.cpp ``-hf``, lm-eval ``--model_args``, ``docker run IMAGE ARGS``, schemes such as
``hf://``) and yields ``Hit`` records, each a value in a word before its position is mapped into
the file. ``command_hits`` is the entry point; shell.py handles whole scripts (assignments,
arrays, ``for`` loops) and turns hits into references.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from licheck.scan import keys
from licheck.scan.literals import (
    OLLAMA_SCHEME,
    Found,
    family,
    literal_candidate,
    text_candidate,
    weak_candidate,
)
from licheck.scan.shellwords import Word, commands, expand, key_values
from licheck.scan.text import words

_HF_DOWNLOAD_VALUE_FLAGS = words(
    "--revision --repo-type --include --exclude --local-dir --cache-dir --token --max-workers "
    "--local-dir-use-symlinks --etag-timeout"
)
_LLAMA_CPP_REPO_FLAGS = frozenset({"-hf", "--hf-repo", "-hfr", "-hfd", "--hf-repo-draft"})
_REVISION_FLAGS = frozenset({"--revision", "--model-revision", "--model_revision"})
_LM_EVAL = frozenset({"lm_eval", "lm-eval"})
_MODEL_ARGS_FLAGS = frozenset({"--model_args", "--model-args"})
# lm-eval model_args keys whose value is a model the harness downloads (HF and vLLM backends).
_MODEL_ARGS_KEYS = frozenset({"pretrained", "peft", "tokenizer", "delta"})
# Commands whose first positional argument after these words is the model they pull or serve.
_MODEL_FIRST = {
    "lmdeploy": (("serve", "api_server"), ("serve", "gradio"), ("chat",), ("convert",)),
    "tune": (("download",),),
    "litgpt": (("download",), ("serve",), ("chat",), ("generate",), ("finetune",)),
}
# The programs whose command lines the rules below read (hf/huggingface-cli download, vllm
# serve, ollama pull|run, llama.cpp's -hf, the _MODEL_FIRST commands): a Python list that
# starts with one of them is read as its command line (python.py).
KNOWN_COMMANDS = frozenset(
    {"hf", "huggingface-cli", "vllm", "ollama", "llama-server", "llama-cli", *_MODEL_FIRST}
)
# Values that name a model by their scheme, wherever they stand.
SCHEMES = ("hf://", "huggingface://", OLLAMA_SCHEME)
# ``docker run`` / ``podman run`` options that take a value as the next word.
_CONTAINER_VALUE_FLAGS = words(
    "-v --volume -e --env --env-file --name --network --net --ipc -p --publish --gpus "
    "--shm-size --cap-add --cap-drop --runtime --mount -w --workdir --entrypoint -u --user "
    "-l --label --platform --device --ulimit --restart -h --hostname --add-host --cpus -m "
    "--memory --pull --security-opt --tmpfs --log-driver --log-opt --pid --uts --group-add"
)


@dataclass
class Hit:
    """A reference found in one command, before its position is mapped into the file."""

    word: Word
    offset: int  # characters into ``word`` where the value starts (``--model=X``)
    found: Found
    context: str
    variables: set[str] = field(default_factory=set)
    raw: str = ""  # the value as written, before variables are filled in
    weak: bool = False  # a candidate for the Hub to confirm (an argument after a Docker image)


def _flag_value(texts: Sequence[str], flag: str) -> str | None:
    for j, text in enumerate(texts):
        if text == flag and j + 1 < len(texts):
            return texts[j + 1]
        if text.startswith(flag + "="):
            return text[len(flag) + 1 :]
    return None


def _positional(texts: Sequence[str], start: int, value_flags: frozenset[str]) -> int | None:
    j = start
    while j < len(texts):
        if not texts[j].startswith("-"):
            return j
        j += 2 if texts[j] in value_flags else 1
    return None


# Commands whose arguments are never models: repositories, images, packages, files and text.
_NO_MODEL_COMMANDS = words(
    "git gh docker podman pip pip3 uv conda mamba apt apt-get brew npm npx yarn pnpm curl wget "
    "cd ls mkdir rm cp mv ln cat tee echo printf source chmod chown tar unzip kubectl helm"
)


class _Command:
    """One command's words, with the revision and repo type its flags set."""

    def __init__(self, words: Sequence[Word], variables: dict[str, str]) -> None:
        self.words = words
        self.texts = [w.text for w in words]
        self.variables = variables
        # Words as the shell would run them, where this file says: "$(HF) download" in a
        # Makefile with "HF ?= hf" is "hf download".
        self.names = [_known(text, variables) for text in self.texts]
        revision = next(
            (v for f in _REVISION_FLAGS if (v := _flag_value(self.texts, f)) is not None), None
        )
        self.revision = expand(revision, variables)[0] if revision is not None else None
        self.repo_type = _flag_value(self.texts, "--repo-type")
        self.lm_eval = any(t in _LM_EVAL for t in self.texts)

    def hit(
        self,
        index: int,
        offset: int,
        context: str,
        *,
        legacy: bool,
        ollama: bool = False,
        end: int | None = None,
        revision: str | None = None,
    ) -> Iterator[Hit]:
        raw = self.texts[index][offset:end]
        text, used, complete = expand(raw, self.variables)
        if complete:
            found = text_candidate(text, legacy=legacy, loader=True, ollama=ollama)
        else:
            found = family(text)
        if found is not None:
            found = found.with_revision(revision or self.revision)
            yield Hit(self.words[index], offset, found, context, used, raw)

    def nested(self) -> Iterator[Hit]:
        """Command lines passed as one argument (``--args "--port 8080 --model-id org/name"``,
        ``sh -c "vllm serve org/name"``): their words read as a command of their own, placed
        inside the argument as written. One level deep."""
        for word in self.words:
            text = word.text
            if "\n" in text or " -" not in f" {text}" or " " not in text.strip():
                continue
            for inner in commands(text):
                placed = [
                    Word(w.text, word.line, word.column_at(w.column - 1), w.raw) for w in inner
                ]
                yield from _Command(placed, self.variables).hits()

    def hits(self) -> Iterator[Hit]:
        ruled = list(self._rule_hits())
        yield from ruled
        if (
            self.texts
            and self.names[0] not in _NO_MODEL_COMMANDS
            and self.repo_type
            in (
                None,
                "model",
            )
        ):
            taken = {id(h.word) for h in ruled}
            yield from self._literals(taken)

    def _literals(self, taken: set[int]) -> Iterator[Hit]:
        """Any other ``org/name`` word (``run_server org/name``, ``prefix "org/name"``) as a
        candidate for the Hub to confirm, unless the flag before it names no model."""
        for j in range(1, len(self.texts)):
            text = self.texts[j]
            if id(self.words[j]) in taken or "/" not in text or text.startswith("-"):
                continue
            flag = self.texts[j - 1]
            if flag.startswith("-") and keys.holds_no_model(flag.partition("=")[0]):
                continue
            value, used, complete = expand(text, self.variables)
            found = literal_candidate(value) if complete else None
            if found is not None:
                yield Hit(self.words[j], 0, found, "shell:candidate:literal", used, text, weak=True)

    def _rule_hits(self) -> Iterator[Hit]:
        texts = self.names
        for i, text in enumerate(texts):
            following = texts[i + 1] if i + 1 < len(texts) else ""
            if text in ("hf", "huggingface-cli") and following == "download":
                j = _positional(texts, i + 2, _HF_DOWNLOAD_VALUE_FLAGS)
                if j is not None and self.repo_type in (None, "model"):
                    yield from self.hit(j, 0, f"shell:{text} download", legacy=True)
            elif text == "vllm" and following == "serve":
                # The model comes right after "serve"; later words may be flag values.
                if i + 2 < len(texts) and not texts[i + 2].startswith("-"):
                    yield from self.hit(i + 2, 0, "shell:vllm serve", legacy=True)
            elif text.startswith(SCHEMES):  # hf://org/name, ollama://qwen2.5:7b, any place
                yield from self.hit(i, 0, f"shell:{text.partition('://')[0]}://", legacy=False)
            elif text in ("docker", "podman") and following == "run":
                yield from self._container_args(i + 2)
            elif text in _MODEL_FIRST and (after := self._model_first(i)) is not None:
                yield from self.hit(after, 0, f"shell:{text} {texts[i + 1]}", legacy=True)
            elif text == "ollama" and following in ("pull", "run"):
                j = _positional(texts, i + 2, frozenset())
                if j is not None:
                    yield from self.hit(
                        j, 0, f"shell:ollama {following}", legacy=False, ollama=True
                    )
            elif text.partition("=")[0] in _MODEL_ARGS_FLAGS:
                yield from self._model_args(i)
            elif text.startswith("-"):
                yield from self._flag(i)

    def _container_args(self, start: int) -> Iterator[Hit]:
        """``docker run [options] IMAGE ARGS``: an id among the image's arguments (what a
        serving image's entrypoint is given) is a candidate; the image itself is not a model."""
        image = _positional(self.names, start, _CONTAINER_VALUE_FLAGS)
        if image is None:
            return
        for j in range(image + 1, len(self.texts)):
            text = self.texts[j]
            if text.startswith("-") or (j > image + 1 and self.texts[j - 1].startswith("-")):
                continue  # an option of the entrypoint, or its value
            value, used, complete = expand(text, self.variables)
            found = weak_candidate(value) if complete else None
            if found is not None:
                context = "shell:candidate:docker run"
                yield Hit(self.words[j], 0, found, context, used, text, weak=True)

    def _model_first(self, i: int) -> int | None:
        """The index of the model in ``lmdeploy serve api_server X`` (see _MODEL_FIRST)."""
        texts = self.names
        for words_ in _MODEL_FIRST[texts[i]]:
            end = i + 1 + len(words_)
            if tuple(texts[i + 1 : end]) == words_:
                return _positional(texts, end, frozenset())
        return None

    def _model_args(self, i: int) -> Iterator[Hit]:
        """``--model_args pretrained=X,revision=R,peft=Y``: every model key, at its value."""
        name, eq, _ = self.texts[i].partition("=")
        index, start = (i, len(name) + 1) if eq else (i + 1, 0)
        if index >= len(self.texts):
            return
        pairs = list(key_values(self.texts[index], start))
        revision = next(
            (expand(v, self.variables)[0] for _, k, v in pairs if k == "revision"), None
        )
        for at, key, value in pairs:
            # model= names what an API backend serves: a Hub id only when it has a namespace.
            if key in _MODEL_ARGS_KEYS or key == "model":
                context, end = f"shell:lm_eval {key}", at + len(value)
                legacy = key != "model"
                yield from self.hit(index, at, context, legacy=legacy, end=end, revision=revision)

    def _flag(self, i: int) -> Iterator[Hit]:
        name, eq, inline = self.texts[i].partition("=")
        if eq:
            index, offset = i, len(name) + 1
        elif i + 1 < len(self.texts) and not self.texts[i + 1].startswith("-"):
            index, offset = i + 1, 0
        else:
            return
        if (eq and not inline) or (self.lm_eval and name == "--model"):  # a backend name
            return
        if name in _LLAMA_CPP_REPO_FLAGS:
            value = self.texts[index][offset:].split(":", 1)[0]
            text, used, _ = expand(value, self.variables)
            found = text_candidate(text, legacy=False, loader=False)
            if found is not None:
                context = f"shell:llama.cpp {name}"
                yield Hit(self.words[index], offset, found, context, used, value)
        elif name.startswith("--") and keys.is_model_key(name):
            yield from self.hit(index, offset, f"shell:{name}", legacy=True)


def _known(text: str, variables: dict[str, str]) -> str:
    """``text`` with its variables filled in when all are known, else as written."""
    if "$" not in text and "%" not in text:
        return text
    value, _, complete = expand(text, variables)
    return value if complete else text


def command_hits(words: Sequence[Word], variables: dict[str, str]) -> Iterator[Hit]:
    """The references in one command, and in command lines given to it as one argument."""
    command = _Command(words, variables)
    yield from command.hits()
    yield from command.nested()
