"""Whether the installed huggingface_hub is a release licheck supports.

The supported range is the one licheck's own package metadata declares (``dependencies`` in
pyproject.toml), parsed with ``packaging``. pip keeps to it, but an environment can still end up
outside it (``pip install --no-deps``, a later pin by another package, a conda build), and then
the client may read the Hub's answers differently; ``check_once`` says so, as one warning, before
the first Hub request. It reads package metadata only: it never imports huggingface_hub, and it
never stops a run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from functools import lru_cache

log = logging.getLogger(__name__)

HUB = "huggingface_hub"
_LOCK = threading.Lock()  # the Hub stage's threads ask at once; one of them warns


def unsupported(installed: str, declared: Iterable[str]) -> str | None:
    """Why huggingface_hub ``installed`` is outside the range ``declared`` gives for it
    (requirement strings, as ``importlib.metadata.requires`` lists them); None when it is
    inside, or when ``declared`` names no range for huggingface_hub."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import InvalidVersion, Version

    for line in declared:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        if canonicalize_name(requirement.name) != canonicalize_name(HUB):
            continue
        marker = requirement.marker
        if marker is not None and not marker.evaluate({"extra": ""}):
            continue  # an extra's requirement, or another Python's
        # Lower bounds first, as people write ranges (packaging sorts them as text: "<3,>=0.24").
        bounds = sorted(map(str, requirement.specifier), key=lambda b: not b.startswith(">"))
        wanted = HUB + ",".join(bounds)
        try:
            version = Version(installed)
        except InvalidVersion:
            return f"{HUB} reports the version {installed!r}; licheck supports {wanted}"
        if requirement.specifier.contains(version, prereleases=True):
            return None
        return (
            f"{HUB} {installed} is installed; licheck supports {wanted}, and with another "
            f"release it may misread the Hub's answers: pip install '{wanted}'"
        )
    return None


@lru_cache(maxsize=1)
def _check() -> str | None:
    from importlib import metadata  # here, not at import: it costs an offline run 10 ms

    try:
        installed = metadata.version(HUB)
        declared = metadata.requires("licheck") or []
    except metadata.PackageNotFoundError:  # a source tree that is not installed: nothing to say
        return None
    note = unsupported(installed, declared)
    if note is not None:
        log.warning("%s", note)
    return note


def check_once() -> str | None:
    """Warn (once per process) when the installed huggingface_hub is outside licheck's declared
    range; the warning, or None."""
    with _LOCK:
        return _check()
