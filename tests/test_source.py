"""codemods/source.py: decode as Python does, encode back to the same bytes (BOM, cookies, newlines)."""
from __future__ import annotations

import codecs

import pytest

from codemods.source import Source, SourceError


def roundtrip(raw: bytes) -> Source:
    source = Source.decode(raw)
    assert source.encode(source.text) == raw
    return source


def test_plain_utf8():
    source = roundtrip("x = 'héllo ✓'\n".encode("utf-8"))
    assert (source.text, source.encoding, source.bom) == ("x = 'héllo ✓'\n", "utf-8", False)


def test_bom_is_stripped_from_text_and_restored():
    raw = codecs.BOM_UTF8 + b"x = 'caf\xc3\xa9'\r\n"
    source = roundtrip(raw)
    assert source.bom and source.encoding == "utf-8"
    assert source.text == "x = 'café'\r\n" and not source.text.startswith("\ufeff")
    assert source.encode(source.text.replace("café", "thé")) == codecs.BOM_UTF8 + "x = 'thé'\r\n".encode()


@pytest.mark.parametrize("cookie, codec", [
    ("# -*- coding: latin-1 -*-", "iso-8859-1"),
    ("# coding=cp1252", "cp1252"),
    ("#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :", "iso-8859-1"),
])
def test_coding_cookies_choose_the_codec(cookie, codec):
    text = f"{cookie}\nname = 'Zoë – “quoted”'\n" if codec == "cp1252" else f"{cookie}\nname = 'Zoë'\n"
    raw = text.encode(codec)
    source = roundtrip(raw)
    assert codecs.lookup(source.encoding).name == codecs.lookup(codec).name
    assert "Zoë" in source.text
    # a UTF-8 decode would have been wrong: the bytes are not valid UTF-8
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_crlf_lone_cr_and_mixed_newlines_are_kept():
    raw = b"a = 1\r\nb = 2\rc = 3\nd = 4"
    source = roundtrip(raw)
    assert source.text == "a = 1\r\nb = 2\rc = 3\nd = 4"


def test_undecodable_bytes_are_a_source_error():
    with pytest.raises(SourceError, match="cannot decode"):  # tokenize checks the first two lines itself
        Source.decode(b"x = '\xff\xfe'\n")
    with pytest.raises(SourceError, match="cannot decode as utf-8"):
        Source.decode(b"a = 1\nb = 2\nx = '\xff\xfe'\n")


def test_unknown_cookie_is_a_source_error():
    with pytest.raises(SourceError, match="cannot decode"):
        Source.decode(b"# coding: klingon\nx = 1\n")


def test_bom_with_a_conflicting_cookie_is_a_source_error():
    with pytest.raises(SourceError):
        Source.decode(codecs.BOM_UTF8 + b"# coding: latin-1\nx = 1\n")


def test_null_bytes_are_a_source_error():
    with pytest.raises(SourceError, match="null bytes"):
        Source.decode(b"x = 1\x00\n")


def test_encode_refuses_characters_the_codec_cannot_hold():
    source = Source.decode(b"# coding: latin-1\nx = 1\n")
    with pytest.raises(UnicodeEncodeError):
        source.encode("x = '✓'\n")
