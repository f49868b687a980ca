"""codemods/engine.py: splicing edits, verifying the result, and the status of each file."""
from __future__ import annotations

import codecs
import sys

import pytest

from codemods.engine import apply_edits, process_bytes, run, verify
from codemods.options import Options
from codemods.results import Edit, Status
from codemods.rules import load_rules

RULES = load_rules()
OPTS = Options()
URL_FILE = 'import requests\nrequests.get("https://api.nylas.com/threads")\n'


def test_apply_edits_in_offset_order_whatever_the_input_order():
    text = "0123456789"
    edits = [Edit(8, 9, "H", "R1"), Edit(0, 1, "A", "R2"), Edit(4, 4, "-ins-", "R3")]
    assert apply_edits(text, edits) == ("A123-ins-4567H9", None)
    assert apply_edits(text, []) == (text, None)


@pytest.mark.parametrize("edits", [
    [Edit(0, 5, "x", "R1"), Edit(3, 7, "y", "R2")],  # overlap
    [Edit(2, 1, "x", "R1")],  # end before start
    [Edit(5, 11, "x", "R1")],  # past the end
])
def test_apply_edits_refuses_overlaps_and_out_of_range(edits):
    text = "0123456789"
    new, problem = apply_edits(text, edits)
    assert new == text and "overlapping or out-of-range" in problem


def test_apply_edits_keeps_identical_duplicates_once():
    new, problem = apply_edits("abc", [Edit(1, 2, "X", "R1"), Edit(1, 2, "X", "R1")])
    assert (new, problem) == ("aXc", None)


def test_verify_refuses_output_that_does_not_parse():
    problem = verify("x = 'a'\n", "x = 'a\n", strings_only=False)
    assert problem and "does not parse" in problem


def test_verify_strings_only_refuses_a_change_outside_literals():
    assert verify('f("a")\n', 'f("b")\n', strings_only=True) is None
    assert verify('f("a")\n', 'f(f"{b}")\n', strings_only=True) is None  # f-strings count as strings
    assert "outside string literals" in verify('f("a")\n', 'g("a")\n', strings_only=True)
    assert "outside string literals" in verify('f("a", 1)\n', 'f("a", 2)\n', strings_only=True)
    assert verify('f("a")\n', 'g("a")\n', strings_only=False) is None  # SDK rewrites may change code


def _process(text_or_bytes, options=OPTS):
    raw = text_or_bytes.encode() if isinstance(text_or_bytes, str) else text_or_bytes
    return process_bytes(raw, "t.py", RULES, options)


def test_no_nylas_word_is_skipped_without_parsing():
    result = _process("this is not python at all (((\n")
    assert result.status is Status.SKIPPED and result.error is None


def test_syntax_error_with_a_nylas_word_fails_with_a_message():
    result = _process("import nylas\ndef f(:\n")
    assert result.status is Status.FAILED and result.error.startswith("cannot parse")


def test_undecodable_file_fails():
    result = _process(b"import nylas\nx = '\xff'\n")
    assert result.status is Status.FAILED and "cannot decode" in result.error


def test_nylas_code_with_nothing_to_do_is_unchanged():
    result = _process('import requests\nrequests.get("https://api.us.nylas.com/v3/grants/me/threads")\n')
    assert result.status is Status.UNCHANGED and result.new_bytes is None


def test_changed_file_has_new_text_bytes_and_findings_sorted():
    result = _process(URL_FILE)
    assert result.status is Status.CHANGED
    assert result.new_text == 'import requests\nrequests.get("https://api.us.nylas.com/v3/grants/me/threads")\n'
    assert result.new_bytes == result.new_text.encode()
    assert list(result.findings) == sorted(result.findings)
    assert {e.rule for e in result.edits} >= {"HOST001"}
    again = _process(result.new_bytes)
    assert again.status is Status.UNCHANGED  # idempotent


def test_changed_bytes_come_back_in_the_original_encoding_bom_and_newlines():
    latin = ("# -*- coding: latin-1 -*-\r\nimport requests\r\n# Zoë\r\n"
             'requests.get("https://api.nylas.com/threads")\r\n').encode("latin-1")
    result = _process(latin)
    assert result.status is Status.CHANGED
    assert result.new_bytes == latin.replace(b"api.nylas.com/threads", b"api.us.nylas.com/v3/grants/me/threads")
    bom = codecs.BOM_UTF8 + URL_FILE.encode()
    result = _process(bom)
    assert result.new_bytes.startswith(codecs.BOM_UTF8) and result.new_bytes.count(codecs.BOM_UTF8) == 1


def test_a_rewrite_the_declared_codec_cannot_hold_fails_instead_of_crashing():
    latin = ('# coding: latin-1\nimport requests\nrequests.get("https://api.nylas.com/threads")\n').encode("latin-1")
    result = _process(latin, Options(grant='"\u2713"'))
    assert result.status is Status.FAILED and "cannot be encoded as iso-8859-1" in result.error
    assert result.new_bytes is None


def test_a_600_literal_plus_chain_is_processed_and_the_recursion_limit_restored():
    chain = " + ".join(['"x"'] * 600)  # generated SQL/HTML does this; a deeper chain costs seconds (test_safety)
    limit = sys.getrecursionlimit()
    result = _process(f'import requests\nQ = {chain}\nrequests.get("https://api.nylas.com/threads")\n')
    assert sys.getrecursionlimit() == limit  # the deep thread puts the interpreter-wide limit back
    assert result.status is Status.CHANGED, result.error
    assert f"Q = {chain}\n" in result.new_text


def test_select_filters_edits_and_findings_not_analysis():
    text = 'import requests\nrequests.get("https://api.nylas.com/messages", params={"offset": 5})\n'
    only_qp = _process(text, Options(select=("QP",)))
    assert only_qp.status is Status.UNCHANGED and {f.rule for f in only_qp.findings} == {"QP001"}
    no_ep = _process(text, Options(ignore=("EP", "QP")))
    assert all(not f.rule.startswith(("EP", "QP")) for f in no_ep.findings)


def test_run_sorts_results_and_collects_path_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.py").write_text(URL_FILE)
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "c.py").write_text("import nylas\n(\n")
    result = run([tmp_path / "b.py", tmp_path, tmp_path / "missing.py"], RULES, OPTS)
    assert [r.path for r in result.files] == ["a.py", "b.py", "c.py"]  # b.py once, though named twice
    assert [r.status for r in result.files] == [Status.SKIPPED, Status.CHANGED, Status.FAILED]
    assert result.errors == (f"{tmp_path / 'missing.py'}: no such file or directory",)
    assert (tmp_path / "b.py").read_text() == URL_FILE  # write=False


def test_run_write_rewrites_changed_files_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.py").write_text(URL_FILE)
    (tmp_path / "a.py").write_text("x = 1\n")
    result = run([tmp_path], RULES, OPTS, write=True)
    assert [r.path for r in result.changed] == ["b.py"]
    assert (tmp_path / "b.py").read_bytes() == result.changed[0].new_bytes
    assert (tmp_path / "a.py").read_text() == "x = 1\n"
