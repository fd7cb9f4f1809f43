"""The gate's lexer (pylex.py, used by pygate.py) reads real literal tokens only, and doubts.

Id-shaped text in a docstring or a comment does not open the gate; every literal that tokenize
sees, however it is written, still can; and where the one-regex lexer could be wrong (PEP 701
f-strings, unterminated literals, null bytes) it answers "might", so the gate errs towards
parsing.
"""

from __future__ import annotations

import io
import signal
import tokenize

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from licheck.scan import scan_text
from licheck.scan.pygate import _INTERESTING, _in_a_literal, _slashed_or_legacy, could_name_a_model
from licheck.scan.python import PythonExtractor

GATE = PythonExtractor().quick_check


# The gate judges real literal tokens: an id-shaped text in a docstring or a comment is no
# literal the extractor reads (diffusers' EXAMPLE_DOC_STRING blocks are full of them).
TEXT_ONLY = [
    'def load(model):\n    """>>> pipe = X.from_pretrained("org/name")"""\n    return model\n',
    'EXAMPLE_DOC_STRING = """\n    Examples:\n        ```py\n'
    "        >>> model = M.from_pretrained(\n"
    '        ...     "org/name", subfolder="unet"\n        ... )\n        ```\n"""\n',
    '# model = AutoModel.from_pretrained("org/name")\nmodel = None\n',
    "model = None  # or 'org/name', or ~/models, or gpt2\n",
    "def f(model):\n    '''Say 'gpt2' or \"~/models\" here.'''\n",
    # Escaped quotes stay inside their literal; an f-string hole's quotes too.
    'model = "a \\"org/name\\" b"\n',
    "model = f\"{d['k']} and more\"\n",
    # A backslash-newline continues a literal, and a comment after it is code's, not text's.
    'model = "one \\\nand two"  # "org/name"\n',
    # Raw literals end at their quote like any other; CRLF and CR line ends.
    'model = r"C:\\\\dir with space\\\\" + "x y"\r\n# "org/name"\r\n',
    'model = "x y"\r# "org/name"\r',
]


@pytest.mark.parametrize("code", TEXT_ONLY)
def test_id_shaped_text_in_docstrings_and_comments_is_not_parsed(code: str) -> None:
    assert scan_text("app.py", code) == []
    assert not could_name_a_model(code.encode()), code


# Where the one-regex lexer could be wrong, the gate opens: Python 3.12+ f-strings that nest
# their own quote (PEP 701) or hold a comment, unterminated literals, null bytes.
DOUBTS = [
    'model = f"{cfg["org"]}/{name}"\n',
    "model = f'{cfg['org']}/name'\n",
    'model = F"{cfg["a b"]}/{name}"\n',
    'model = rf"{cfg["org"]}"\n',
    'model = t"{cfg["org"]}/{name}"\n',
    'model = f"""{cfg["""org"""]}/x"""\n',
    'model = f"{x # a comment\n}/name"\n',
    'model = "unterminated\n# "org/name"\n',
    'model = """never closed\n# "org/name"\n',
    'model = "x"\x00\n# "org/name"\n',
]


@pytest.mark.parametrize("code", DOUBTS)
def test_the_lexer_answers_might_where_it_cannot_be_sure(code: str) -> None:
    assert _in_a_literal(code.encode()), code


# Literals the lexer must still see as literals, however they are written.
REAL = [
    'm = AutoModel.from_pretrained(b"org-a/m-a".decode())\n',
    "m = AutoModel.from_pretrained('''org-a/m-a''')\n",
    'm = AutoModel.from_pretrained(R"org-a/m-a")\n',
    'm = AutoModel.from_pretrained(u"org-a/m-a")\n',
    '"""Example: from_pretrained("x y")"""\nm = AutoModel.from_pretrained("org-a/m-a")\n',
    '# a "quote\nm = AutoModel.from_pretrained("org-a/m-a")\n',
    "x = 'it''s'\nm = AutoModel.from_pretrained(\"org-a/m-a\")\n",
    's = "a \\\\"\nm = AutoModel.from_pretrained("org-a/m-a")\n',
    's = f"{{x}} {y:>{w}}"\nm = AutoModel.from_pretrained(f"{ORG}/m-a")\n',
    'ORG = "org-a"\ns = "one \\\n two"\nm = AutoModel.from_pretrained(ORG + "/m-a")\n',
    'ORG = "org-a"\r\nm = AutoModel.from_pretrained(f"{ORG}/m-a")\r\n',
]


@pytest.mark.parametrize("code", REAL)
def test_real_literals_open_the_gate_however_written(code: str) -> None:
    assert GATE(code.encode()), code


# Pieces of Python source with every lexing hazard between them; tokenize is the oracle.
_PIECES = [
    "x = ",
    " + ",
    "\n",
    "\r\n",
    "(\n",
    ")\n",
    '# c \'q "org/a"\n',
    "# org/a\n",
    '"org/a"',
    "'org/a'",
    '"a b"',
    "'it\\'s org/a'",
    '"""doc "org/a" \' \'\' """',
    "'''x \"org/a\" ''' ",
    'r"x\\"',
    'b"~/m"',
    'f"{a}/{b}"',
    "f'{d[\"k\"]} v'",
    'f"{{org/a}} {x:>{w}}"',
    '"gpt2"',
    '"transformer"',
    '"line \\\n org/a"',
    '"\\x2f"',
    "x" * 3,
]


def _oracle(code: str) -> bool:
    """Does some real string token (per tokenize) pass the gate's literal test?"""
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.STRING:
            text = token.string.encode()
            found = _INTERESTING.match(
                text, min(i for i in (text.find(b'"'), text.find(b"'")) if i >= 0)
            )
            if found is not None and _slashed_or_legacy(text, found):
                return True
    return False


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12))
def test_the_lexer_sees_every_literal_tokenize_sees(pieces: list[str]) -> None:
    code = "".join(pieces)
    try:
        oracle = _oracle(code)
    except (SyntaxError, tokenize.TokenError):
        return  # not Python: whatever the lexer says, the parser would refuse it
    if oracle:
        assert _in_a_literal(code.encode()), code


# Literals that never close: the lexer fails them in linear time. A body that could split its
# runs of plain characters in many ways took 0.1 s at 20 characters and doubled with each.
NEVER_CLOSED = [
    'x = """' + "a" * 10_000,
    "x = '" + "a" * 10_000,
    'x = f"' + "a" * 10_000 + "{",
    'x = f"""' + "a{b}" * 10_000,
    'x = """' + "a\\\n" * 10_000,
    # A run of slashes: every slash was tried as the one that makes an id (quadratic).
    'x = "' + "a/" * 10_000,
    "x = '" + "a{b}/" * 10_000 + " ",
]


@pytest.mark.parametrize("code", NEVER_CLOSED)
def test_a_literal_that_never_closes_is_a_quick_doubt(code: str) -> None:
    def too_slow(signum: int, frame: object) -> None:
        raise TimeoutError("the lexer backtracks")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        assert _in_a_literal(code.encode())
        could_name_a_model(code.encode())  # the raw-bytes pass, whatever it answers
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
