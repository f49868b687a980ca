"""codemods/analysis/trees.py: the shared walks give exactly what ast.walk gives, in its order."""
from __future__ import annotations

import ast
from pathlib import Path

from codemods.analysis import trees

NESTED = '''
import os
def f():
    import json
    try:
        from a import b
    except ImportError:
        import c.d as e
    else:
        from . import g
    finally:
        import h
    match x:
        case 1:
            from i import j
    class K:
        import l
        def m(self):
            if y:
                while z:
                    with w:
                        import n
    lambda: __import__("o")
from p import (q, r)
async def s():
    async with t:
        import u
    async for v in w:
        import x
'''


def _imports_by_walk(tree):
    return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]


def test_imports_are_ast_walks_imports_in_its_order():
    tree = ast.parse(NESTED)
    assert trees.imports(tree) == _imports_by_walk(tree)
    assert [ast.unparse(n) for n in trees.imports(tree)][:3] == ["import os", "from p import q, r", "import json"]


def test_imports_of_the_standard_library_match_ast_walk():
    stdlib = Path(ast.__file__).parent
    checked = 0
    for path in sorted(stdlib.glob("*.py"))[:150]:
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError):
            continue
        assert trees.imports(tree) == _imports_by_walk(tree), path
        assert list(trees.walk_module(tree)) == list(ast.walk(tree)), path
        checked += 1
    assert checked > 100


def test_a_tree_is_listed_once_and_its_lists_go_with_it():
    import gc

    tree = ast.parse(NESTED)
    first = trees.imports(tree)
    assert trees.imports(tree) is first
    list(trees.walk_module(tree))
    held = len(trees._IMPORTS), len(trees._BELOW)
    del tree, first
    gc.collect()
    assert (len(trees._IMPORTS), len(trees._BELOW)) == (held[0] - 1, held[1] - 1)
