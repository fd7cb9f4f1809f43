"""Which extractor reads a file, told by its path alone.

The scan asks this of every file in the tree, while most runs (a warm re-scan, a pre-commit
hook on a few files) parse nothing or nearly nothing. So the answer lives here, apart from the
extractors, whose modules (parsers, vocabularies, compiled patterns) the registry imports only
when a file of their kind has to be read. Each extractor's ``handles`` is the predicate of its
name here, so the two can never disagree. Only names and suffixes; nothing here opens a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from licheck.scan.text import words

PYTHON_SUFFIXES = frozenset({".py", ".pyw"})  # compared as written: ``X.PY`` is not Python
# Config suffixes and the parser each one needs (configs.py reads the value).
CONFIG_KINDS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".tpl": "yaml",  # Helm templates: YAML once rendered, read line by line until then
    ".json": "json",
    ".jsonc": "json",
    ".toml": "toml",
}
# Formats whose settings are ``key = value`` lines, read like a dotenv file.
KEY_VALUE_SUFFIXES = frozenset({".ini", ".cfg", ".conf", ".properties", ".tf", ".tfvars", ".hcl"})
SHELL_SUFFIXES = words(".sh .bash .zsh .ksh .ps1 .psm1 .bat .cmd .mk .dockerfile .slurm .sbatch")
SHELL_NAMES = words("dockerfile containerfile makefile gnumakefile justfile procfile")
JAVASCRIPT_SUFFIXES = frozenset({".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx"})
# Text files where a Hub URL is worth reporting even though no other extractor reads them.
# (.ini, .cfg, .conf, .properties, .tf, .hcl: the env extractor reads their keys and URLs.)
TEXT_SUFFIXES = words(
    ".txt .go .rs .java .kt .scala .rb .php .cs "
    ".swift .c .cc .cpp .h .hpp .r .jl .lua .sql .gradle .xml .html "
    ".vue .svelte .pyi .pyx"
)
DOCS_SUFFIXES = frozenset({".md", ".mdx", ".markdown", ".rst", ".rest"})


def python(path: PurePosixPath) -> bool:
    """Python sources and stubs."""
    return path.suffix in PYTHON_SUFFIXES


def notebook(path: PurePosixPath) -> bool:
    """Jupyter notebooks."""
    return path.suffix.lower() == ".ipynb"


def modelfile(path: PurePosixPath) -> bool:
    """Ollama Modelfiles by name."""
    name = path.name.lower()
    return name == "modelfile" or name.startswith("modelfile.") or name.endswith(".modelfile")


def env(path: PurePosixPath) -> bool:
    """Dotenv files by name, the other key = value formats by suffix."""
    if path.suffix.lower() in KEY_VALUE_SUFFIXES:
        return True
    name = path.name.lower()
    return name == ".env" or name.startswith(".env.") or name.endswith(".env")


def config(path: PurePosixPath) -> bool:
    """YAML, JSON and TOML by suffix."""
    return path.suffix.lower() in CONFIG_KINDS


def shell(path: PurePosixPath) -> bool:
    """By suffix, or by name for Dockerfile/Makefile and their ``Dockerfile.gpu`` variants."""
    name = path.name.lower()
    return (
        path.suffix.lower() in SHELL_SUFFIXES
        or name in SHELL_NAMES
        or name.split(".", 1)[0] in ("dockerfile", "containerfile")
    )


def javascript(path: PurePosixPath) -> bool:
    """JavaScript and TypeScript by suffix."""
    return path.suffix.lower() in JAVASCRIPT_SUFFIXES


def url_text(path: PurePosixPath) -> bool:
    """Plain text and source files of languages licheck does not parse."""
    return path.suffix.lower() in TEXT_SUFFIXES


def docs(path: PurePosixPath) -> bool:
    """Documentation files by suffix."""
    return path.suffix.lower() in DOCS_SUFFIXES


# Each extractor's name (``Extractor.name``) and the kind of file it reads.
BY_NAME: dict[str, Callable[[PurePosixPath], bool]] = {
    "python": python,
    "notebook": notebook,
    "modelfile": modelfile,
    "env": env,
    "config": config,
    "shell": shell,
    "javascript": javascript,
    "url": url_text,
    "docs": docs,
}
