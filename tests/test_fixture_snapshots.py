"""Snapshot every fixture: the rewritten code (bytes) and the findings; check the invariants every rewrite keeps."""
from __future__ import annotations

import ast
import codecs

import pytest

from fixture_support import SNAPSHOTS, all_fixtures, findings_text, output_bytes, run_fixture
from codemods.results import Status
from codemods.rules import load_rules

FIXTURES = all_fixtures()
IDS = [f"{p.parent.name}/{p.name}" for p in FIXTURES]


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_snapshot(fixture, snapshot):
    result = run_fixture(fixture)
    assert result.status in (Status.CHANGED, Status.UNCHANGED), result.error
    snapshot.snapshot_dir = SNAPSHOTS / fixture.parent.name / fixture.stem
    snapshot.assert_match(output_bytes(fixture, result), "output.py")
    snapshot.assert_match(findings_text(result), "findings.txt")


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_output_parses_and_second_run_is_a_no_op(fixture):
    first = run_fixture(fixture)
    out = output_bytes(fixture, first)
    ast.parse(out)
    second = run_fixture(fixture, out)
    assert second.status is Status.UNCHANGED, "a second run changed the output again"
    # Everything still to do by hand is still reported on the second run, except one-time advisories
    # (notes that cannot tell whether they were acted on).
    rules = load_rules().by_id()
    advisory = {r for r, rule in rules.items() if (rule.kind == "note" and not rule.get("unless_param"))
                or rule.kind == "listing_note" or (rule.kind == "sdk_note" and rule.get("when") in ("pagination", "credentials", "send_result", "client_passed",
                                                                                 "api_server_value"))
                or (rule.kind == "sdk_model_member" and rule.get("applies_to") == "changed")
                or rule.kind == "v3_credentials"}  # said while fix moves URLs, as SDK044 is at the constructor
    manual_before = [f for f in first.findings if not f.fixable and f.rule not in advisory]
    manual_after = [f for f in second.findings if not f.fixable]
    if out.count(b"\n") == fixture.read_bytes().count(b"\n"):  # lines did not move: same places
        assert {f.line for f in manual_before} <= {f.line for f in manual_after}
    else:  # an SDK rewrite joined lines: at least as many places are still reported
        assert len(manual_after) >= len(manual_before)


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_bytes_outside_edits_survive(fixture):
    raw = fixture.read_bytes()
    out = output_bytes(fixture, run_fixture(fixture))
    assert raw.startswith(codecs.BOM_UTF8) == out.startswith(codecs.BOM_UTF8)
    old_lines, new_lines = raw.splitlines(keepends=True), out.splitlines(keepends=True)
    if fixture.parent.name == "sdk":  # SDK rewrites may join a call's lines; endings must not change kind
        assert (b"\r\n" in raw) == (b"\r\n" in out)
        return
    assert len(old_lines) == len(new_lines)
    for old, new in zip(old_lines, new_lines):
        ending = lambda line: line[len(line.rstrip(b"\r\n")):]  # noqa: E731
        assert ending(old) == ending(new)
        if old != new:  # an edited line keeps its indentation and its comment
            assert new[: len(old) - len(old.lstrip())] == old[: len(old) - len(old.lstrip())]
            if b"#" in old and b"#" not in old.split(b"#")[0]:
                assert old[old.index(b"#"):] == new[new.index(b"#"):]


def test_no_touch_fixtures_are_untouched_and_silent():
    for fixture in (p for p in FIXTURES if p.name.startswith("no_touch")):
        result = run_fixture(fixture)
        assert result.status is not Status.CHANGED, fixture
        assert result.findings == (), fixture


def test_the_except_space_trap_is_kept_while_the_url_moves():
    fixture = next(p for p in FIXTURES if p.name == "except_space_trap.py")
    out = output_bytes(fixture, run_fixture(fixture))
    assert b"except ValueError :" in out and b"except (KeyError, TypeError) :" in out
    assert b"api.us.nylas.com/v3/grants/me/messages" in out
