"""The shared records: revision classification and ordering that never raises."""

from __future__ import annotations

import pytest

from licheck.models import ModelKey, PinKind, Reference, Severity, Source, classify_revision


@pytest.mark.parametrize(
    ("revision", "kind"),
    [
        (None, PinKind.NONE),
        ("", PinKind.NONE),
        ("a" * 40, PinKind.COMMIT),
        ("0123abc", PinKind.SHORT_COMMIT),
        ("0123ab", PinKind.BRANCH),  # six hex digits are too short to name a commit
        ("A" * 40, PinKind.BRANCH),  # the Hub's shas are lower-case
        ("main", PinKind.BRANCH),
        ("v1.0", PinKind.BRANCH),
        ("refs/pr/3", PinKind.PULL_REQUEST),
    ],
)
def test_classify_revision(revision: str | None, kind: PinKind) -> None:
    assert classify_revision(revision) is kind
    assert kind.pinned == (kind in (PinKind.COMMIT, PinKind.SHORT_COMMIT))


def test_same_model_with_and_without_revision_sorts() -> None:
    keys = [ModelKey("a/b", Source.HF, "main"), ModelKey("a/b", Source.HF, None)]
    assert [k.revision for k in sorted(keys)] == [None, "main"]
    refs = [
        Reference("x.py", 1, 1, "a/b", Source.HF, "main"),
        Reference("x.py", 1, 1, "a/b", Source.HF, None),
    ]
    assert [r.revision for r in sorted(refs)] == [None, "main"]
    assert refs[1] < refs[0] and refs[0] > refs[1]


def test_severity_order() -> None:
    assert Severity.CRITICAL > Severity.HIGH >= Severity.HIGH > Severity.INFO
    assert sorted([Severity.HIGH, Severity.INFO, Severity.MEDIUM]) == [
        Severity.INFO,
        Severity.MEDIUM,
        Severity.HIGH,
    ]
