"""Hub URLs in text: find_urls gives exactly what the plain regex would, only faster."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licheck.scan.urls import HubUrl, find_urls, parse_hub_url

# The definition find_urls implements by hand (see the comment in urls.py).
ORACLE = re.compile(
    r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/([^\s\"'<>()\[\]{}`,;|\\]+)"
)


def by_regex(text: str) -> list[HubUrl]:
    found = []
    for match in ORACLE.finditer(text):
        parsed = parse_hub_url(match.group(1))
        if parsed is not None:
            found.append(HubUrl(parsed[0], parsed[1], match.start()))
    return found


# Fragments that make hosts, prefixes, glue and separators meet in every order.
PIECES = [
    "https://",
    "http://",
    "www.",
    "huggingface.co/",
    "hf.co/",
    "Qwen/Qwen2.5-7B",
    "gpt2",
    "/resolve/main/x.bin",
    "/tree/",
    "a1b2c3d",
    "x",
    ".",
    "-",
    "_",
    "é",
    " ",
    "\n",
    '"',
    "'",
    "(",
    ")",
    "/",
    "#",
    "?",
    ":",
    ",",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_find_urls_agrees_with_the_regex(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert list(find_urls(text)) == by_regex(text)


@pytest.mark.parametrize(
    "text",
    [
        "see https://huggingface.co/Qwen/Qwen2.5-7B and hf.co/gpt2.",
        "xhttps://huggingface.co/a/b",  # the scheme is glued: the match starts at the host
        "wwww.hf.co/a/b www.hf.co/c/d",
        "https://huggingface.co/a/hf.co/b/c",  # a host inside a path is not a second URL
        "https://huggingface.co/ https://hf.co/org/name/blob/abc1234/x",
        "café.hf.co/a/b -hf.co/a/b _hf.co/a/b (hf.co/a/b)",
        "hf.co/" * 3 + "Qwen/Qwen2.5-7B",
    ],
)
def test_find_urls_on_edge_cases(text: str) -> None:
    assert list(find_urls(text)) == by_regex(text)


def test_find_urls_on_a_large_text_with_few_urls() -> None:
    text = "plain text, no host here. " * 40_000 + "https://huggingface.co/Qwen/Qwen2.5-7B"
    assert [(u.model, u.offset) for u in find_urls(text)] == [("Qwen/Qwen2.5-7B", len(text) - 38)]
