"""``huggingface.co/ORG/NAME[/resolve|blob|tree/REV/...]`` URLs, in any text file.

``parse_hub_url`` turns one URL into a model id and revision; ``UrlExtractor`` finds them in
every text file kind the other extractors do not fully own (and, through ``find_urls``, inside
those too). Dataset, Space and documentation URLs are not models. No network access.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote

from licheck.records import Reference, Source
from licheck.scan import kinds
from licheck.scan.base import SourceFile
from licheck.scan.ids import hub_id
from licheck.scan.prefilter import Triggers
from licheck.scan.text import LineIndex, words

# A Hub URL is ``[http(s)://][www.]huggingface.co/PATH`` or the same with ``hf.co``, not glued
# to a word before it, as the regex ``(?<![\w.-])(?:https?://)?(?:www\.)?(?:huggingface\.co|
# hf\.co)/(PATH)`` reads it. That regex may start a match at any character, so the engine tries
# every one (25 MB/s); find_urls looks for the host alone, a literal found at memory speed, and
# checks the rest around it by hand (tests hold the two to the same answers).
_HOST = re.compile(r"(?:huggingface|hf)\.co/")
_PATH = re.compile(r"[^\s\"'<>()\[\]{}`,;|\\]+")
_WORD = re.compile(r"[\w.-]")
_PREFIXES = ("https://www.", "http://www.", "https://", "http://", "www.", "")

# First path segments that are site pages, not model namespaces.
_SITE_PAGES = words(
    "datasets spaces docs blog settings login join pricing learn papers collections "
    "organizations new tasks models posts chat enterprise inference-endpoints search "
    "changelog welcome terms privacy support brand storage-regions hf-api"
    # The old documentation lived under the library's name (huggingface.co/transformers/v4.2.2/).
    " transformers course tokenizers"
)
_REV_MARKERS = frozenset({"resolve", "blob", "tree", "raw", "commit", "edit"})


@dataclass(frozen=True)
class HubUrl:
    """A model named by a URL, where the URL starts in the text (character offset)."""

    model: str
    revision: str | None
    offset: int


def parse_hub_url(path: str) -> tuple[str, str | None] | None:
    """The (model id, revision) for the part of a Hub URL after the host, or None."""
    path = re.split(r"[?#]", path, maxsplit=1)[0].rstrip(".,:;!?*_~'")
    segments = [s for s in path.split("/") if s]
    if len(segments) >= 2 and segments[0] == "api" and segments[1] == "models":
        segments = segments[2:]
        if len(segments) >= 4 and segments[2] == "revision":
            segments[2] = "tree"
    if not segments or segments[0] in _SITE_PAGES or segments[0] == "api":
        return None
    if len(segments) == 1 or segments[1] in _REV_MARKERS:
        model = hub_id(segments[0].removesuffix(".git"), legacy=True)
        rest = segments[1:]
    else:
        model = hub_id(f"{segments[0]}/{segments[1].removesuffix('.git')}")
        rest = segments[2:]
    if model is None:
        return None
    revision = None
    if len(rest) >= 2 and rest[0] in _REV_MARKERS:
        revision = unquote(rest[1])
    return model, revision


def _url_start(text: str, host: int, done: int) -> int | None:
    """Where ``_URL``'s match around the host at ``host`` starts, or None.

    The regex takes the leftmost start: the longest scheme/``www.`` prefix present, not glued
    to a word before it (its lookbehind), and not inside the previous match (ending at ``done``).
    """
    for prefix in _PREFIXES:
        begin = host - len(prefix)
        glued = begin > 0 and _WORD.match(text, begin - 1) is not None
        if begin >= done and text.startswith(prefix, begin) and not glued:
            return begin
    return None


_INFERENCE_HOST = "api-inference."


def _inference_url(text: str, host: int, path: re.Match[str] | None) -> HubUrl | None:
    """``https://api-inference.huggingface.co/models/ORG/NAME``: the serverless Inference API
    runs that Hub model (the only subdomain whose path names one)."""
    begin = host - len(_INFERENCE_HOST)
    if path is None or begin < 0 or text[begin:host] != _INFERENCE_HOST:
        return None
    if not path.group(0).startswith("models/"):
        return None
    parsed = parse_hub_url(path.group(0).removeprefix("models/"))
    if parsed is None:
        return None
    for scheme in ("https://", "http://", ""):
        if text.startswith(scheme, begin - len(scheme)):
            return HubUrl(parsed[0], parsed[1], begin - len(scheme))
    return None


def find_urls(text: str) -> Iterator[HubUrl]:
    """Every Hub model URL in ``text``: the matches of ``_URL.finditer``, found faster."""
    if "huggingface.co/" not in text and "hf.co/" not in text:
        return
    done = 0
    for host in _HOST.finditer(text):
        path = _PATH.match(text, host.end())
        inference = _inference_url(text, host.start(), path)
        if inference is not None:
            done = path.end() if path is not None else done
            yield inference
            continue
        start = _url_start(text, host.start(), done) if path is not None else None
        if path is None or start is None:
            continue
        done = path.end()
        parsed = parse_hub_url(path.group(0))
        if parsed is not None:
            yield HubUrl(parsed[0], parsed[1], start)


def url_references(file: SourceFile, lines: LineIndex, context: str = "url") -> Iterator[Reference]:
    """``find_urls`` as references of source ``url`` with line and column."""
    for url in find_urls(file.text):
        line, column = lines.position(url.offset)
        yield Reference(file.path, line, column, url.model, Source.URL, url.revision, context)


TRIGGERS = Triggers(b"huggingface.co/", b"hf.co/")


class UrlExtractor:
    """Hub URLs in source and text files that have no dedicated extractor."""

    name = "url"

    def handles(self, path: PurePosixPath) -> bool:
        """Plain text and source files of languages licheck does not parse."""
        return kinds.url_text(path)

    def quick_check(self, data: bytes) -> bool:
        """Only files that mention the Hub's host."""
        return TRIGGERS.search(data)

    def extract(self, file: SourceFile) -> Iterator[Reference]:
        """Every Hub URL in the file."""
        yield from url_references(file, LineIndex(file.text))
