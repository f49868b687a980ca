"""Response-field tracing (fields_replies, fields_tracking, fields_listing) on shapes the fixtures do not show."""
from __future__ import annotations

from pathlib import Path

from codemods.engine import process_bytes, run
from codemods.options import Options
from codemods.rules import load_rules


def _fix(source: str):
    result = process_bytes(source.encode(), "m.py", load_rules(), Options())
    return (result.new_text or source), [(f.line, f.rule, f.fixable) for f in result.findings]


def test_aiohttp_awaited_json_is_traced():
    out, _ = _fix(
        "async def f(session):\n"
        "    async with session.get('https://api.nylas.com/messages/x') as resp:\n"
        "        m = await resp.json()\n"
        "        return m['files'], m['labels']\n"
    )
    assert "m['attachments'], m['folders']" in out


def test_a_nested_function_with_the_same_name_is_another_value():
    out, findings = _fix(
        "import requests\n"
        "def f():\n"
        "    m = requests.get('https://api.nylas.com/messages/x').json()\n"
        "    def other(m):\n"
        "        return m['files']\n"
        "    return m['files'], other\n"
    )
    assert "return m['files']\n" in out and "return m['attachments'], other" in out
    assert [f for f in findings if f[1] == "FLD011"] == [(6, "FLD011", True)]


def test_a_name_assigned_twice_is_not_traced():
    out, findings = _fix(
        "import requests\n"
        "def f(other):\n"
        "    m = requests.get('https://api.nylas.com/messages/x').json()\n"
        "    m = other\n"
        "    return m['labels']\n"
    )
    assert "m['labels']" in out and not [f for f in findings if f[1].startswith("FLD")]


def test_an_elif_branch_gives_its_own_trigger_and_an_else_gives_none():
    out, findings = _fix(
        "def h(delta):  # X-Nylas-Signature checked elsewhere\n"
        "    for r in delta['recents']:\n"
        "        if delta['type'] == 'message.opened':\n"
        "            a = r['id']\n"
        "        elif delta['type'] == 'message.link_clicked':\n"
        "            b = r['id']\n"
        "        else:\n"
        "            c = r['id']\n"
    )
    assert "a = r['opened_id']" in out and "b = r['click_id']" in out and "c = r['id']" in out
    assert (8, "TRK003", False) in findings


def test_the_imap_note_is_said_once_per_run(tmp_path: Path):
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text("import requests\nrequests.get('https://api.nylas.com/messages')\n")
    findings = run([tmp_path], load_rules(), Options()).findings
    assert [f.path.endswith("a.py") for f in findings if f.rule == "FLD019"] == [True]
    alone = process_bytes((tmp_path / "b.py").read_bytes(), "b.py", load_rules(), Options())
    assert [f.rule for f in alone.findings].count("FLD019") == 1  # each file's pipeline says it


def test_writes_into_a_reply_are_findings_not_renames():
    out, findings = _fix(
        "import requests\n"
        "def f():\n"
        "    m = requests.get('https://api.nylas.com/messages/x').json()\n"
        "    m['files'] = []\n"
        "    del m['labels']\n"
    )
    assert "m['files'] = []" in out and "del m['labels']" in out
    assert (4, "FLD011", False) in findings and (5, "FLD009", False) in findings


def test_or_empty_is_the_same_value():
    out, _ = _fix(
        "import requests\n"
        "def f(meta):  # X-Nylas-Signature\n"
        "    for m in requests.get('https://api.nylas.com/messages').json() or []:\n"
        "        print(m['files'])\n"
        "    if meta['type'] == 'message.link_clicked':\n"
        "        for r in meta.get('recents') or []:\n"
        "            print(r['id'])\n"
        "    for r in meta.get('recents') or ['x']:\n"
        "        print(r['payload'])\n"
    )
    assert "m['attachments']" in out and "r['click_id']" in out
    assert "r['payload']" in out  # `or ['x']` may hold something else


def test_an_early_return_guard_gives_the_trigger():
    out, findings = _fix(
        "def on_click(delta):  # X-Nylas-Signature\n"
        "    if delta['type'] != 'message.link_clicked':\n"
        "        return None\n"
        "    return [r['id'] for r in delta['recents']]\n"
        "def on_any(delta):\n"
        "    if delta['type'] != 'message.opened':\n"
        "        log(delta)\n"
        "    return [r['id'] for r in delta['recents']]\n"
    )
    assert "[r['click_id'] for r" in out
    assert "return [r['id'] for r in delta['recents']]\n" in out  # that `if` does not leave: no guard
    assert (8, "TRK003", False) in findings


def test_a_second_run_reports_exactly_the_places_the_first_left():
    """Stronger than the snapshot suite's check (places may only be kept): a rename must not make new places."""
    from fixture_support import FIXTURES, output_bytes, run_fixture

    from codemods.rules import load_rules

    # said once per run (FLD019), or while fix moves a URL (RUN061, as SDK044 at a constructor): not places left
    once = {"FLD019"} | {r for r, rule in load_rules().by_id().items() if rule.kind == "v3_credentials"}
    for fixture in sorted((FIXTURES / "fields").glob("*.py")):
        first = run_fixture(fixture)
        second = run_fixture(fixture, output_bytes(fixture, first))
        manual = lambda result: sorted((f.line, f.rule) for f in result.findings  # noqa: E731
                                       if not f.fixable and f.rule not in once)
        assert manual(second) == manual(first), fixture.name
