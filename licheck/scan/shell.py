"""Shell-like text: scripts, Dockerfiles, Makefiles, PowerShell, CI ``run:`` steps.

Finds ``hf download X`` / ``huggingface-cli download X`` (with ``--revision``), ``vllm serve X``,
model flags (``--model``, ``--model-id``, ``--model_name_or_path`` ...), llama.cpp ``-hf X``,
``ollama pull|run X``, lm-eval ``--model_args pretrained=X,peft=Y`` (its ``--model`` names a
backend, not a model), and model-named variables (``ENV MODEL_ID=...``, ``export X=``, ``ARG``).
A model is reported where its id is written: a variable's value at its assignment (the
commands that read it, as the reference's ``uses``), a one-line array's items (``models=(a b)``)
each where it stands, a ``for`` loop variable at each literal item it takes. Never runs anything.
One command's rules live in shellcmd.py; this module reads whole files and scripts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import PurePosixPath

from licheck.records import Reference, Use
from licheck.scan import keys, kinds
from licheck.scan.base import SourceFile, merge_uses
from licheck.scan.literals import text_candidate
from licheck.scan.prefilter import Triggers
from licheck.scan.shellcmd import SCHEMES, Hit
from licheck.scan.shellcmd import command_hits as command_hits  # re-exported for python.py
from licheck.scan.shellwords import (
    Assignment,
    ForLoop,
    Word,
    arrays,
    assignments,
    commands,
    expand,
    for_loop,
    loop_end,
)
from licheck.scan.text import LineIndex
from licheck.scan.urls import url_references

# A word that is one variable and nothing else: $MODEL, ${MODEL}, "$MODEL", Make's $(MODEL).
_WHOLE_VARIABLE = re.compile(r'"?\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)\}|\(([A-Za-z_]\w*)\))"?')


def script_hits(script: Sequence[list[Word]], variables: dict[str, str]) -> Iterator[Hit]:
    """The references in a run of commands, with ``for`` loops over literal items unrolled."""
    i = 0
    while i < len(script):
        loop = for_loop(script[i])
        if loop is None:
            yield from command_hits(script[i], variables)
            i += 1
            continue
        end = loop_end(script, i)
        yield from _loop_hits(loop, script[i + 1 : end], variables)
        i = end + 1


def _loop_hits(
    loop: ForLoop, body: Sequence[list[Word]], variables: dict[str, str]
) -> Iterator[Hit]:
    # The loop variable shadows any assignment of the same name inside the body.
    outer = {k: v for k, v in variables.items() if k != loop.name}
    yield from (h for h in script_hits(body, outer) if loop.name not in h.variables)
    for item in loop.items:
        value, used, complete = expand(item.text, outer)
        if not complete:  # ``$(ls models)``, ``$@``: nothing literal to report
            continue
        for h in script_hits(body, {**outer, loop.name: value}):
            if loop.name not in h.variables:
                continue
            h.variables |= used
            if h.raw in (f"${loop.name}", f"${{{loop.name}}}"):  # the whole value is the item
                h = Hit(item, 0, h.found, h.context, h.variables, item.text)
            yield h


def shell_references(file: SourceFile, lines: LineIndex | None = None) -> list[Reference]:
    """Every reference in shell-like text."""
    lines = lines or LineIndex(file.text)
    assigned = list(assignments(file.text))
    every: dict[str, list[Assignment]] = {}  # each value as written, for _earlier_values
    for a in assigned:
        every.setdefault(a.name, []).append(a)
    variables: dict[str, str] = {}
    for a in assigned:  # ${MODEL:-default} and $OTHER in values, with what is known so far
        known = {k: v for k, v in variables.items() if k != a.name}
        value, _, complete = expand(a.value, known)
        variables[a.name] = value if complete else a.value
    assigned = [replace(a, value=variables.get(a.name, a.value)) for a in assigned]
    written = {a.name: a for a in assigned}  # the assignment whose value is in force
    used: set[str] = set()
    refs: list[Reference] = []
    for h in script_hits(list(commands(file.text)), variables):
        used |= h.variables
        refs.append(hit_reference(file.path, h, written))
        refs += _earlier_values(file.path, h, every)
    refs += _array_items(file.path, file.text, _model_arrays(file.text, assigned))
    for a in assigned:
        if a.name not in used:
            refs += _assigned(file.path, a, lines.line_text(a.line))
    refs += url_references(file, lines, "shell:url")
    return merge_uses(refs)


def _assigned(path: str, a: Assignment, raw: str) -> list[Reference]:
    """A model-named variable no command here reads (another script may): its value, or each
    word of a model list (``opt_models="facebook/opt-125m facebook/opt-1.3b"``)."""
    items = [(a.value, a.column)]
    if a.value.startswith(SCHEMES) and not keys.is_dataset_key(a.name):
        found = text_candidate(a.value, legacy=False, loader=False)
        if found is None:
            return []
        where = (found.model, found.source, found.revision, f"shell:{a.name}")
        return [Reference(path, a.line, a.column, *where)]
    if f"{a.name}=(" in raw[: a.column]:
        return []  # an array: _array_items reads each item
    if keys.is_model_list_key(a.name) and not keys.is_model_key(a.name):
        items = []
        at = a.column - 1
        for word in re.findall(r"[^\s,\"']+", a.value):
            at = raw.find(word, at)
            items.append((word, at + 1 if at >= 0 else a.column))
            at = max(at, 0) + len(word)
    elif not keys.is_model_key(a.name):
        return []
    out = []
    for value, column in items:
        found = text_candidate(value, legacy=True, loader=True, ollama="OLLAMA" in a.name.upper())
        if found is not None:
            out.append(
                Reference(
                    path,
                    a.line,
                    column,
                    found.model,
                    found.source,
                    found.revision,
                    f"shell:{a.name}",
                )
            )
    return out


def _variable_of(raw: str) -> str:
    """The variable a word is made of alone (``$MODEL``, ``"${MODEL}"``, ``$(MODEL)``), or ""."""
    match = _WHOLE_VARIABLE.fullmatch(raw)
    return next((g for g in match.groups() if g), "") if match else ""


def _earlier_values(path: str, h: Hit, every: dict[str, list[Assignment]]) -> list[Reference]:
    """The other values a variable the command reads is given (``case`` branches setting
    ``model_name_or_path`` to a different id each): each is a reference, the command its use."""
    name = _variable_of(h.raw)
    out = []
    for a in every.get(name, [])[:-1]:  # the last one is hit_reference's
        found = text_candidate(a.value, legacy=True, loader=True)
        if found is not None and found.source.on_hub:
            use = Use(h.word.line, h.word.column_at(h.offset), h.context)
            where = (found.model, found.source, found.revision, h.context)
            out.append(Reference(path, a.line, a.column, *where, uses=(use,)))
    return out


def hit_reference(path: str, h: Hit, written: dict[str, Assignment] | None = None) -> Reference:
    """The hit where its id is written: at the assignment (among ``written``) when the value is
    one variable (``vllm serve $MODEL``), with the command as its use; else at the command."""
    f = h.found
    line, column = h.word.line, h.word.column_at(h.offset)
    name = _variable_of(h.raw) if written else ""
    source = written.get(name) if written else None
    if source is None:
        return Reference(
            path, line, column, f.model, f.source, f.revision, h.context, candidate=h.weak
        )
    use = Use(line, column, h.context)
    return Reference(
        path,
        source.line,
        source.column,
        f.model,
        f.source,
        f.revision,
        h.context,
        uses=(use,),
        candidate=h.weak,
    )


_ELEMENT = re.compile(r"^\$\{(\w+)\[")
_MODEL_FLAG_VALUE = re.compile(r"""(--[\w-]+)(?:=|\s+)["']?\$\{?(\w+)\}?""")


def _model_arrays(text: str, assigned: Sequence[Assignment]) -> set[str]:
    """Arrays whose elements a model flag reads through a variable: ``name=${names[$i]}`` and
    then ``--model_name_or_path ${name}`` make ``names`` a list of models."""
    if "[" not in text:
        return set()
    element_of = {}
    for a in assigned:
        match = _ELEMENT.match(a.value)
        if match is not None:
            element_of[a.name] = match.group(1)
    if not element_of:
        return set()
    out: set[str] = set()
    for flag, variable in _MODEL_FLAG_VALUE.findall(text):
        if variable in element_of and keys.is_model_key(flag):
            out.add(element_of[variable])
    return out


def _array_items(path: str, text: str, read_as_models: set[str]) -> Iterator[Reference]:
    """``models=("org/a" "org/b")``: each item of a model-named array (or of one a model flag
    reads, see _model_arrays), where it is written."""
    for array in arrays(text):
        named = keys.is_model_key(array.name) or keys.is_model_list_key(array.name)
        if not named and array.name not in read_as_models:
            continue
        for item in array.items:
            found = text_candidate(item.text, legacy=True, loader=True)
            if found is not None:
                yield Reference(
                    path,
                    item.line,
                    item.column,
                    found.model,
                    found.source,
                    found.revision,
                    f"shell:{array.name}",
                )


TRIGGERS = Triggers(
    b"download",
    b"serve",
    b"-model",
    b"_model",
    b"MODEL",
    b"ollama",
    b"-hf",
    b"hf-repo",
    b"huggingface.co/",
    b"hf.co/",
    b"model",
    b"Model",
    b"-tokenizer",
    b"checkpoint",
    b"name_or_path",
    b"pretrained",
    b"docker run",
    b"podman run",
)


class ShellExtractor:
    """Shell scripts, Dockerfiles, Makefiles, PowerShell and batch files."""

    name = "shell"

    def handles(self, path: PurePosixPath) -> bool:
        """By suffix, or by name for Dockerfile/Makefile and their ``Dockerfile.gpu`` variants."""
        return kinds.shell(path)

    def quick_check(self, data: bytes) -> bool:
        """Only text mentioning a download, a model flag or variable, or the Hub."""
        return TRIGGERS.search(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """References from commands, assignments and URLs."""
        yield from shell_references(file)
