"""The LICENSE file of each referenced model at its commit, downloaded once per distinct text.

A LICENSE file is read through the Hub's resolver (a file download, not an API call). Many
repos carry the same text (a publisher's sizes, the quantizations that copy it): when the Hub
listed the file's git blob id, one download serves every repo that lists the same id, in this
run (``license_blob`` fact, kept forever: a blob id names its bytes) and the next. Each model's
file is also kept by commit and path (``license_file`` fact), which is what a later run, whose
lookups come from the cache without blob ids, reads. A refusal is a note on the slot, never an
exception; a gated repo's file is always asked for, so the note says what the gate means.
It must not import huggingface_hub.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from licheck.hub.blobs import git_blob_id
from licheck.hub.facts import Resolved
from licheck.hub.history import license_file_from_json
from licheck.hub.outcomes import GATED_FILE, Failed
from licheck.hub.scheduler import Run, Slot, offline_reason
from licheck.records import LicenseFile, Status

HEAD_BYTES = 4096
NO_LICENSE_FILE = "no LICENSE file in the repo at this revision"
BLOB_FACT = "license_blob"  # fact kind: {"sha256", "head"} of one git blob id
Text = tuple[str, str]  # (sha256, head)


class LicenseTexts:
    """The LICENSE lookups of one ``Run``: ``want`` a slot, then read ``files`` and ``notes``."""

    def __init__(self, run: Run) -> None:
        self.run = run
        self.files: dict[Slot, LicenseFile] = {}
        self.notes: dict[Slot, dict[str, str]] = {}
        self._asked: set[Slot] = set()
        self._texts: dict[str, Text] = {}  # by blob id, this run
        self._waiting: dict[str, list[Callable[[Text | None], None]]] = {}

    def want(self, slot: Slot, resolved: Resolved) -> None:
        """Find the LICENSE file of a referenced ok ``slot`` (once per slot)."""
        if slot in self._asked:
            return
        self._asked.add(slot)
        model, sha = slot[0], resolved.record.sha
        notes = self.notes.setdefault(slot, {})
        if not resolved.license_paths or not sha:
            notes["license_file"] = NO_LICENSE_FILE
            return
        path = resolved.license_paths[0]
        key = f"{model}@{sha}:{path}"
        cached = self.run.fact("license_file", key)
        if cached is not None:
            try:
                found = license_file_from_json(cached)
            except (TypeError, KeyError):
                found = None
            if isinstance(found, LicenseFile):
                self.files[slot] = found
                return
            # A refusal seen without a token is asked again once there is one (gates open).
            signed_in = isinstance(cached, dict) and cached.get("signed_in") is True
            if isinstance(found, str) and not self.run.asked_as_stranger(signed_in):
                notes["license_file"] = found
                return
        blob = resolved.license_blob if not resolved.record.gated else None
        if blob is not None and self._shared(slot, path, key, blob):
            return
        if self.run.settings.offline:
            notes["license_file"] = offline_reason(self.run.cache)
            return
        self._download(slot, path, key, blob)

    def _shared(self, slot: Slot, path: str, key: str, blob: str) -> bool:
        """Serve ``slot`` from a text already known (or on its way) under ``blob``."""

        def serve(text: Text | None) -> None:
            if text is None:  # the download of that text failed: ask for this repo's own
                if not self.run.settings.offline:
                    self._download(slot, path, key, None)
                return
            self._found(slot, path, key, text)

        if blob in self._texts:
            serve(self._texts[blob])
            return True
        if blob in self._waiting:
            self._waiting[blob].append(serve)
            return True
        cached = self.run.fact(BLOB_FACT, blob)
        if isinstance(cached, dict) and isinstance(cached.get("sha256"), str):
            text = (cached["sha256"], str(cached.get("head", "")))
            self._texts[blob] = text
            serve(text)
            return True
        return False

    def _found(self, slot: Slot, path: str, key: str, text: Text) -> None:
        found = LicenseFile(path, text[0], text[1])
        self.files[slot] = found
        value = {"path": found.path, "sha256": found.sha256, "head": found.head}
        self.run.keep("license_file", key, value, immutable=True)

    def _download(self, slot: Slot, path: str, key: str, blob: str | None) -> None:
        run, model = self.run, slot[0]
        sha = key.rsplit("@", 1)[1].split(":", 1)[0]
        notes = self.notes.setdefault(slot, {})
        if blob is not None:
            self._waiting[blob] = []

        def landed(answer: bytes | Failed) -> None:
            waiters = self._waiting.pop(blob, []) if blob is not None else []
            if isinstance(answer, Failed):
                note = GATED_FILE if answer.gated else f"could not download {path}: {answer.reason}"
                notes["license_file"] = note
                if answer.gated or answer.status is Status.UNAVAILABLE:
                    refusal = {"note": note, "signed_in": run.signed_in()}
                    self.run.keep("license_file", key, refusal, immutable=False)
                for waiter in waiters:
                    waiter(None)
                return
            head = answer[:HEAD_BYTES].decode("utf-8", errors="replace").rstrip("\ufffd")
            text = (hashlib.sha256(answer).hexdigest(), head)
            self._found(slot, path, key, text)
            # Shared only when the bytes are what the listing named: a Hub that lists one id
            # and serves other bytes gets each repo's file asked on its own.
            if blob is not None and git_blob_id(answer) == blob:
                self._texts[blob] = text
                self.run.keep(BLOB_FACT, blob, {"sha256": text[0], "head": text[1]}, immutable=True)
                for waiter in waiters:
                    waiter(text)
            else:
                for waiter in waiters:
                    waiter(None)

        # The network module loads with the first question: an offline run asks none.
        from licheck.hub.client import fetch_file

        run.submit(lambda: fetch_file(model, sha, path, run.conn), landed)
