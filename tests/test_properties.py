"""Property tests (hypothesis): generated non-Nylas code is never touched; generated v2 URL code always
comes out parsing, and a second run changes nothing. Also a quick fuzz of the path parser and rule loader."""
from __future__ import annotations

import ast
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codemods import paths
from codemods.engine import process_bytes
from codemods.options import Options
from codemods.results import Status
from codemods.rules import RuleError, _load_doc, load_rules

RULES = load_rules()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.sampled_from(["url", "base", "endpoint", "api", "nylas_api", "NYLAS", "client", "path", "u"])
other_hosts = st.sampled_from(["https://slack.com/api", "https://api.twilio.com", "https://example.com/nylas",
                               "http://localhost:8000", "https://nylas.example.org"])
v2_paths = st.sampled_from(["/messages", "/threads", "/send", "/drafts", "/labels", "/folders", "/messages/search",
                            "/files", "/outbox", "/account"])
quotes = st.sampled_from(['"', "'"])


@st.composite
def non_nylas_module(draw):
    """Code full of Nylas-looking words that has no Nylas evidence: other hosts, bare paths, nylas_* names."""
    lines = ["import requests", f"{draw(names)}_nylas_count = 3"]
    for _ in range(draw(st.integers(1, 5))):
        q = draw(quotes)
        host, path, var = draw(other_hosts), draw(v2_paths), draw(names)
        shape = draw(st.integers(0, 3))
        if shape == 0:
            lines.append(f"requests.get({q}{host}{path}{q}, params={{{q}offset{q}: 1}})")
        elif shape == 1:
            lines.append(f"{var} = {q}{host}{q}\nrequests.post({var} + {q}{path}{q}, json={{{q}tracking{q}: 1}})")
        elif shape == 2:
            lines.append(f"requests.get(f{q}{{{var}}}{path}?view=count{q})")
        else:
            lines.append(f"requests.get({q}{path}{q}.format())  # nylas-like comment {host}")
    return "\n".join(lines) + "\n"


@st.composite
def v2_module(draw):
    """A v2 URL in one of the shapes real code uses, with varied names, quotes, spacing and nesting."""
    q, var, path = draw(quotes), draw(names), draw(v2_paths)
    host = draw(st.sampled_from(["https://api.nylas.com", "http://api.nylas.com", "https://ireland.api.nylas.com"]))
    space = draw(st.sampled_from(["", " ", "  "]))
    shape = draw(st.integers(0, 5))
    if shape == 0:
        body = f"requests.get({q}{host}{path}{q})"
    elif shape == 1:
        body = f"{var} = {q}{host}{q}\nrequests.get({var}{space}+{space}{q}{path}{q})"
    elif shape == 2:
        body = f"{var} = {q}{host}{q}\nrequests.get(f{q}{{{var}}}{path}/{{mid}}{q})"
    elif shape == 3:
        body = f"{var} = {q}{host}{q}\nrequests.get({q}{{}}{path}{q}.format({var}))"
    elif shape == 4:
        body = f"requests.get(\n    {q}{host}{q}\n    {q}{path}?limit=5{q}\n)"
    else:
        body = f"def f({var}={q}{host}{q}):\n    return requests.get(urljoin({var}, {q}{path.lstrip('/')}{q}))"
    return f"import requests\nfrom urllib.parse import urljoin\nmid = 1\n{body}\n"


@SETTINGS
@given(non_nylas_module())
def test_code_without_nylas_evidence_is_never_touched(source):
    result = process_bytes(source.encode(), "x.py", RULES, Options())
    assert result.status in (Status.SKIPPED, Status.UNCHANGED), source
    assert result.findings == (), source


@SETTINGS
@given(v2_module())
def test_v2_code_comes_out_parsing_and_a_second_run_is_a_no_op(source):
    first = process_bytes(source.encode(), "x.py", RULES, Options())
    assert first.status in (Status.CHANGED, Status.UNCHANGED), (source, first.error)
    out = first.new_bytes or source.encode()
    ast.parse(out)
    assert process_bytes(out, "x.py", RULES, Options()).status is Status.UNCHANGED, out.decode()


url_text = st.text(alphabet=string.ascii_letters + string.digits + "/:?&=.#@%{}-_" + paths.HOLE, max_size=60)


@SETTINGS
@given(url_text, st.booleans())
def test_the_url_splitter_never_raises_and_stays_in_bounds(text, base_hole):
    parts = paths.split_url(text, base_hole)
    if parts is not None:
        assert 0 <= parts.path_start <= parts.path_end <= len(text)
        for segment in paths.path_segments(text, parts.path_start, parts.path_end):
            assert text[segment.start:segment.start + len(segment.text)] == segment.text
        if parts.query_start is not None:
            for q in paths.query_params(text, parts.query_start, parts.query_end):
                assert text[q.key_start:q.key_start + len(q.key)] == q.key


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
rule_like = st.fixed_dictionaries(
    {"family": st.sampled_from(["XX", "x", 3]), "title": st.text(max_size=5),
     "rules": st.lists(st.dictionaries(st.sampled_from(
         ["id", "kind", "summary", "doc_url", "example", "message", "host", "replace", "path", "to", "methods",
          "bogus"]), yaml_values, max_size=8), max_size=3)})


@SETTINGS
@given(st.one_of(yaml_values, rule_like))
def test_the_rule_loader_accepts_or_raises_rule_error_only(doc):
    try:
        _load_doc("fuzz.yaml", doc)
    except RuleError as exc:
        assert str(exc).startswith("fuzz.yaml")
