"""Bytes in, bytes out: decode a Python file exactly as Python would, and encode it back.

We never normalise anything: newlines stay as they were (no universal-newline
translation), a UTF-8 BOM is remembered and restored, and a PEP 263 coding
cookie decides the codec. Edits are spliced into the decoded text, so every
character outside an edit comes back unchanged.
"""
from __future__ import annotations

import codecs
import io
import tokenize
from dataclasses import dataclass


class SourceError(Exception):
    """The file cannot be decoded as Python source."""


@dataclass(frozen=True)
class Source:
    text: str  # decoded, without the BOM
    encoding: str  # codec name Python chose (cookie or utf-8)
    bom: bool

    @classmethod
    def decode(cls, raw: bytes) -> "Source":
        if b"\x00" in raw:
            raise SourceError("file contains null bytes")
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
        except SyntaxError as exc:  # bad or unknown coding cookie
            raise SourceError(f"cannot decode: {exc}") from None
        bom = raw.startswith(codecs.BOM_UTF8)
        if bom:
            raw = raw[len(codecs.BOM_UTF8):]
            encoding = "utf-8"
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise SourceError(f"cannot decode as {encoding}: {exc}") from None
        return cls(text=text, encoding=encoding, bom=bom)

    def encode(self, text: str) -> bytes:
        data = text.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data
