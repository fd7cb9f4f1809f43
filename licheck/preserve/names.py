"""Which names may become paths in the store: model ids, commit shas, and file names from the Hub.

Every name that turns into a folder or file under the destination passes one of these checks
first, so that no name can lead outside it: a model id is two plain segments, a sha is 40 hex
digits, and a repository file name is a relative POSIX path of plain segments (no ``..``, no
absolute or drive path, no backslash, no control character, nothing inside huggingface_hub's
own ``.cache/huggingface`` bookkeeping folder). The checks return the reason a name is refused,
or None; they never touch the disk.
"""

from __future__ import annotations

import re

# Hub ids: letters, digits, "-", "_", "." (no leading or trailing "-" or ".", no "--" or "..");
# the namespace is required here, since the store is laid out as <namespace>/<name>.
_SEGMENT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?")
_SHA = re.compile(r"[0-9a-f]{40}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"[A-Za-z]:")
MAX_PATH = 1024
MAX_SEGMENT = 255
# huggingface_hub keeps its download metadata under local_dir/.cache/huggingface.
_RESERVED_PREFIX = (".cache", "huggingface")


def model_problem(model: str, *, legacy: bool = False) -> str | None:
    """Why ``model`` cannot name a folder of the store (None: it can).

    ``legacy`` also admits an id without a namespace (``gpt2``), as one may be asked for: the
    Hub answers with the namespaced id, and that one names the folder.
    """
    parts = model.split("/")
    if len(parts) != 2 and not (legacy and len(parts) == 1):
        return f"{model!r} is not a Hub model id of the form namespace/name"
    for part in parts:
        if not _SEGMENT.fullmatch(part) or ".." in part or "--" in part:
            return f"{model!r} is not a valid Hub model id"
    return None


def sha_problem(sha: str) -> str | None:
    """Why ``sha`` is not a full commit sha (None: it is one)."""
    return None if _SHA.fullmatch(sha) else f"{sha!r} is not a 40-hex commit sha"


def file_problem(path: str) -> str | None:
    """Why the repository file name ``path`` may not be written under the store (None: it may).

    Refused: empty names, absolute paths, drive letters, backslashes, control characters,
    empty, ``.`` or ``..`` segments, over-long names, and names inside huggingface_hub's own
    bookkeeping folder (a file there would overwrite its download records).
    """
    if not path:
        return "an empty file name"
    if _CONTROL.search(path):
        return "a control character in the name"
    if path.startswith("/") or _DRIVE.match(path):
        return "an absolute path"
    if "\\" in path:
        return "a backslash in the name"
    if len(path.encode("utf-8", "surrogatepass")) > MAX_PATH:
        return f"a name longer than {MAX_PATH} bytes"
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "an empty, '.' or '..' path segment"
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_SEGMENT for part in parts):
        return f"a path segment longer than {MAX_SEGMENT} bytes"
    if tuple(parts[:2]) == _RESERVED_PREFIX:
        return "a name inside huggingface_hub's .cache/huggingface folder"
    return None
