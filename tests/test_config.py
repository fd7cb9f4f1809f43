"""[tool.licheck] parsing: every mistake names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from licheck.config import KEEP, Config, find_pyproject, load_config, parse_severity
from licheck.errors import ConfigError
from licheck.records import Severity


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_defaults_without_file_or_table(tmp_path: Path) -> None:
    assert load_config(None) == Config()
    assert load_config(write(tmp_path, "[project]\nname = 'x'\n")) == Config()


def test_values_are_read(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            '[tool.licheck]\nfail_on = "medium"\nexclude = ["a/**"]\noffline = true\n'
            'rules = ["team"]\ncache_ttl_hours = 2\nworkers = 3\nhistory_limit = 5\n',
        )
    )
    assert config.fail_on is Severity.MEDIUM
    assert config.exclude == ("a/**",)
    assert config.offline is True
    assert config.rules == ((tmp_path / "team").resolve(),)
    assert config.cache_ttl_hours == 2 and config.workers == 3 and config.history_limit == 5


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('fail_onn = "high"', "fail_onn"),
        ('fail_on = "severe"', "fail_on"),
        ("offline = 1", "offline"),
        ("workers = true", "workers"),
        ("workers = 0", "workers"),
        ('exclude = "a/**"', "exclude"),
        ("exclude = [1, 2]", "exclude"),
        ("cache_ttl_hours = 'soon'", "cache_ttl_hours"),
    ],
)
def test_mistakes_name_the_file_and_key(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, f"[tool.licheck]\n{body}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert needle in str(info.value) and str(path) in str(info.value)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "[tool.licheck\n"))


def test_never_and_overrides() -> None:
    assert parse_severity("never", "--fail-on") is None
    assert parse_severity(" HIGH ", "--fail-on") is Severity.HIGH
    config = Config().with_overrides(fail_on=None, offline=KEEP)
    assert config.fail_on is None and config.offline is False


def test_find_pyproject_from_file_or_dir(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    (tmp_path / "a.py").write_text("")
    assert find_pyproject(tmp_path) == path
    assert find_pyproject(tmp_path / "a.py") == path
    assert find_pyproject(tmp_path / "sub" / "nowhere") is None
