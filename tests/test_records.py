"""The shared records: revision classification and ordering that never raises."""

from __future__ import annotations

import pytest

from licheck.records import (
    ModelKey,
    PinKind,
    Reference,
    Severity,
    Source,
    canonical_revision,
    classify_revision,
)


@pytest.mark.parametrize(
    ("revision", "kind"),
    [
        (None, PinKind.NONE),
        ("", PinKind.NONE),
        ("a" * 40, PinKind.COMMIT),
        ("0123abc", PinKind.SHORT_COMMIT),
        ("0123ab", PinKind.BRANCH),  # six hex digits are too short to name a commit
        ("A" * 40, PinKind.COMMIT),  # git reads hex in either case: still one commit
        ("0123456789ABCDEFabcdef0123456789abcdef01", PinKind.COMMIT),
        ("0123ABC", PinKind.SHORT_COMMIT),
        ("G" * 40, PinKind.BRANCH),
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


def test_a_full_sha_is_one_key_in_either_case() -> None:
    upper = "0123456789ABCDEF0123456789ABCDEF01234567"
    assert canonical_revision(upper) == upper.lower()
    assert ModelKey("a/b", Source.HF, upper) == ModelKey("a/b", Source.HF, upper.lower())
    ref = Reference("x.py", 1, 1, "a/b", Source.HF, upper)
    assert ref.revision == upper and ref.key.revision == upper.lower()  # reported as written
    # A short sha keeps its case: a ref of that exact name would win over it in git.
    assert ModelKey("a/b", Source.HF, "0123ABC").revision == "0123ABC"
    assert canonical_revision("Main") == "Main" and canonical_revision(None) is None
