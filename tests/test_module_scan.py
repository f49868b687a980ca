"""The one-pass scan (module_scan.py) must agree exactly with what it replaces: libcst's PositionProvider,
a ModuleIndex filled by module.visit(), node.visit() for look-only visitors, and the ast.dump comparison
that verify() used for string-only rewrites."""
from __future__ import annotations

import ast

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from libcst._nodes.base import CSTCodegenError

from codemods.engine import _same_but_strings
from codemods.module_index import ModuleIndex, build_index
from codemods.module_scan import UNRECORDED, replay, scan
from codemods.source import Source
from tests.fixture_support import SNAPSHOTS, all_fixtures

FIXTURES = all_fixtures()
# Newline forms a position computation can get wrong: CRLF, lone CR, and no newline at the end.
VARIANTS = {
    "as is": lambda s: s,
    "crlf": lambda s: s.replace("\n", "\r\n"),
    "cr": lambda s: s.replace("\n", "\r"),
    "no final newline": lambda s: s.rstrip("\n"),
    "cr, no final newline": lambda s: s.rstrip("\n").replace("\n", "\r"),
}


def _source(path) -> str:
    return Source.decode(path.read_bytes()).text


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_positions_are_exactly_position_providers(variant):
    checked = 0
    for path in FIXTURES[:: 1 if variant == "as is" else 4]:
        module = cst.parse_module(VARIANTS[variant](_source(path)))
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
        positions, _, _ = scan(module)
        for node, rng in expected.items():
            if type(node) in UNRECORDED:
                assert node not in positions
                continue
            assert positions[node] == rng, (path.name, variant, type(node).__name__)
            checked += 1
    assert checked > 500


def test_positions_of_a_module_libcst_does_not_round_trip():
    text = "try:\n    pass\nexcept ValueError :\n    x = 'a'\n"  # libcst drops the space before the colon
    module = cst.parse_module(text)
    assert module.code != text
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    positions, _, _ = scan(module)
    assert all(positions[node] == rng for node, rng in expected.items() if type(node) not in UNRECORDED)


def _index_fields(index: ModuleIndex):
    ids = lambda nodes: [id(n) for n in nodes]  # noqa: E731
    return (
        ids(index.roots), ids(index.name_additions),
        index.assigned, index.locals, [(k, id(v), s) for k, v, s in index.pairs],
        {k: ids(v) for k, v in index.name_arg_calls.items()}, {k: ids(v) for k, v in index.assignments.items()},
        {k: [(id(c), s) for c, s in v] for k, v in index.json_reads.items()},
        {k: [(id(c), a) for c, a in v] for k, v in index.calls_by_name.items()},
        ids(index.calls), ids(index.imports), ids(index.functions),
        {k: ids(v) for k, v in index.names.items()}, {k: ids(v) for k, v in index.attributes.items()},
    )


def test_parents_from_the_scan_are_libcsts_parents():
    from libcst.metadata import ParentNodeProvider

    checked = 0
    for path in FIXTURES:
        module = cst.parse_module(_source(path))
        expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ParentNodeProvider)
        parents = build_index(module).parents
        recorded = [node for node in expected if type(node) not in UNRECORDED]
        assert list(parents) == [n for n in scan(module)[1].order[1:]], path.name  # every node but the module
        assert len(parents) == len(recorded), path.name
        for node in recorded:
            assert parents[node] is expected[node], (path.name, type(node).__name__)
            checked += 1
        assert parents.get(module) is None and module not in parents
    assert checked > 5000


def test_index_from_the_scan_is_the_index_from_a_visit():
    for path in FIXTURES:
        module = cst.parse_module(_source(path))
        visited = ModuleIndex()
        module.visit(visited)
        assert _index_fields(build_index(module)) == _index_fields(visited), path.name


class _Recorder(cst.CSTVisitor):
    """Records what it is shown; does not enter nested functions (a visit_ returning False)."""

    def __init__(self):
        self.seen = []

    def visit_Call(self, node):
        self.seen.append(node)

    def visit_SimpleString(self, node):
        self.seen.append(node)

    def visit_FunctionDef(self, node):
        self.seen.append(node)
        return node.name.value.startswith("test")  # False for most: their bodies are skipped


def test_replay_shows_a_visitor_what_visit_shows_it():
    compared = 0
    for path in FIXTURES:
        module = cst.parse_module(_source(path))
        _, walk, _ = scan(module)
        for root in [module] + [n for n in walk.order if isinstance(n, (cst.FunctionDef, cst.IndentedBlock))]:
            visited, replayed = _Recorder(), _Recorder()
            root.visit(visited)
            replay(walk, replayed, None if root is module else root)
            assert [id(n) for n in replayed.seen] == [id(n) for n in visited.seen], path.name
            compared += len(visited.seen)
    assert compared > 500


def test_replay_refuses_visitors_it_cannot_run():
    class Leaves(cst.CSTVisitor):
        def leave_Name(self, node):
            pass

    _, walk, _ = scan(cst.parse_module("x = 1\n"))
    with pytest.raises(TypeError):
        replay(walk, Leaves())


class _Strings(ast.NodeTransformer):
    """The comparison verify() made before: collapse every string, then compare dumps."""

    def visit_JoinedStr(self, node):
        return ast.copy_location(ast.Constant(value="<str>"), node)

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(value="<str>"), node)
        return node


def _by_dump(old: str, new: str) -> bool:
    return ast.dump(_Strings().visit(ast.parse(old))) == ast.dump(_Strings().visit(ast.parse(new)))


def test_string_only_comparison_agrees_with_the_dump_comparison():
    pairs = [
        ('f("a")\n', 'f("b")\n'), ('f("a")\n', 'f(f"{b}")\n'), ('f(f"{a}")\n', 'f(f"{b}")\n'),
        ('f("a")\n', 'g("a")\n'), ('f("a", 1)\n', 'f("a", 2)\n'), ('x = 1\n', 'x = 1.0\n'), ('x = 1\n', 'x = True\n'),
        ('x = b"a"\n', 'x = b"b"\n'), ('x = "a"\n', 'x = b"a"\n'), ('f(a)\n', 'f(a, b)\n'), ('a.b\n', 'a.c\n'),
        ('x = u"a"\n', 'x = "a"\n'), ('x = None\n', 'x = ...\n'), ('f(*a)\n', 'f(**a)\n'),
    ]
    for path in FIXTURES:  # each fixture against its own rewrite: string-only ones and SDK ones
        output = SNAPSHOTS / path.parent.name / path.stem / "output.py"
        if output.exists():
            pairs.append((_source(path), _source(output)))
    outcomes = set()
    for old, new in pairs:
        expected = _by_dump(old, new)
        assert _same_but_strings(ast.parse(old), ast.parse(new)) is expected, (old[:60], new[:60])
        outcomes.add(expected)
    assert outcomes == {True, False}


def test_plain_string_values_are_read_as_literal_eval_reads_them():
    from codemods.http_calls import _string_value

    tricky = ['"a"', "'a'", 'u"é"', 'r"a\\b"', '"a\\nb"', 'b"a"', 'rb"a"', '"""a\r\nb"""', "'''x'''", 'R"x"', 'U"y"',
              'Rb"z"', '""', "''''''", '"\\\\"']
    strings = [cst.parse_expression(t) for t in tricky]
    for path in FIXTURES:
        strings += [n for n in scan(cst.parse_module(_source(path)))[1].order if isinstance(n, cst.SimpleString)]
    for node in strings:
        value = node.evaluated_value
        assert _string_value(node) == (value if isinstance(value, str) else None), node.value
    assert len(strings) > 300


def test_leaf_code_is_what_code_for_node_gives():
    from codemods.context import _leaf_code

    checked = 0
    for path in FIXTURES:
        module = cst.parse_module(_source(path))
        for node in scan(module)[1].order:
            leaf = _leaf_code(node)
            if leaf is not None:
                assert leaf == module.code_for_node(node), (path.name, node)
                checked += 1
    parenthesized = cst.parse_expression('("a")')
    assert _leaf_code(parenthesized) is None  # its code includes the parentheses
    assert checked > 1000


def _span_or_error(ctx, node):
    try:
        return ctx.span(node)
    except CSTCodegenError:  # libcst cannot render some nodes alone (an Arg's default comma): none is spanned
        return None
    except Exception as exc:  # noqa: BLE001 - SpanMismatch, or the IndexError of a span past the last line
        return type(exc).__name__


@pytest.mark.parametrize("variant", ["as is", "no final newline", "crlf", "parenthesized"])
def test_span_without_rendering_is_the_span_checked_against_rendering(variant):
    """ctx.span() skips rendering a node when the scan's code is the text and the node's position covers all
    of its code; for every node of every fixture it must give what the rendering check gives."""
    from codemods.context import FileContext
    from codemods.options import Options
    from codemods.rules import load_rules

    rules, checked, mismatches = load_rules(), 0, 0
    for path in FIXTURES:
        text = _source(path)
        if variant == "no final newline":
            text = text.rstrip("\n")
        elif variant == "crlf":
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        elif variant == "parenthesized":
            text = text.replace('("', '(("').replace('")', '"))')  # parenthesized string arguments
        try:
            module = cst.parse_module(text)
        except cst.ParserSyntaxError:
            continue
        fast = FileContext(path.name, text, module, rules, Options())
        slow = FileContext(path.name, text, module, rules, Options())
        slow._code_is_text = False  # always render and compare
        for node in fast.index.nodes.order:
            expected = _span_or_error(slow, node)
            if expected is not None:
                assert _span_or_error(fast, node) == expected, (path.name, variant, type(node).__name__)
                checked += 1
                mismatches += expected == "SpanMismatch"
    assert checked > 3000 and mismatches > 100, (checked, mismatches)
