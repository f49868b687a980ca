"""Jupyter notebooks (.ipynb, nbformat 4): check and fix the code cells, touch nothing else.

Format followed: the nbformat 4 JSON schema (https://nbformat.readthedocs.io/en/latest/format_description.html):
`cells` is a list; a code cell's `source` is a string or a list of lines that join into one.

- The code cells are analysed as one module, in notebook order, so a client built in cell 1 is known in cell 5
  (the kernel shares one namespace). If that module does not parse, each cell is analysed on its own, so one
  broken cell costs only its own findings.
- IPython syntax is masked before analysis with a same-length placeholder of underscores (a valid Python
  name, so positions stay put): line magics `%x`, shell lines `!x`, `x = !cmd`, `obj?` help. A cell that starts
  with a cell magic (`%%bash`, `%%timeit`, ...) is skipped whole. An edit that would touch a masked span, or span
  two cells, makes the notebook FAILED and it is left unchanged.
- `fix` never re-serialises the notebook: each changed cell's `source` value is found in the raw JSON text and
  a re-encoded value is spliced in, in the original's style (list of lines or one string, the same separators
  and indentation, escaped or raw non-ASCII); lines that did not change keep their original bytes. The result
  is checked with json.loads: only those sources may differ, else the notebook is FAILED and left unchanged.
- Findings carry `cell` (1-based, markdown cells count) with line and column inside the cell.
"""
from __future__ import annotations

import codecs
import copy
import difflib
import json
import re
from dataclasses import dataclass, replace
from json.decoder import scanstring
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from codemods.results import FileResult, Finding, Status

# -- IPython syntax ------------------------------------------------------------------------------------------------

_LINE_MAGIC = re.compile(r"^[ \t]*([%!].*)$", re.MULTILINE)  # %time f(), !pip install x
_ASSIGNED_MAGIC = re.compile(r"^[ \t]*[\w.]+(?:[ \t]*,[ \t]*[\w.]+)*[ \t]*=[ \t]*([%!].*)$", re.MULTILINE)
_HELP = re.compile(r"^[ \t]*(\?{1,2}[\w.]+|[\w.]+\?{1,2})[ \t]*$", re.MULTILINE)  # ?obj, obj??


def is_cell_magic(source: str) -> bool:
    return source.lstrip().startswith("%%")


def mask_ipython(source: str) -> Tuple[str, List[Tuple[int, int]]]:
    """The source with IPython-only spans replaced by underscores of the same length, and those spans.

    A shell line ending in a backslash continues on the next line, which is masked too.
    """
    spans = sorted(m.span(1) for pattern in (_LINE_MAGIC, _ASSIGNED_MAGIC, _HELP) for m in pattern.finditer(source))
    merged: List[Tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            continue  # `x = !cmd` also matches as a line starting with a name: one span is enough
        merged.append((start, end))
        while source[start:end].rstrip("\r").endswith("\\") and end < len(source):
            line_end = source.find("\n", end + 1)
            line_end = len(source) if line_end < 0 else line_end
            start = end + 1 + (len(source[end + 1:line_end]) - len(source[end + 1:line_end].lstrip(" \t")))
            end = line_end
            merged.append((start, end))  # the continued line, from its first non-blank character
    masked = list(source)
    for start, end in merged:
        for i in range(start, end):
            if masked[i] not in "\r\n":
                masked[i] = "_"
    return "".join(masked), merged


# -- where each cell's "source" value sits in the raw JSON ---------------------------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|NaN|-?Infinity")


class SpliceError(Exception):
    """The raw JSON is not laid out as this scanner expects: do not write."""


def _skip_ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()


def _items(text: str, i: int) -> Iterator[Tuple[int, int]]:
    """Spans of the values of the array starting at text[i] == '['."""
    i = _skip_ws(text, i + 1)
    if text[i] == "]":
        return
    while True:
        end = _value_end(text, i)
        yield i, end
        i = _skip_ws(text, end)
        if text[i] == "]":
            return
        if text[i] != ",":
            raise SpliceError(f"expected ',' at offset {i}")
        i = _skip_ws(text, i + 1)


def _members(text: str, i: int) -> Iterator[Tuple[str, int, int]]:
    """(key, value start, value end) of the object starting at text[i] == '{'."""
    i = _skip_ws(text, i + 1)
    if text[i] == "}":
        return
    while True:
        if text[i] != '"':
            raise SpliceError(f"expected a key at offset {i}")
        key, i = scanstring(text, i + 1)
        i = _skip_ws(text, i)
        if text[i] != ":":
            raise SpliceError(f"expected ':' at offset {i}")
        start = _skip_ws(text, i + 1)
        end = _value_end(text, start)
        yield key, start, end
        i = _skip_ws(text, end)
        if text[i] == "}":
            return
        if text[i] != ",":
            raise SpliceError(f"expected ',' at offset {i}")
        i = _skip_ws(text, i + 1)


def _value_end(text: str, i: int) -> int:
    char = text[i]
    if char == '"':
        return scanstring(text, i + 1)[1]
    if char == "[":
        end = i
        for _, end in _items(text, i):
            pass
        return text.index("]", end) + 1
    if char == "{":
        end = i
        for _, _, end in _members(text, i):
            pass
        return text.index("}", end) + 1
    m = _SCALAR.match(text, i)
    if not m:
        raise SpliceError(f"unexpected {char!r} at offset {i}")
    return m.end()


def source_spans(text: str) -> Dict[int, Tuple[int, int]]:
    """0-based cell index -> span of that cell's "source" value in the raw text."""
    start = _skip_ws(text, 0)
    cells = next(((s, e) for key, s, e in _members(text, start) if key == "cells"), None)
    if cells is None or text[cells[0]] != "[":
        raise SpliceError("no cells array")
    spans: Dict[int, Tuple[int, int]] = {}
    for index, (s, _) in enumerate(_items(text, cells[0])):
        if text[s] == "{":
            for key, vs, ve in _members(text, s):
                if key == "source":
                    spans[index] = (vs, ve)
    return spans


# -- re-encoding one source value in its original style -----------------------------------------------------------

def _lines(source: str) -> List[str]:
    """nbformat's split: lines keep their "\n"; the last has none."""
    parts = source.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    return out + [parts[-1]] if parts[-1] else out


def _ascii_escaped(text: str) -> bool:
    """Was the file written with ensure_ascii (non-ASCII as \\uXXXX)? nbformat's default is no."""
    if any(ord(c) > 127 for c in text):
        return False
    return re.search(r"\\u(?!00[0-7])[0-9a-fA-F]{4}", text) is not None


def encode_source(raw_value: str, old_value, new_source: str, ascii_only: bool) -> str:
    """The JSON text for new_source, laid out like raw_value (whose decoded value is old_value)."""
    if isinstance(old_value, str):
        return json.dumps(new_source, ensure_ascii=ascii_only)
    elements = list(_items(raw_value, 0))
    if not elements:
        raise SpliceError("an empty source list has no layout to follow")
    old_raw = [raw_value[s:e] for s, e in elements]
    new_lines = _lines(new_source)
    out: List[str] = []
    matcher = difflib.SequenceMatcher(a=list(old_value), b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(old_raw[i1:i2])  # unchanged lines keep their bytes
        else:
            out.extend(json.dumps(line, ensure_ascii=ascii_only) for line in new_lines[j1:j2])
    opening = raw_value[1:elements[0][0]]
    closing = raw_value[elements[-1][1]:-1]
    if len(elements) > 1:
        separator = raw_value[elements[0][1]:elements[1][0]]
    else:
        separator = "," + opening if "\n" in opening else ", "
    return "[" + opening + separator.join(out) + closing + "]"


# -- the pipeline for one notebook ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Cell:
    index: int  # 0-based position among all cells
    source: str  # as in the notebook, IPython syntax included
    masked: str
    magic_spans: Tuple[Tuple[int, int], ...]


def _code_cells(notebook: dict) -> List[_Cell]:
    cells = []
    for index, cell in enumerate(notebook.get("cells") or []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        raw = cell.get("source", "")
        source = "".join(raw) if isinstance(raw, list) else raw
        if not isinstance(source, str) or not source.strip() or is_cell_magic(source):
            continue
        masked, spans = mask_ipython(source)
        cells.append(_Cell(index, source, masked, tuple(spans)))
    return cells


def _is_python(notebook: dict) -> bool:
    meta = notebook.get("metadata") or {}
    language = (meta.get("kernelspec") or {}).get("language") or (meta.get("language_info") or {}).get("name")
    return not language or str(language).lower() == "python"


def _analyse(cells: Sequence[_Cell], display: str, rules,
             options) -> Tuple[List[Finding], Dict[int, str], Optional[str]]:
    """Cells analysed together as one module: (cell-relative findings, cell index -> new source, error)."""
    from codemods.engine import apply_edits, process_source
    from codemods.source import Source

    text, starts, first_lines = "", [], []
    for cell in cells:
        starts.append(len(text))
        first_lines.append(text.count("\n") + 1)
        text += cell.masked if cell.masked.endswith("\n") else cell.masked + "\n"
    result = process_source(Source(text, "utf-8", False), display, rules, options)
    findings = []
    for f in result.findings:
        i = max(k for k, line in enumerate(first_lines) if line <= f.line)
        findings.append(replace(f, line=f.line - first_lines[i] + 1, cell=cells[i].index + 1))
    if result.status is Status.FAILED:
        return findings, {}, result.error or "failed"
    edits_by_cell: Dict[int, list] = {}
    for edit in result.edits:
        i = max(k for k, s in enumerate(starts) if s <= edit.start)
        start, end = edit.start - starts[i], edit.end - starts[i]
        if end > len(cells[i].source) or any(start < me and ms < end or ms <= start < me
                                              for ms, me in cells[i].magic_spans):
            return findings, {}, "a rewrite would touch IPython syntax or the next cell; left unchanged"
        edits_by_cell.setdefault(i, []).append(replace(edit, start=start, end=end))
    new_sources = {}
    for i, edits in edits_by_cell.items():
        new_source, problem = apply_edits(cells[i].source, edits)
        if problem:
            return findings, {}, problem
        if new_source != cells[i].source:
            new_sources[cells[i].index] = new_source
    return findings, new_sources, None


def _run_cells(cells: Sequence[_Cell], display: str, rules, options):
    """All cells as one module; if that fails, each cell alone, so errors name the cell and cost only it."""
    findings, new_sources, error = _analyse(cells, display, rules, options)
    if error is None:
        return findings, new_sources, []
    findings, new_sources, errors = [], {}, []
    for cell in cells:
        found, changed, error = _analyse([cell], display, rules, options)
        findings.extend(found)
        new_sources.update(changed)
        if error is not None:
            errors.append(f"cell {cell.index + 1}: {error}")
    return findings, new_sources, errors


def splice_sources(text: str, notebook: dict, new_sources: Dict[int, str]) -> str:
    """The raw text with the given cells' source values re-encoded in place; verified by json.loads."""
    spans = source_spans(text)
    ascii_only = _ascii_escaped(text)
    out, pos = [], 0
    for index in sorted(new_sources):
        start, end = spans[index]
        old_value = notebook["cells"][index]["source"]
        out.append(text[pos:start])
        out.append(encode_source(text[start:end], old_value, new_sources[index], ascii_only))
        pos = end
    out.append(text[pos:])
    new_text = "".join(out)
    reread = json.loads(new_text)
    expected = copy.deepcopy(notebook)
    for index, source in new_sources.items():
        got = reread["cells"][index]["source"]
        if type(got) is not type(notebook["cells"][index]["source"]):
            raise SpliceError(f"cell {index + 1}: source changed type")
        if ("".join(got) if isinstance(got, list) else got) != source:
            raise SpliceError(f"cell {index + 1}: source does not read back as written")
        expected["cells"][index]["source"] = got
    if reread != expected:
        raise SpliceError("something besides the cell sources changed")
    return new_text


def process_notebook(raw: bytes, display: str, rules, options) -> FileResult:
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
        notebook = json.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:
        return FileResult(display, Status.FAILED, error=f"cannot read the notebook: {exc}")
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return FileResult(display, Status.FAILED, error="not an nbformat 4 notebook (no `cells` list); left unchanged")
    cells = _code_cells(notebook)
    if not cells or not _is_python(notebook):
        return FileResult(display, Status.UNCHANGED)
    findings, new_sources, errors = _run_cells(cells, display, rules, options)
    found = tuple(sorted(set(findings)))
    if errors:
        return FileResult(display, Status.FAILED, findings=found, error="; ".join(errors))
    if not new_sources:
        return FileResult(display, Status.UNCHANGED, findings=found)
    try:
        new_text = splice_sources(text, notebook, new_sources)
    except (SpliceError, ValueError, IndexError, KeyError) as exc:
        return FileResult(display, Status.FAILED, findings=found,
                          error=f"cannot splice the new cell sources ({exc}); left unchanged")
    new_bytes = (codecs.BOM_UTF8 if bom else b"") + new_text.encode("utf-8")
    return FileResult(display, Status.CHANGED, findings=found, old_text=text, new_text=new_text, new_bytes=new_bytes)
