"""What one module, run through the fixers without writing (nylas_data.py), says about Nylas data leaving it:
the origin of every call argument (is it Nylas data, surely or only on some paths?), and of every return of
its top-level functions, asked of analysis/origins.py twice: with every seed, and with only the sure ones
(a parameter or a call that data_apply.py holds is Nylas data only "maybe").
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from codemods.analysis.data_sites import HANDOFF_CALLS, TASK_CALLS, THREADS
from codemods.module_index import dotted_name


def analysis_of(ctx):
    from codemods.analysis import data_apply
    from codemods.analysis.nylas_data import Analysis
    from codemods.analysis.origins import NYLAS, Origins
    from codemods.fixers.fields_replies import _notes, _unwrapped

    seeds = data_apply.seeds_of(ctx)
    held_calls = {k: why for k, why in (seeds.calls.items() if seeds else ()) if why}
    maybe = next((why for _, why in (seeds.regions if seeds else ()) if why), "")
    notes = _notes(ctx)
    reads = [reply.read for reply in notes.replies] + notes.nylas_reads

    def seeds_from(keep):
        return [node for read in reads if keep(read) for node in (read, _unwrapped(ctx, read))]

    every = Origins(ctx, seeds_from(lambda read: True))
    sure = Origins(ctx, seeds_from(lambda read: id(read) not in held_calls), data_apply.received(ctx, held=False))

    def mode(expr) -> Optional[str]:
        if every.of(expr) != NYLAS:
            return None
        return "" if sure.of(expr) == NYLAS else (maybe or "it receives data that is not only Nylas's")

    found = Analysis()
    for call in ctx.index.calls:
        callees = _callees(call)
        if not callees:
            continue
        for arg in call.args:
            for expr in _argument_values(arg.value):
                m = mode(expr)
                if m is not None:
                    line, col = ctx.line_col(expr)
                    found.args[(line, col - 1)] = m
                    found.callees.update(callees)
    replies = {}
    for reply in notes.replies:
        replies[id(reply.read)] = reply
    for function in ctx.index.functions:
        if isinstance(ctx.parent(function), cst.Module):
            result = _returns(ctx, function, mode, replies)
            if result is not None:
                found.returns[function.name.value] = result
    return found


def _callees(call: cst.Call) -> List[str]:
    """The functions a call runs with its arguments: `f(...)`, `f.delay(...)`, `module.f.apply_async(...)`, and
    `tasks.add_task(f, ...)`, `Thread(target=f, args=(...))` (data_sites.py finds the same call sites)."""
    found = [name for name in [_callee(call.func)] if name]
    f = call.func
    if isinstance(f, cst.Attribute) and f.attr.value in HANDOFF_CALLS and call.args and call.args[0].keyword is None:
        found += [name for name in [_callee(call.args[0].value)] if name]
    if (dotted_name(f) or "").split(".")[-1] in THREADS:
        found += [name for a in call.args if a.keyword is not None and a.keyword.value == "target"
                  for name in [_callee(a.value)] if name]
    return found


def _callee(func) -> Optional[str]:
    """`f`, `module.f` for `f(...)`, `f.delay(...)`, `module.f(...)`, `module.f.apply_async(...)`."""
    if isinstance(func, cst.Attribute) and func.attr.value in TASK_CALLS:
        func = func.value
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        return f"{func.value.value}.{func.attr.value}"
    return None


def _argument_values(value):
    yield value
    if isinstance(value, (cst.List, cst.Tuple)):  # apply_async(args=[delta])
        for element in value.elements:
            if isinstance(element, cst.Element):
                yield element.value
    elif isinstance(value, cst.Dict):  # apply_async(kwargs={"delta": delta})
        for element in value.elements:
            if isinstance(element, cst.DictElement):
                yield element.value


class _Returns(cst.CSTVisitor):
    def __init__(self, root):
        self.root, self.found, self.generator = root, [], False

    def visit_FunctionDef(self, node) -> bool:
        return node is self.root  # a nested function's returns are its own

    def visit_Lambda(self, node) -> bool:
        return False

    def visit_ClassDef(self, node) -> bool:
        return False

    def visit_Return(self, node) -> None:
        self.found.append(node)

    def visit_Yield(self, node) -> None:
        self.generator = True


def _neutral(value) -> bool:
    """`return`, `return None`, `return []`, `return {}`: nothing to read fields from."""
    if value is None or (isinstance(value, cst.Name) and value.value == "None"):
        return True
    return isinstance(value, (cst.List, cst.Dict, cst.Tuple)) and not value.elements


def _returns(ctx, function, mode, replies) -> Optional[Tuple[str, str, bool]]:
    """("", resource, many) when every return of the function is surely Nylas data (or nothing), else None."""
    visitor = _Returns(function)
    ctx.walk(visitor, function)
    if visitor.generator:
        return None
    modes, other, kinds = [], None, set()
    for ret in visitor.found:
        if _neutral(ret.value):
            continue
        m = mode(ret.value)
        if m is None:
            other = other or ret
            continue
        modes.append(m)
        reply = _reply_of(ctx, ret.value, replies)
        kinds.add((reply.resource, reply.many) if reply is not None else ("", False))
    if not modes or other is not None or any(modes):
        return None  # some return is not surely Nylas data: its callers' reads are not the pass's to decide
    resource, many = kinds.pop() if len(kinds) == 1 else ("", False)
    return "", resource, many


def _reply_of(ctx, value, replies: Dict[int, object]):
    """The reply (fields_replies.Reply) a returned value is: the read itself, or a name bound once to it."""
    if isinstance(value, cst.Await):
        value = value.expression
    if id(value) in replies:
        return replies[id(value)]
    if isinstance(value, cst.Name):
        from codemods.module_index import scope_stack, scoped_key

        key = scoped_key(ctx.index, value.value, scope_stack(ctx.index.parents, value))
        bound = [v for k, v, _ in ctx.index.pairs if k == key]
        if len(bound) == 1 and bound[0] is not None:
            inner = bound[0].expression if isinstance(bound[0], cst.Await) else bound[0]
            return replies.get(id(inner))
    return None
