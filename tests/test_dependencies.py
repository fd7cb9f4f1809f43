"""pyproject.toml declares what licheck imports, and licheck checks the huggingface_hub it runs.

The declared requirements (``dependencies`` and the ``fast`` and ``sign`` extras) must be exactly
the distributions whose modules licheck/ imports; an extra's modules may be imported only where
a missing one is handled (a ``try`` catching ImportError, or inside a function that is called
only when the extra's feature is asked for). ``licheck.hub.supported`` reads the declared
huggingface_hub range with ``packaging`` and warns, once, outside it.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from licheck.hub import supported
from licheck.hub.supported import check_once, unsupported
from tests.hubstub import HubStub

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
EXTRAS = ("fast", "sign")
# Declared but imported by another dependency, not by licheck: model-signing 1.1.1 imports
# OpenSSL without declaring pyOpenSSL.
NOT_IMPORTED = {"pyopenssl"}


def _names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(r).name) for r in requirements}


def _imports() -> dict[str, list[tuple[Path, ast.AST, list[ast.AST]]]]:
    """Third-party top-level module -> (file, import node, its enclosing nodes) in licheck/."""
    found: dict[str, list[tuple[Path, ast.AST, list[ast.AST]]]] = {}

    def visit(path: Path, node: ast.AST, parents: list[ast.AST]) -> None:
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.partition(".")[0]
            if top not in sys.stdlib_module_names and top != "licheck":
                found.setdefault(top, []).append((path, node, parents))
        for child in ast.iter_child_nodes(node):
            visit(path, child, [*parents, node])

    for path in sorted((ROOT / "licheck").rglob("*.py")):
        visit(path, ast.parse(path.read_text(encoding="utf-8")), [])
    return found


IMPORTS = _imports()


@cache
def _distribution(module: str) -> str:
    owners = metadata.packages_distributions().get(module)
    assert owners, f"licheck imports {module!r}, which no installed distribution provides"
    return canonicalize_name(owners[0])


def test_declared_requirements_are_exactly_what_licheck_imports() -> None:
    declared = _names(PROJECT["dependencies"])
    for extra in EXTRAS:
        declared |= _names(PROJECT["optional-dependencies"][extra])
    imported = {_distribution(module) for module in IMPORTS}
    assert imported - declared == set(), "imported but not declared"
    assert declared - imported == NOT_IMPORTED, "declared but never imported"


def _handles_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "Exception") for n in names)


def _in_try(node: ast.AST, parents: list[ast.AST]) -> bool:
    """Whether ``node`` sits in the body of a ``try`` that handles ImportError."""
    for index, parent in enumerate(parents):
        if isinstance(parent, ast.Try) and any(_handles_import_error(h) for h in parent.handlers):
            inner = parents[index + 1] if index + 1 < len(parents) else node
            if any(inner is statement for statement in parent.body):
                return True
    return False


def _guarded(node: ast.AST, parents: list[ast.AST]) -> bool:
    """Imported where a missing module is handled, or only when a feature runs."""
    in_function = any(isinstance(p, ast.FunctionDef | ast.AsyncFunctionDef) for p in parents)
    return in_function or _in_try(node, parents)


@pytest.mark.parametrize("extra", EXTRAS)
def test_an_extras_modules_are_imported_only_where_a_missing_one_is_handled(extra: str) -> None:
    wanted = _names(PROJECT["optional-dependencies"][extra]) - NOT_IMPORTED
    modules = [m for m in IMPORTS if _distribution(m) in wanted]
    assert {_distribution(m) for m in modules} == wanted
    for module in modules:
        for path, node, parents in IMPORTS[module]:
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            assert _guarded(node, parents), f"{where} imports {module} unguarded"


def test_a_module_licheck_can_do_without_is_an_extra() -> None:
    # Every import in a try that handles ImportError: the code has a fallback, so the
    # distribution is optional and belongs in an extra, not in the required dependencies.
    optional = {
        module
        for module, places in IMPORTS.items()
        if all(_in_try(node, parents) for _, node, parents in places)
    }
    assert optional, "no optional import found: this checks nothing"
    required = _names(PROJECT["dependencies"])
    for module in optional:
        assert _distribution(module) not in required, f"{module} has a fallback: make it an extra"


DECLARED = ["huggingface_hub>=0.24.0,<3", "pytest>=8; extra == 'test'", "packaging>=21"]


@pytest.mark.parametrize(
    ("installed", "declared", "problem"),
    [
        ("0.24.0", DECLARED, None),
        ("2.4.0", DECLARED, None),
        ("1.0.0rc1", DECLARED, None),  # a release candidate inside the range is fine
        ("0.23.5", DECLARED, "huggingface_hub 0.23.5 is installed"),
        ("3.0.0", DECLARED, "pip install 'huggingface_hub>=0.24.0,<3'"),
        ("not-a-version", DECLARED, "reports the version 'not-a-version'"),
        ("0.1.0", ["pytest>=8"], None),  # no range declared: nothing to say
        ("0.1.0", ["huggingface-hub>=0.24; extra == 'old'"], None),  # an extra's range
        ("0.1.0", ["Huggingface-Hub>=0.24"], "licheck supports huggingface_hub>=0.24"),
        ("0.1.0", ["not a requirement!", "huggingface_hub>=0.24"], "0.1.0 is installed"),
    ],
)
def test_unsupported_reads_the_declared_range(
    installed: str, declared: list[str], problem: str | None
) -> None:
    note = unsupported(installed, declared)
    if problem is None:
        assert note is None
    else:
        assert note is not None and problem in note


def test_the_installed_huggingface_hub_is_supported() -> None:
    # Both releases CI runs (the newest and the oldest pyproject.toml admits) are in range.
    supported._check.cache_clear()
    try:
        assert check_once() is None
    finally:
        supported._check.cache_clear()


def test_the_version_note_names_the_release_and_the_range() -> None:
    declared = ["huggingface_hub<3,>=0.24.0", "pyyaml>=6"]
    assert unsupported("1.2.0", declared) is None
    note = unsupported("0.20.3", declared)
    assert note is not None and "huggingface_hub 0.20.3 is installed" in note
    assert "pip install 'huggingface_hub>=0.24.0,<3'" in note
    assert unsupported("0.20.3", ['huggingface_hub>=0.24; extra == "x"']) is None


def test_an_unsupported_huggingface_hub_is_warned_about_once_by_a_real_scan(
    hub: HubStub, tmp_path: Path
) -> None:
    """The real CLI in its own process, with the real client, against the stand-in: only the
    installed release's metadata record says 0.20.3 (a dist-info found first on the path, as
    ``pip install --no-deps`` of an old release leaves it), and the Hub stage's workers warn once
    before their first request, then scan as usual."""
    shadow = tmp_path / "shadow" / "huggingface_hub-0.20.3.dist-info"
    shadow.mkdir(parents=True)
    (shadow / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: huggingface_hub\nVersion: 0.20.3\n", encoding="utf-8"
    )
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(
        "from transformers import AutoModel\n"
        'AutoModel.from_pretrained("Qwen/Qwen2.5-7B-Instruct")\n'
        'AutoModel.from_pretrained("Qwen/Qwen2.5-7B")\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGING"))}
    env.update(
        PYTHONPATH=str(shadow.parent),
        HF_ENDPOINT=hub.url,
        HF_HOME=str(tmp_path / "hf_home"),
        LICHECK_CACHE_DIR=str(tmp_path / "cache"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "licheck", "scan", str(project), "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    warned = [line for line in done.stderr.splitlines() if "0.20.3 is installed" in line]
    assert len(warned) == 1, done.stderr
    assert "pip install 'huggingface_hub" in warned[0]
    assert hub.request_count("/api/models/") >= 2  # the scan went on and asked the stand-in
    models = {m["model"]: m["status"] for m in json.loads(done.stdout)["models"]}
    assert models["Qwen/Qwen2.5-7B-Instruct"] == "ok"
