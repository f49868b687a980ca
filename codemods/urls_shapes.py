"""Which expression shapes build a string (and so may build a URL). Pure predicates on libcst nodes."""
from __future__ import annotations

from typing import Dict, Optional

import libcst as cst


def is_format_call(call: cst.Call) -> bool:
    f = call.func
    return isinstance(f, cst.Attribute) and f.attr.value == "format" and isinstance(f.value, cst.SimpleString)


def is_urljoin(call: cst.Call) -> bool:
    f = call.func
    name = f.value if isinstance(f, cst.Name) else f.attr.value if isinstance(f, cst.Attribute) else ""
    return name == "urljoin" and len(call.args) >= 2 and all(a.keyword is None and not a.star for a in call.args[:2])


def is_add_or_builder(expr: cst.BaseExpression) -> bool:
    """`a + b + "x"` parses as ((a + b) + "x"): the inner, string-less `+` still contributes its operands."""
    return is_string_builder(expr) or (isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add))


def is_string_builder(expr: cst.BaseExpression, memo: Optional[Dict[int, bool]] = None) -> bool:
    """A literal, f-string, implicit concatenation, `+`/`%` with a string in it, .format() or urljoin().

    Iterative along the left spine of `a + b + c` (left-associative, so a 2,000-term chain is 2,000
    levels deep), checking the right operand first; `memo` (id -> answer, for one module's nodes)
    keeps a walk that asks about every node of a long chain linear.
    """
    spine = []
    result = False
    while True:
        if memo is not None and id(expr) in memo:
            result = memo[id(expr)]
            break
        if isinstance(expr, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            result = True
            break
        if isinstance(expr, cst.Call):
            result = is_format_call(expr) or is_urljoin(expr)
            break
        if not (isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, (cst.Add, cst.Modulo))):
            break
        spine.append(expr)
        if isinstance(expr.operator, cst.Add) and is_string_builder(expr.right, memo):
            result = True
            break
        expr = expr.left
    if memo is not None:
        for node in spine:
            memo[id(node)] = result
    return result


def name_key(expr: Optional[cst.BaseExpression]) -> Optional[str]:
    """`NAME` → 'NAME'; `self.x` / `cls.x` / `Klass.x` → '.x' (attributes of this module's objects)."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        return "." + expr.attr.value
    return None


def leftmost_of_addition(expr: cst.BaseExpression) -> cst.BaseExpression:
    while isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        expr = expr.left
    return expr


def env_default(expr: cst.BaseExpression) -> Optional[cst.BaseExpression]:
    """The default of os.environ.get(K, d) / os.getenv(K, d) / environ.get(K, d)."""
    if not isinstance(expr, cst.Call) or len(expr.args) < 2:
        return None
    f = expr.func
    if isinstance(f, cst.Attribute) and f.attr.value in ("get", "getenv"):
        target = f.value
        if f.attr.value == "getenv" or (
            isinstance(target, (cst.Name, cst.Attribute)) and (name_key(target) or "").lstrip(".") == "environ"
        ):
            return expr.args[1].value
    if isinstance(f, cst.Name) and f.value == "getenv":
        return expr.args[1].value
    return None
