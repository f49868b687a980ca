"""A text-level look at a file that does not parse: what v2 usage it holds, and why it does not parse.

The upgrade guide's rules need a syntax tree, and a Python 2 file (or one mixing tabs and spaces in its
indentation, which Python 3 refuses) has none for libcst. Such a file is left byte for byte as it is and
its parse error is kept; this scan adds one finding per line that visibly uses v2 (a v2 host, a v2 path,
the v2 SDK's names, the webhook `deltas` envelope, the tracking `payload`), so "cannot parse" never hides
v2 code, and one finding saying that the file looks like Python 2, which nylas 6 (Python >= 3.8) cannot run.

Follows the v2 → v3 upgrade guide (https://developer.nylas.com/docs/v2/upgrade-to-v3/) and the nylas 6
package's `python_requires`. Comments are never read; a line's first matching rule (in YAML order) reports it.
"""
from __future__ import annotations

import ast
import re
from functools import lru_cache
from typing import List, Optional, Tuple

from codemods.results import Finding

USAGE_KIND = "unparsable_usage"
PYTHON2_KIND = "unparsable_python2"
TABS_KIND = "unparsable_tabs"
MODEL_KIND = "unparsable_model_call"
KINDS = (USAGE_KIND, PYTHON2_KIND, TABS_KIND, MODEL_KIND)

_NEWLINE = re.compile(r"\r\n|\r|\n")
# Nylas evidence for the rules that need it: an import of the SDK, or a v2 API host.
_EVIDENCE = re.compile(r"^[ \t]*(?:import|from)[ \t]+nylas(?:_legacy)?\b|\b(?:[a-z]+\.)?api\.nylas\.com\b", re.M)


def _masked(text: str) -> Tuple[str, str]:
    """Two copies of text, same length and line breaks: comments blanked; comments and string contents blanked.

    A small scanner rather than `tokenize`: it must survive what does not parse (Python 2, bad indentation).
    String prefixes and quotes are kept, so `ur""` stays visible."""
    no_comments, no_strings = list(text), list(text)
    i, n, quote = 0, len(text), None
    while i < n:
        ch = text[i]
        if quote is None:
            if ch == "#":
                while i < n and text[i] not in "\r\n":
                    no_comments[i] = no_strings[i] = " "
                    i += 1
                continue
            if ch in "'\"":
                quote = text[i:i + 3] if text[i:i + 3] in ("'''", '"""') else ch
                i += len(quote)
                continue
        elif ch == "\\" and i + 1 < n:
            no_strings[i] = " "
            if text[i + 1] not in "\r\n":
                no_strings[i + 1] = " "
            i += 2
            continue
        elif text.startswith(quote, i):
            i += len(quote)
            quote = None
            continue
        elif len(quote) == 1 and ch in "\r\n":  # an unterminated one-line string ends at the line's end
            quote = None
        elif ch not in "\r\n":
            no_strings[i] = " "
        i += 1
    return "".join(no_comments), "".join(no_strings)


def _lines(text: str) -> List[str]:
    return _NEWLINE.split(text)


@lru_cache(maxsize=64)
def _compiled(pattern: str):
    return re.compile(pattern)


def _tab_error_line(text: str) -> Optional[int]:
    """The line CPython refuses for mixing tabs and spaces, if that is what it refuses."""
    try:
        ast.parse(text)
    except TabError as exc:
        return exc.lineno
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return None


def scan(text: str, path: str, rules) -> List[Finding]:
    """The findings of a file that does not parse (every rule kind of this module, in rule order)."""
    usage = rules.of_kind(USAGE_KIND)
    python2 = rules.of_kind(PYTHON2_KIND)
    tabs = rules.of_kind(TABS_KIND)
    if not (usage or python2 or tabs or rules.of_kind(MODEL_KIND)):
        return []
    no_comments, no_strings = _masked(text)
    evidence = bool(_EVIDENCE.search(no_comments))
    findings: List[Finding] = []
    for number, line in enumerate(_lines(no_comments), start=1):
        for rule in usage:
            if rule.get("evidence", True) and not evidence:
                continue
            needs = rule.get("file_mentions")
            if needs and not re.search(needs, no_comments, re.I):
                continue
            m = _compiled(rule.get("pattern")).search(line)
            if m:
                seen = m.group(0)[:-1] + "(...)" if m.group(0).endswith("(") else m.group(0)
                findings.append(Finding(path, number, m.start() + 1, rule.id, f"{seen}: {rule.message}",
                                        rule.doc_url, False))
                break
    if evidence:
        findings += _model_calls(no_comments, path, rules.of_kind(MODEL_KIND), {f.line for f in findings})
    if not (evidence or findings):
        return findings
    code_lines = _lines(no_strings)
    for rule in python2:
        for what, pattern in rule.get("signs").items():
            hit = _first(code_lines, _compiled(pattern))
            if hit:
                findings.append(Finding(path, hit[0], hit[1], rule.id, f"{what} here: {rule.message}",
                                        rule.doc_url, False))
                break
    tab_line = _tab_error_line(text) if tabs else None
    for rule in tabs if tab_line else ():
        findings.append(Finding(path, tab_line, 1, rule.id, rule.message, rule.doc_url, False))
    return findings


def _model_calls(text: str, path: str, rules, taken) -> List[Finding]:
    """`label = ns.labels.create(...)` ... `label.save()`: a v5 model method (model_methods) called, or a v5
    attribute (attributes) read, on a name bound (anywhere in the file, as text) by the rule's `bound_by`, or, with
    `aliases: true`, on a name assigned from such a name (`ns = client`). One finding a line, on lines no other
    rule reported."""
    found: List[Finding] = []
    for rule in rules:
        bound = set(_compiled(rule.get("bound_by")).findall(text))
        if bound and rule.get("aliases"):
            names = "|".join(sorted(map(re.escape, bound)))
            bound |= set(re.findall(r"(?m)^[ \t]*(\w+)[ \t]*=[ \t]*(?:%s)[ \t]*$" % names, text))
        if not bound:
            continue
        methods, attributes = rule.get("model_methods") or [], rule.get("attributes") or []
        alternatives = ([r"(?P<method>%s)\(" % "|".join(methods)] if methods else []) + (
            [r"(?P<member>%s)\b(?![ \t]*\()" % "|".join(attributes)] if attributes else [])
        call = _compiled(r"\b(?P<name>" + "|".join(sorted(map(re.escape, bound))) + r")\.(?:" +
                         "|".join(alternatives) + ")")
        for number, line in enumerate(_lines(text), start=1):
            m = call.search(line)
            if m and number not in taken:
                seen = f"{m.group('name')}.{m.group('method')}()" if m.groupdict().get("method") else (
                    f"{m.group('name')}.{m.group('member')}")
                found.append(Finding(path, number, m.start() + 1, rule.id, f"{seen}: {rule.message}",
                                     rule.doc_url, False))
                taken = taken | {number}
    return found


def _first(lines: List[str], pattern) -> Optional[Tuple[int, int]]:
    for number, line in enumerate(lines, start=1):
        m = pattern.search(line)
        if m:
            return number, m.start() + 1
    return None


def result_for(display: str, text: str, rules, options, error: str):
    """The FAILED result of a file that does not parse: its error, and the scan's findings after the run's
    filters (--select/--ignore, inline suppressions, --since), as a parsed file's findings go through."""
    from codemods.results import FileResult, Status
    from codemods import suppressions

    findings = [f for f in scan(text, display, rules) if options.wants(f.rule)]
    kept = suppressions.apply(text, findings, [])
    if kept is not None:
        findings = kept[0]
    if options.changed_lines is not None:
        from codemods.since import restrict

        findings, _ = restrict(display, text, findings, [], options.changed_lines)
    return FileResult(display, Status.FAILED, findings=tuple(sorted(set(findings))), error=error)
