"""A module run through every fixer as the real run would run it, with a plan the pass is trying, writing nothing.

The project passes decide whether something moves (a client, a base URL, Nylas data handed on) by running each
module it touches as if it moved and reading what the fixers recorded there (`ctx.traced`, the findings). The
run happens on a deep stack, as the real one does, so a module the real run can process is one this can too.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional, TypeVar

T = TypeVar("T")


def dry_run(path: Path, raw: bytes, rules, options, read: Callable[[object], T]) -> Optional[T]:
    """read(ctx) of the module's FileContext once every fixer ran; None when it cannot be decoded, parsed or
    processed (the real run reports that)."""
    from codemods.engine import _deep_stack, _with_deep_limit, display_path
    from codemods.source import Source, SourceError

    try:
        source = Source.decode(raw)
    except SourceError:
        return None
    return _deep_stack().call(_with_deep_limit, _run_text, source.text, display_path(path), rules, options, read)


def _run_text(text, display, rules, options, read):
    import libcst as cst

    from codemods import fixers
    from codemods.context import FileContext

    try:
        ctx = FileContext(display, text, cst.parse_module(text), rules, options)
        fixers.run(ctx)
        return read(ctx)
    except Exception:  # noqa: BLE001 - a module the pipeline cannot process is reported by the real run
        return None
