"""Summary lines shared by the CLI and its fast path, so both say exactly the same thing."""


def check_summary(findings: int, fixable: int, scanned: int) -> str:
    if findings:
        return f"Found {findings} v2 usage(s) in {scanned} file(s); {fixable} fixable with `nylas-upgrade fix`."
    return f"No v2 usage found in {scanned} file(s)."


def fix_summary(changed: int, manual: int, diff: bool) -> str:
    verb = "Would rewrite" if diff else "Rewrote"
    return f"{verb} {changed} file(s); {manual} place(s) left for a human."
