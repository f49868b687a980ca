"""The byte searches that spare the project pass its ast parses (analysis/project.py, analysis/calls.py).

Each one only decides which files are parsed, so it must find every file the parse would have found something
in (more is allowed): an import of an exported name, a client passed as an argument.
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from codemods.analysis.calls import _may_pass_client
from codemods.analysis.project import _imported_words

ROOT = Path(__file__).resolve().parent.parent

IMPORT_SHAPES = [
    "from app import nylas\n",
    "from app import nylas as mail\n",
    "from app.clients import other, nylas\n",
    "from . import nylas\n",
    "from .. clients import nylas\n",
    "import os; from app import nylas\n",
    "from app import(nylas)\n",
    "from app import (\n    other,  # see f(x)\n    nylas,\n)\n",
    "from app import (other,\n  # a comment ) with a parenthesis\n  nylas)\n",
    "from app import \\\n    nylas\n",
    "from app import \\\r\n    nylas\r\n",
    "from app import other, \\\n    nylas\n",
    "from app import \\\n    (other,\n     nylas)\n",
    "def f():\n    from app import nylas\n    return nylas\n",
    "try:\n    from app import nylas\nexcept ImportError:\n    nylas = None\n",
]


def _from_imported(source: str) -> set:
    return {a.name for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom) for a in node.names}


@pytest.mark.parametrize("source", IMPORT_SHAPES)
def test_every_shape_of_from_import_is_found(source):
    assert "nylas" in _from_imported(source)  # the shape is real Python that imports the name
    assert _imported_words({"nylas", "client"}).search(source.encode())


def test_a_name_used_but_not_imported_is_not_a_reason_to_parse():
    search = _imported_words({"nylas"})
    assert not search.search(b"from nylas import APIClient\nnylas = APIClient('i', 's', 't')\n")
    assert not search.search(b"from app import other  \nx = nylas.threads.all()\n")


def test_every_from_import_of_the_fixtures_is_found():
    """On real shapes of code: each fixture's from-imported names, searched for in the fixture's bytes."""
    checked = 0
    for path in sorted(ROOT.glob("fixtures/**/*.py")):
        raw = path.read_bytes()
        try:
            names = _from_imported(raw.decode("utf-8"))
        except (SyntaxError, UnicodeDecodeError, ValueError):
            continue
        for name in names - {"*"}:
            if name.isascii():
                assert _imported_words({name}).search(raw), (path, name)
                checked += 1
    assert checked > 100


def test_the_import_search_does_not_backtrack_without_end():
    """A search that can match one character two ways takes exponential time on a long failing input
    (a run over websystem never ended): these finish at once."""
    search = _imported_words({"nylas"})
    assert not search.search(b"import (" + b"# # # #  " * 2000 + b"\n" + b"a" * 5000)
    assert not search.search(b"import " + b"\\" * 5000 + b"x")
    assert not search.search(b"import " + b"a b c # " * 3000)


ORIGINS = {"clients": ({"nylas": 3}, set(), set()), "factory": ({"make": 3}, {"make"}, set()),
           "context": ({"Mail": 3}, set(), {"Mail"}), "state": ({"@g.nylas": 3}, set(), set())}


@pytest.mark.parametrize("call", [
    "count_unread(nylas, 'inbox')",
    "count_unread('inbox', nylas)",
    "count_unread(client=nylas)",
    "count_unread(\n    nylas  # the client\n    , 'inbox')",
    "count_unread(nylas \\\n)",
])
def test_a_client_passed_as_an_argument_is_found(call):
    tree = ast.parse(textwrap.dedent(call))
    passed = [a for c in ast.walk(tree) if isinstance(c, ast.Call)
              for a in list(c.args) + [k.value for k in c.keywords]]
    assert any(isinstance(a, ast.Name) and a.id == "nylas" for a in passed)
    raw = ("from app.clients import nylas\n" + call + "\n").encode()
    assert _may_pass_client(raw, None, {"nylas": ("clients", "nylas")}, ORIGINS)
    assert _may_pass_client(("nylas = APIClient()\n" + call + "\n").encode(), ORIGINS["clients"], {}, ORIGINS)


def test_a_module_that_only_calls_its_client_needs_no_parse():
    raw = b"from app.clients import nylas\n\ndef inbox():\n    return nylas.threads.where(in_='inbox').all()\n"
    assert not _may_pass_client(raw, None, {"nylas": ("clients", "nylas")}, ORIGINS)
    assert not _may_pass_client(raw, None, {"nylas": ("state", "@g.nylas")}, ORIGINS)  # app state: no Name
    assert not _may_pass_client(raw, None, {"Mail": ("context", "Mail")}, ORIGINS)  # not followed into calls


def test_with_a_factory_every_module_is_parsed():
    """Names bound to a factory's result are traced whatever they are called: no name to search for."""
    raw = b"from app.factory import make\n\ndef inbox():\n    return make().threads.all()\n"
    assert _may_pass_client(raw, None, {"make": ("factory", "make")}, ORIGINS)
    assert _may_pass_client(b"x = 1\n", ORIGINS["factory"], {}, ORIGINS)
