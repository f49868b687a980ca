"""Kinds `sdk_error_handler` and `sdk_error_note`: error handling around Nylas SDK calls that nylas 6 no longer triggers.

Follows ../shared/reference/sdk_mapping.md ("Errors") and nylas-python's UPGRADE.md: in nylas 5.x
`NylasApiError` subclasses `requests.HTTPError`; in 6.x `nylas.models.errors.NylasApiError` does not, and has
`.status_code`, `.type`, `.request_id` instead of `.response`. So, around a call on a traced client of a module
that is (or is being moved) on nylas 6:

- `except HTTPError` / `except requests.exceptions.HTTPError` (or `RequestException`) stops catching the
  call's errors (`when: http_error`). Rewritten to `except NylasApiError` (imported from nylas.models.errors)
  only where the try body makes Nylas calls and nothing else, and the handler reads the error only as
  `e.response.status_code` (→ `e.status_code`); reported otherwise.
- `backoff.on_exception(..., HTTPError)` and tenacity's `retry_if_exception_type(HTTPError)` on a function
  that makes Nylas calls stop retrying them (`when: retry`): reported at the HTTPError argument.
- `e.response...` read in another handler of such a try (`except NylasApiError as e`, `except Exception as e`):
  v6 errors have no `.response` (`when: response_status`); `e.response.status_code` under `except NylasApiError`
  becomes `e.status_code`.
- `"401" in str(e)` in such a handler (`when: error_text`): the v5 error's text carried the HTTP status, v6
  errors carry it in `.status_code`.
- v5 error classes named by dotted path (`except nylas.client.errors.MessageRejectedError`), in any module that
  imports nylas (`when: dotted_v5_error`): v6 has no nylas.client package.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional

import libcst as cst

from codemods.context import FileContext
from codemods.http_calls import _string_value
from codemods.module_index import dotted_name
from codemods.rules import Rule

KINDS = ("sdk_error_handler", "sdk_error_note")
HTTP_ERRORS = {"HTTPError", "RequestException"}
REQUESTS_MODULES = {"requests", "requests.exceptions"}
V5_ERRORS = "nylas.client.errors"
V6_ERRORS = "nylas.models.errors"
V6_ERROR = "NylasApiError"
# Calls that cannot raise a requests error, allowed next to Nylas calls in a try body that is rewritten.
HARMLESS = {"str", "int", "float", "bool", "len", "list", "dict", "tuple", "set", "print", "isinstance", "repr"}
_NEWLINE = re.compile(r"\r\n|\r|\n")
_STATUS_TEXT = re.compile(r"\s*([1-5][0-9][0-9])\b.*", re.S)  # "401", "404 Not Found", "429 Too Many Requests"


def run(ctx: FileContext, rules: List[Rule]) -> None:
    if "nylas" not in ctx.text:
        return
    by_when = {r.get("when"): r for r in rules}
    if "nylas.client.errors." in ctx.text and by_when.get("dotted_v5_error") is not None:
        _dotted_v5_errors(ctx, by_when["dotted_v5_error"])
    if not any(word in ctx.text for word in ("HTTPError", "RequestException", ".response")):
        return
    from codemods.analysis.sdk_calls import SdkCalls

    sdk = SdkCalls(ctx, ctx.rules.rules)
    if not sdk.keys or not sdk.on_v6:
        return  # a module kept on v2 still runs on nylas 5, where these handlers work
    names = _imported_names(ctx)
    handlers = _Handlers(ctx, sdk, names, by_when)
    for node in ctx.index.nodes.order:
        if isinstance(node, cst.Try):
            handlers.try_statement(node)
        elif isinstance(node, cst.FunctionDef) and node.decorators and by_when.get("retry") is not None:
            handlers.retry_decorators(node, by_when["retry"])


def _dotted_v5_errors(ctx: FileContext, rule: Rule) -> None:
    """`nylas.client.errors.X` read outside an import: v6 has no nylas.client package."""
    for node in ctx.index.attributes.get("errors", []):
        if dotted_name(node) not in (V5_ERRORS, "nylas_legacy.client.errors") or ctx.in_import(node):
            continue
        parent = ctx.parent(node)
        named = parent if isinstance(parent, cst.Attribute) and parent.value is node else node
        what = dotted_name(named)
        ctx.report(named, rule, f"{what}: {rule.message}")


def _imported_names(ctx: FileContext) -> Dict[str, str]:
    """Local name → dotted origin of every from-import and `import x as y` (`HTTPError` → requests.HTTPError)."""
    names: Dict[str, str] = {}
    for stmt in ctx.index.imports:
        if isinstance(stmt, cst.ImportFrom) and not stmt.relative and not isinstance(stmt.names, cst.ImportStar):
            module = dotted_name(stmt.module) or ""
            for alias in stmt.names:
                origin = f"{module}.{dotted_name(alias.name)}"
                names[alias.asname.name.value if alias.asname else dotted_name(alias.name)] = origin
        elif isinstance(stmt, cst.Import):
            for alias in stmt.names:
                full = dotted_name(alias.name) or ""
                if alias.asname:
                    names[alias.asname.name.value] = full
                else:
                    names.setdefault(full.split(".")[0], full.split(".")[0])
    return names


def _origin(expr: cst.BaseExpression, names: Dict[str, str]) -> Optional[str]:
    """The dotted name an exception expression refers to, through the module's imports."""
    dotted = dotted_name(expr)
    if not dotted:
        return None
    head, _, rest = dotted.partition(".")
    if head not in names:
        return None
    return names[head] + ("." + rest if rest else "")


def is_http_error(expr: cst.BaseExpression, names: Dict[str, str]) -> bool:
    origin = _origin(expr, names) or ""
    module, _, name = origin.rpartition(".")
    return module in REQUESTS_MODULES and name in HTTP_ERRORS


def _caught(handler: cst.ExceptHandler) -> List[cst.BaseExpression]:
    if handler.type is None:
        return []
    if isinstance(handler.type, cst.Tuple):
        return [e.value for e in handler.type.elements]
    return [handler.type]


class _Handlers:
    def __init__(self, ctx: FileContext, sdk, names: Dict[str, str], by_when: Dict[str, Rule]):
        self.ctx, self.sdk, self.names, self.by_when = ctx, sdk, names, by_when
        self.import_added = False

    def try_statement(self, node: cst.Try) -> None:
        calls = [c for stmt in node.body.body for c in self.sdk.calls_in(stmt)]
        if not any(self.sdk.is_nylas_call(c) for c in calls):
            return
        only_nylas = all(self.sdk.is_nylas_call(c) or self._harmless(c) for c in calls)
        for handler in node.handlers:
            if self.by_when.get("error_text") is not None:
                self._error_text(handler, self.by_when["error_text"])
            caught = _caught(handler)
            http = [e for e in caught if is_http_error(e, self.names)]
            if http and self.by_when.get("http_error") is not None:
                self._http_error(handler, http, caught, only_nylas, self.by_when["http_error"])
            elif self.by_when.get("response_status") is not None:
                self._response_reads(handler, caught, self.by_when["response_status"])

    def _harmless(self, call: cst.Call) -> bool:
        return isinstance(call.func, cst.Name) and call.func.value in HARMLESS and call.func.value not in self.names

    # -- except HTTPError ----------------------------------------------------------------------------------
    def _http_error(self, handler, http, caught, only_nylas: bool, rule: Rule) -> None:
        reads = _error_reads(self.ctx, handler)
        fixable = (self.sdk.v6_written and only_nylas and len(caught) == 1 and (_origin(http[0], self.names) or "").endswith(".HTTPError")
                   and reads is not None and all(_status_read(self.ctx, r) is not None for r in reads))
        error_name = self._v6_error_name() if fixable else None
        spans = [self.ctx.span(handler.type)] + [self.ctx.span(_status_read(self.ctx, r)) for r in reads or ()] \
            if error_name is not None else []
        if error_name is None or not all(self._free(*s) for s in spans):
            self.ctx.report(http[0], rule, fixable=False)
            return
        self._add_import_if_needed(rule)
        start, end = spans[0]
        self.ctx.edit(start, end, error_name, rule)
        for read, (start, end) in zip(reads, spans[1:]):
            self.ctx.edit(start, end, f"{read.value}.status_code", rule)
        what = f"except {self.ctx.module.code_for_node(handler.type)} around a Nylas SDK call → except {error_name}"
        self.ctx.report(http[0], rule, what + (", e.response.status_code → e.status_code" if reads else "")
                        + ": nylas 6 errors are not requests exceptions")

    def _v6_error_name(self) -> Optional[str]:
        """The local name of v6's NylasApiError: imported already (from nylas.models.errors, or from
        nylas.client.errors where SDK063 moves the import), else NylasApiError with an import added after the
        module's top-level `from nylas import ...` (None when there is none to put it after)."""
        for local, origin in self.names.items():
            if origin in (f"{V6_ERRORS}.{V6_ERROR}", f"{V5_ERRORS}.{V6_ERROR}") and self._moved_or_v6(origin):
                return local
        if V6_ERROR in self.names or self._import_anchor() is None:
            return None
        return V6_ERROR

    def _moved_or_v6(self, origin: str) -> bool:
        if origin.startswith(V6_ERRORS):
            return True
        return any(self.ctx.rule(e.rule) is not None and self.ctx.rule(e.rule).kind == "sdk_errors"
                   for e in self.ctx.edits)

    def _import_anchor(self) -> Optional[int]:
        """The offset just after the line of the module's first top-level `from nylas import ...`."""
        for stmt in self.ctx.module.body:
            if isinstance(stmt, cst.SimpleStatementLine) and any(
                    isinstance(s, cst.ImportFrom) and dotted_name(s.module) in ("nylas", "nylas_legacy")
                    and not s.relative for s in stmt.body):
                _, end = self.ctx.span(stmt.body[-1])
                newline = _NEWLINE.search(self.ctx.text, end)
                return newline.end() if newline else None
        return None

    def _add_import_if_needed(self, rule: Rule) -> None:
        if self.import_added or V6_ERROR in self.names:
            return
        offset = self._import_anchor()
        newline = _NEWLINE.search(self.ctx.text, max(0, offset - 2)).group(0)
        self.ctx.edit(offset, offset, f"from {V6_ERRORS} import {V6_ERROR}{newline}", rule)
        self.import_added = True

    def _free(self, start: int, end: int) -> bool:
        return not any(e.start < end and start < e.end for e in self.ctx.edits)

    # -- e.response in other handlers ------------------------------------------------------------------------
    def _response_reads(self, handler, caught, rule: Rule) -> None:
        reads = _error_reads(self.ctx, handler)
        if not reads:
            return
        v6_error = len(caught) == 1 and (_origin(caught[0], self.names) or "").endswith("." + V6_ERROR)
        for read in reads:
            status = _status_read(self.ctx, read)
            response = self.ctx.parent(read)
            if status is None:
                if isinstance(response, cst.Attribute) and response.value is read and response.attr.value == "response":
                    self.ctx.report(response, rule, fixable=False)
                continue
            span = self.ctx.span(status)
            if v6_error and self.sdk.v6_written and self._free(*span):
                self.ctx.edit(span[0], span[1], f"{read.value}.status_code", rule)
                self.ctx.report(status, rule)
            else:
                self.ctx.report(status, rule, fixable=False)

    # -- "401" in str(e) ---------------------------------------------------------------------------------------
    def _error_text(self, handler: cst.ExceptHandler, rule: Rule) -> None:
        """A status code looked for in the error's text: v6 errors carry it in .status_code."""
        for read in _error_reads(self.ctx, handler) or ():
            text_call = self.ctx.parent(self.ctx.parent(read))  # str(e): Name → Arg → Call
            if not (isinstance(text_call, cst.Call) and isinstance(text_call.func, cst.Name)
                    and text_call.func.value in ("str", "repr") and len(text_call.args) == 1):
                continue
            comparison = self.ctx.parent(self.ctx.parent(text_call))  # Call → ComparisonTarget → Comparison
            if not isinstance(comparison, cst.Comparison) or len(comparison.comparisons) != 1:
                continue
            target = comparison.comparisons[0]
            code = _STATUS_TEXT.fullmatch(_string_value(comparison.left) or "")
            if target.comparator is text_call and isinstance(target.operator, (cst.In, cst.NotIn)) and code:
                self.ctx.report(comparison, rule, f'"{code.group(0)}" in {self.ctx.module.code_for_node(text_call)}: '
                                f"{rule.message} (here: e.status_code == {code.group(1)})")

    # -- retry decorators --------------------------------------------------------------------------------------
    def retry_decorators(self, node: cst.FunctionDef, rule: Rule) -> None:
        found = []
        for decorator in node.decorators:
            for call in self.sdk.calls_in(decorator):
                name = (_origin(call.func, self.names) or "").rsplit(".", 1)[-1]
                if name in ("on_exception", "retry_if_exception_type"):
                    found += [a.value for a in call.args if _mentions_http_error(a.value, self.names)]
        if not found:
            return
        if any(self.sdk.is_nylas_call(c) for stmt in node.body.body for c in self.sdk.calls_in(stmt)):
            for arg in found:
                self.ctx.report(arg, rule)


def _mentions_http_error(expr: cst.BaseExpression, names) -> bool:
    if isinstance(expr, cst.Tuple):
        return any(_mentions_http_error(e.value, names) for e in expr.elements)
    return is_http_error(expr, names)


def _error_reads(ctx: FileContext, handler: cst.ExceptHandler) -> Optional[List[cst.Name]]:
    """The reads of the handler's `as e` name in its body: [] when it binds none; None when e is rebound."""
    if handler.name is None:
        return []
    target = handler.name.name
    if not isinstance(target, cst.Name):
        return None
    reads: List[cst.Name] = []
    for node in ctx.index.names.get(target.value, []):
        if node is target or not _inside(ctx, node, handler.body):
            continue
        reads.append(node)
    return reads


def _inside(ctx: FileContext, node: cst.CSTNode, ancestor: cst.CSTNode) -> bool:
    cur = ctx.parent(node)
    while cur is not None:
        if cur is ancestor:
            return True
        cur = ctx.parent(cur)
    return False


def _status_read(ctx: FileContext, name: cst.Name) -> Optional[cst.Attribute]:
    """The `e.response.status_code` this `e` starts, else None."""
    response = ctx.parent(name)
    if not (isinstance(response, cst.Attribute) and response.value is name and response.attr.value == "response"):
        return None
    status = ctx.parent(response)
    if isinstance(status, cst.Attribute) and status.value is response and status.attr.value == "status_code":
        return status
    return None
