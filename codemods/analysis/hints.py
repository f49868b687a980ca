"""`# nylas-upgrade: client` hints: the user says that a name holds a v2 APIClient where the tool cannot trace it.

Syntax, a comment after the code of the line that binds the name (or alone on the line above it):

    client = registry.client_for(user)  # nylas-upgrade: client
    def count_unread(nylas, folder):  # nylas-upgrade: client=nylas
    self.mail = mail  # nylas-upgrade: client=self.mail

Bare, it marks every name the line assigns (`a = b = ...`, `self.x = ...`); with `=name[,name]` it marks those of
the names the line binds, parameters included (a parameter is matched on the line of its own name, so a signature
split over lines takes the hint on the parameter's line). A hint that marks nothing is reported.

The tool cannot see which constructor built a hinted client, so the hint decides no move on its own: its uses are
rewritten only when every v2 client of its project (import root) moves with all its uses, in a run over that
project (hint_plan.py); otherwise each is reported (SDK095), and a hinted use that cannot be rewritten keeps every
client of the project on v2 (SDK090 names it), so a hint never moves a client half-way.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

import libcst as cst

MARK = b"nylas-upgrade: client"
_HINT = re.compile(r"#\s*nylas-upgrade:\s*client\b(?:\s*=\s*([\w.]+(?:\s*,\s*[\w.]+)*))?")
_NEWLINE = re.compile(r"\r\n|\r|\n")
HINT_KIND = "hint"


def hinted_lines(text: str) -> Dict[int, Optional[Tuple[str, ...]]]:
    """1-based line -> the names the hint lists (None: every name the line assigns)."""
    if "nylas-upgrade:" not in text:
        return {}
    out = {}
    for number, line in enumerate(_NEWLINE.split(text), start=1):
        m = _HINT.search(line)
        if m and "#" not in line[:m.start()]:  # its own comment, not quoted in another (a TODO naming SDK095)
            # after code it marks its own line; alone on a line, the line below (as `ignore` does)
            target = number if line[:m.start()].strip() else number + 1
            out[target] = tuple(n.strip() for n in m.group(1).split(",")) if m.group(1) else None
    return out


def hinted_functions(raw: bytes) -> set:
    """Names of the functions (and classes, for __init__) of a module with a parameter a hint names: a client
    passed to them is not "handed to code the tool cannot follow" when the hints move (hint_plan.py)."""
    import ast

    try:
        text = raw.decode("utf-8", "replace")
        lines = hinted_lines(text)
        tree = ast.parse(raw) if lines else None
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return set()
    out = set()
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, ast.FunctionDef) and inner.name == "__init__" and _names_param(inner, lines):
                    out.add(node.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name != "__init__" and (
                _names_param(node, lines)):
            out.add(node.name)
    return out


def _names_param(func, lines) -> bool:
    a = func.args
    return any(lines.get(p.lineno) and p.arg in lines[p.lineno] for p in a.posonlyargs + a.args + a.kwonlyargs)


def hint_keys(ctx) -> Dict[Tuple[int, str], int]:
    """Scoped keys (module_index) of the hinted names -> the hint's line."""
    return _matched(ctx)[0]


def _matched(ctx):
    from codemods.module_index import attr_key

    lines = hinted_lines(ctx.text)
    keys: Dict[Tuple[int, str], int] = {}
    used = set()
    if not lines:
        return keys, lines, used
    for key, value, _ in ctx.index.pairs:  # name = value, self.attr = value
        stmt = _statement(ctx, value)
        if stmt is None or not isinstance(stmt, (cst.Assign, cst.AnnAssign)):
            continue
        line = _last_line(ctx, stmt)
        if line not in lines:
            continue
        targets = [t.target for t in stmt.targets] if isinstance(stmt, cst.Assign) else [stmt.target]
        for target in targets:
            name = target.value if isinstance(target, cst.Name) else (
                "self." + target.attr.value if attr_key(target) else None)
            written = (0, attr_key(target)) if attr_key(target) else key
            if name is not None and written == key and (lines[line] is None or name in lines[line]):
                keys[key] = line
                used.add(line)
    for func in ctx.index.functions:  # parameters: only when named
        for p in list(func.params.posonly_params) + list(func.params.params) + list(func.params.kwonly_params):
            line = ctx.line_col(p.name)[0]
            if lines.get(line) and p.name.value in lines[line]:
                keys[(id(func), p.name.value)] = line
                used.add(line)
    return keys, lines, used


def _statement(ctx, node):
    cur = ctx.parent(node)
    while cur is not None and not isinstance(cur, cst.BaseSmallStatement):
        if isinstance(cur, (cst.BaseCompoundStatement, cst.Module)):
            return None
        cur = ctx.parent(cur)
    return cur


def _last_line(ctx, node) -> int:
    """The line a trailing comment of the statement sits on (its last line)."""
    start, end = ctx.span(node)
    return ctx.line_col(node)[0] + ctx.text.count("\n", start, end) if "\n" in ctx.text[start:end] else (
        ctx.line_col(node)[0])


def report_unmatched(ctx, sdk) -> None:
    """A hint that marks no name of its line says so (the user meant to help; silence would mislead)."""
    keys, lines, used = _matched(ctx)
    rule = sdk.notes.get("client_hinted")
    if rule is None:
        return
    texts = _NEWLINE.split(ctx.text)
    for line in sorted(set(lines) - used):
        from codemods.results import Finding

        named = ", ".join(lines[line]) if lines[line] else "the names it assigns"
        at = line if line <= len(texts) and _HINT.search(texts[line - 1]) else line - 1  # alone: the line above
        column = _HINT.search(texts[at - 1]).start() + 1
        ctx.findings.append(Finding(
            ctx.path, at, column, rule.id, f"this `# nylas-upgrade: client` hint marks no name ({named}) bound "
            "on its line, so it changes nothing: put it after an assignment (`client = ...  # nylas-upgrade: "
            "client`) or on the line of the parameter it names (`def f(nylas):  # nylas-upgrade: client=nylas`)",
            rule.doc_url, False))


def where(ctx, line: int) -> str:
    return f"{ctx.path}:{line}"


def plan_keys(ctx, plan, migrate: bool) -> Dict[Tuple[int, str], str]:
    """The hinted keys of this module when the project pass decided the hints (migrate: moving or held)."""
    if plan is None or not any(kind == HINT_KIND and p.migrate == migrate for _, kind, p in plan.imported):
        return {}
    return {key: f"the `# nylas-upgrade: client` hint on line {line}" for key, line in hint_keys(ctx).items()}


def hint_reason(plan) -> str:
    return next((p.reason for _, kind, p in plan.imported if kind == HINT_KIND and not p.migrate), "") if plan else ""


def unplanned_keys(ctx, plan) -> List[Tuple[int, str]]:
    """Hinted keys where no project pass decided them (a run over a few files, or without any v2 client)."""
    if plan is not None and any(kind == HINT_KIND for _, kind, _ in plan.imported):
        return []
    return list(hint_keys(ctx))


def report_unhinted(ctx, sdk, walk_class, is_traced) -> None:
    """In a module whose hints stay on v2: the v2-looking collection calls on receivers no hint marks, each
    reported where it is (SDK045), as a moving module reports them (they hold the hints back: hint_plan.py)."""
    from codemods.analysis.plan import module_plan
    from codemods.fixers import sdk_model_use
    from codemods.fixers.sdk import COLLECTIONS, collection_calls

    plan = module_plan(ctx.options, ctx.path)
    if not hint_reason(plan):
        return
    said = {(f.line, f.column) for f in ctx.findings}
    for call, recv, _, _, _, _ in collection_calls(walk_class(ctx, sdk.imp.get("old_name"))):
        if not is_traced(recv) and not sdk_model_use.is_chain_on_client(recv, COLLECTIONS) and (
                ctx.line_col(call) not in said):
            sdk.note(call, "unresolved_client")
