"""codemods/paths.py: URL templates (HOLE = an interpolated expression) split, matched against v2 patterns, rendered."""
from __future__ import annotations

import pytest

from codemods.paths import (
    HOLE, Pattern, Segment, match, minimal_replacement, path_segments, query_params, render, segment_is_multi_id,
    split_url,
)


def piece(template, span):
    return template[span[0]:span[1]] if span else None


def test_split_url_full_authority():
    url = "https://user:pw@API.nylas.com:443/messages/abc?limit=5&in=inbox#frag"
    parts = split_url(url, base_hole=False)
    assert piece(url, parts.scheme) == "https"
    assert piece(url, parts.userinfo) == "user:pw@"
    assert piece(url, parts.host) == "API.nylas.com" and parts.host_name == "api.nylas.com"
    assert url[parts.path_start:parts.path_end] == "/messages/abc"  # the port is not in the path
    assert url[parts.query_start:parts.query_end] == "limit=5&in=inbox"  # the fragment is not in the query


def test_split_url_without_path_query_or_userinfo():
    parts = split_url("http://api.nylas.com", base_hole=False)
    assert parts.userinfo is None and parts.query_start is None
    assert parts.path_start == parts.path_end == len("http://api.nylas.com")
    frag = split_url("https://api.nylas.com/a#b?c", base_hole=False)
    assert frag.query_start is None and frag.path_end == len("https://api.nylas.com/a")  # '?' after '#' is fragment


@pytest.mark.parametrize("template", ["ftp://api.nylas.com/x", "api.nylas.com/messages", f"{HOLE}/messages",
                                      "https://", "https://api.nylas.com\\x"])
def test_split_url_refuses_what_is_not_an_http_url(template):
    assert split_url(template, base_hole=False) is None


def test_split_url_after_a_base_hole():
    template = f"{HOLE}/threads/{HOLE}?view=expanded"
    parts = split_url(template, base_hole=True)
    assert parts.scheme is parts.host is None and parts.host_name == ""
    assert template[parts.path_start:parts.path_end] == f"/threads/{HOLE}"
    assert template[parts.query_start:parts.query_end] == "view=expanded"
    assert split_url("/threads", base_hole=True) is None


def test_path_segments_keep_their_offsets_and_drop_empty_ones():
    template = f"https://h.io//messages/{HOLE}/x{HOLE}/"
    parts = split_url(template, base_hole=False)
    segments = path_segments(template, parts.path_start, parts.path_end)
    assert [s.text for s in segments] == ["messages", HOLE, f"x{HOLE}"]
    for s in segments:
        assert template[s.start:s.start + len(s.text)] == s.text
    assert segments[1].is_hole and not segments[1].is_text
    assert segments[0].is_text and not segments[2].is_text and not segments[2].is_hole


def segs(*texts):
    out, pos = [], 0
    for t in texts:
        out.append(Segment(t, pos))
        pos += len(t) + 1
    return out


def test_match_literal_id_and_length():
    pattern = Pattern.parse("/messages/{id}")
    assert pattern.parts == ("messages", "{id}") and pattern.literal_count == 1
    got = match(pattern, segs("messages", "abc"), [False, False])
    assert got is not None and got["1"].text == "abc"
    assert match(pattern, segs("messages", HOLE), [False, False])["1"].is_hole
    assert match(pattern, segs("messages"), [False]) is None  # too short
    assert match(pattern, segs("messages", "a", "b"), [False] * 3) is None  # too long
    assert match(pattern, segs("threads", "a"), [False, False]) is None
    assert match(pattern, segs("messages", f"x{HOLE}"), [False, False]) is None  # half literal: unknown


def test_match_ids_needs_a_comma_list_and_id_refuses_one():
    ids = Pattern.parse("/contacts/{ids}")
    one = Pattern.parse("/contacts/{id}")
    comma = segs("contacts", "a,b")
    multi = [False, segment_is_multi_id(comma[1], [])]
    assert multi == [False, True]
    assert match(ids, comma, multi)["1"].text == "a,b"
    assert match(one, comma, multi) is None
    assert match(ids, segs("contacts", "a"), [False, False]) is None
    joined = segs("contacts", HOLE)
    assert segment_is_multi_id(joined[1], [True]) and not segment_is_multi_id(joined[1], [False])


def test_match_star_takes_any_tail():
    pattern = Pattern.parse("/a/*")
    assert pattern.literal_count == 1
    assert match(pattern, segs("a", "b", "c"), [False] * 3) == {}
    assert match(pattern, segs("a"), [False]) == {}
    assert match(pattern, segs("b", "c"), [False] * 2) is None


def test_specificity_is_the_literal_count():
    assert Pattern.parse("/messages/search").literal_count > Pattern.parse("/messages/{id}").literal_count
    assert Pattern.parse("/{id}/*").literal_count == 0


def test_render_fills_grant_and_ids_in_order():
    pattern = Pattern.parse("/threads/{id}/messages/{id}")
    captured = match(pattern, segs("threads", "T", "messages", HOLE), [False] * 4)
    assert render("/v3/grants/{grant}/threads/{id}/m/{id}", pattern, captured, "me") == f"/v3/grants/me/threads/T/m/{HOLE}"
    with pytest.raises(ValueError):
        render("/v3/{id}/{id}/{id}", pattern, captured, "me")


def test_query_params_offsets_and_holes():
    template = f"?limit=5&{HOLE}=x&in=&flag&k{HOLE}=1&last=v"
    params = query_params(template, 1, len(template))
    assert [(p.key, p.value) for p in params] == [("limit", "5"), ("in", ""), ("flag", ""), ("last", "v")]
    for p in params:
        assert template[p.key_start:p.key_start + len(p.key)] == p.key
        assert template[p.value_start:p.value_start + len(p.value)] == p.value


@pytest.mark.parametrize("old, new", [
    ("https://api.nylas.com/messages", "https://api.us.nylas.com/v3/grants/me/messages"),
    ("abc", "abc"), ("", "x"), ("x", ""), ("aaa", "aa"), ("abcabc", "abc"), ("a/b", "a/c/b"),
])
def test_minimal_replacement_is_minimal_and_exact(old, new):
    start, end, repl = minimal_replacement(old, new)
    assert old[:start] + repl + old[end:] == new
    assert 0 <= start <= end <= len(old)
    if old == new:
        assert (start, end, repl) == (len(old), len(old), "")
    # minimal: the span neither starts nor ends with a character the two texts share there
    if repl and end > start:
        assert old[start] != repl[0] and old[end - 1] != repl[-1]


def test_minimal_replacement_of_a_host_swap():
    assert minimal_replacement("https://api.nylas.com/x", "https://api.us.nylas.com/x") == (12, 12, "us.")
