"""Colour for a terminal: `--color auto|always|never`, with the NO_COLOR (https://no-color.org) and
FORCE_COLOR conventions. In auto mode a stream gets colour only when it is a terminal, so a pipe or a
file never receives escape codes, and `fix --diff > x.patch` stays a clean patch."""
from __future__ import annotations

import os
from typing import IO, Mapping, Optional

CHOICES = ("auto", "always", "never")

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
RED = "\x1b[31m"
GREEN = "\x1b[32m"
YELLOW = "\x1b[33m"
CYAN = "\x1b[36m"


def enabled(choice: str, stream: IO[str], environ: Optional[Mapping[str, str]] = None) -> bool:
    """always/never win; in auto: NO_COLOR (any non-empty value) disables, FORCE_COLOR (not "0") enables,
    TERM=dumb disables, and otherwise colour is on only when the stream is a terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def paint(text: str, *styles: str) -> str:
    """Styles around text, reset before any line ending so a CRLF line keeps its CRLF last."""
    body = text.rstrip("\r\n")
    return f"{''.join(styles)}{body}{RESET}{text[len(body):]}"
