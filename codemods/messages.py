"""The summary line shared by the CLI and its fast path, so both say exactly the same thing.

`12 files scanned, 2 would change, 5 findings (3 fixable), 0 errors in 0.41 s` after `check` and `fix --diff`;
`12 files scanned, 2 changed, 5 findings (3 fixed, 2 left by hand), 0 errors in 0.41 s` after `fix`.
"""


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary(scanned: int, changed: int, findings: int, fixable: int, errors: int, seconds: float,
            written: bool = False) -> str:
    """`fixable` counts the findings fix can rewrite (with `written`: the ones it did rewrite)."""
    if not findings:
        detail = ""
    elif written:
        detail = f" ({fixable} fixed, {findings - fixable} left by hand)"
    else:
        detail = f" ({fixable} fixable)"
    return (f"{_count(scanned, 'file')} scanned, {changed} {'changed' if written else 'would change'}, "
            f"{_count(findings, 'finding')}{detail}, {_count(errors, 'error')} in {seconds:.2f} s")
