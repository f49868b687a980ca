"""URL templates as plain strings: split a Nylas URL into host, path and query, and match v2 path patterns.

A template is the text of a URL as written in source, with every interpolated
expression (f-string field, `+` operand, `.format()` field, `%s`) replaced by
one HOLE character. Working on that string keeps the matching logic free of
libcst and easy to test; callers map offsets back to source pieces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

HOLE = "\x00"

_AUTHORITY = re.compile(
    r"^(?P<scheme>https?)://(?P<userinfo>[^/@?#]*@)?(?P<host>[A-Za-z0-9.-]+)(?P<port>:[0-9]+)?(?=[/?#]|$)"
)


@dataclass(frozen=True)
class UrlParts:
    scheme: Optional[Tuple[int, int]]  # span of "http"/"https" in the template, None when the URL starts at a base
    userinfo: Optional[Tuple[int, int]]
    host: Optional[Tuple[int, int]]
    host_name: str
    path_start: int
    path_end: int
    query_start: Optional[int]  # index just after "?", None without a query
    query_end: int


def split_url(template: str, base_hole: bool) -> Optional[UrlParts]:
    """Split `scheme://[userinfo@]host[:port]/path?query#frag`, or `<HOLE>/path?query` after a base name."""
    if base_hole:
        if not template.startswith(HOLE):
            return None
        scheme = userinfo = host = None
        host_name = ""
        path_start = 1
    else:
        m = _AUTHORITY.match(template)
        if not m:
            return None
        scheme = m.span("scheme")
        userinfo = m.span("userinfo") if m.group("userinfo") else None
        host = m.span("host")
        host_name = m.group("host").lower()
        path_start = m.end()
    end = len(template)
    frag = template.find("#", path_start)
    if frag != -1:
        end = frag
    q = template.find("?", path_start, end)
    path_end = q if q != -1 else end
    return UrlParts(scheme, userinfo, host, host_name, path_start, path_end, q + 1 if q != -1 else None, end)


@dataclass(frozen=True)
class Segment:
    text: str  # template text of the segment (may contain HOLE)
    start: int  # index in the template

    @property
    def is_hole(self) -> bool:
        return self.text == HOLE

    @property
    def is_text(self) -> bool:
        return HOLE not in self.text and self.text != ""


def path_segments(template: str, start: int, end: int) -> List[Segment]:
    """Segments of template[start:end] split on '/', dropping the empty ones a leading or trailing '/' makes."""
    segments = []
    pos = start
    for piece in template[start:end].split("/"):
        if piece:
            segments.append(Segment(piece, pos))
        pos += len(piece) + 1
    return segments


@dataclass(frozen=True)
class Pattern:
    """A v2 path pattern from a rule: literal segments, {id} (one segment), {ids} (comma list), * (any tail)."""

    raw: str
    parts: Tuple[str, ...]

    @classmethod
    def parse(cls, raw: str) -> "Pattern":
        return cls(raw, tuple(p for p in raw.split("/") if p))

    @property
    def literal_count(self) -> int:
        return sum(1 for p in self.parts if not p.startswith("{") and p != "*")


def segment_is_multi_id(segment: Segment, hole_is_join: Sequence[bool]) -> bool:
    """A segment holding several ids: literal commas, or a hole that is a ','.join(...) call."""
    if "," in segment.text.replace(HOLE, ""):
        return True
    return segment.is_hole and bool(hole_is_join) and hole_is_join[0]


def match(pattern: Pattern, segments: Sequence[Segment], multi_id: Sequence[bool]) -> Optional[Dict[str, Segment]]:
    """Match segments against a pattern; return the captured {id} segments by position key, or None."""
    captured: Dict[str, Segment] = {}
    i = 0
    for j, part in enumerate(pattern.parts):
        if part == "*":
            return captured
        if i >= len(segments):
            return None
        seg = segments[i]
        if part == "{ids}":
            if not multi_id[i]:
                return None
            captured[f"{j}"] = seg
        elif part.startswith("{"):
            if multi_id[i] or not (seg.is_hole or seg.is_text):
                return None
            captured[f"{j}"] = seg
        elif seg.text != part:
            return None
        i += 1
    return captured if i == len(segments) else None


def render(to: str, pattern: Pattern, captured: Dict[str, Segment], grant: str) -> str:
    """The v3 path for a match: `to` with {grant} and each {id} filled from the v2 segments, in order."""
    ids = [captured[k].text for k in sorted(captured, key=int)]
    out = []
    for part in (p for p in to.split("/") if p):
        if part == "{grant}":
            out.append(grant)
        elif part.startswith("{"):
            if not ids:
                raise ValueError(f"pattern {pattern.raw!r} captures fewer ids than {to!r} needs")
            out.append(ids.pop(0))
        else:
            out.append(part)
    return "/" + "/".join(out)


@dataclass(frozen=True)
class QueryParam:
    key: str
    key_start: int
    value: str
    value_start: int


def query_params(template: str, start: int, end: int) -> List[QueryParam]:
    """`k=v` pairs of template[start:end]; keys with a HOLE in them are skipped (not statically known)."""
    params = []
    pos = start
    for chunk in template[start:end].split("&"):
        key, eq, value = chunk.partition("=")
        if key and HOLE not in key:
            params.append(QueryParam(key, pos, value, pos + len(key) + len(eq)))
        pos += len(chunk) + 1
    return params


def minimal_replacement(old: str, new: str) -> Tuple[int, int, str]:
    """Shrink old→new to the smallest differing span: (start, end_in_old, replacement)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix:len(new) - suffix]
