"""`nylas-upgrade report -o FILE`: the reviewer's migration report in JSON, Markdown and HTML.

The project: the bundled example (rewrites and manual findings), a file that only looks like Nylas code
(counted, never listed), a file that does not parse (listed as failed, exit 3), and a file whose name
and code carry HTML that must come out escaped.
"""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from codemods.cli import main
from codemods.reporters import report_md
from tests.fixture_support import FIXTURES

HOSTILE = (
    "import requests\n"
    "# </pre><script>alert('x')</script> ```\n"
    'r = requests.get("https://api.nylas.com/messages", params={"offset": 1})\n'
)
HOSTILE_NAME = "a<b>.py"


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copy(FIXTURES / "example" / "nylas_v2_client.py", tmp_path / "client.py")
    shutil.copy(FIXTURES / "http" / "no_touch_other_apis.py", tmp_path / "other_apis.py")
    (tmp_path / "broken.py").write_text("import nylas\ndef f(:\n")
    (tmp_path / HOSTILE_NAME).write_text(HOSTILE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def report(*args):
    return CliRunner().invoke(main, ["report", *args])


def sources(project):
    return {p.name: p.read_bytes() for p in project.glob("*.py")}


def test_json_report_structure_and_counts(project):
    before = sources(project)
    result = report(".", "-o", "report.json")
    assert result.exit_code == 3, result.output  # broken.py failed; the rest were processed
    assert sources(project) == before  # the report writes no source file
    doc = json.loads((project / "report.json").read_text(encoding="utf-8"))
    summary = doc["summary"]
    assert summary["files_scanned"] == 4
    assert summary["files_changed"] == 2 and summary["files_failed"] == 1
    # client.py: 8 host rewrites, 9 endpoints, 2 search, 1 query parameter; a<b>.py: one host, one endpoint
    assert summary["rewritten_by_family"] == {"EP": 10, "HOST": 9, "QP": 1, "SRCH": 2}
    assert summary["sites_rewritten"] == 22
    # 12 places, plus the IMAP 90-day advisory (FLD019), said once per run at the first message listing
    assert summary["manual_left"] == 13 and sum(summary["manual_by_family"].values()) == 13
    assert summary["manual_by_family"]["QP"] == 3  # two offsets and a view=expanded
    assert doc["families"]["HOST"] == "API hosts"
    files = {f["path"]: f for f in doc["files"]}
    assert set(files) == {"a<b>.py", "broken.py", "client.py"}  # other_apis.py: scanned, nothing to say
    assert files["broken.py"]["status"] == "failed" and "syntax" in files["broken.py"]["error"].lower()
    assert files["broken.py"]["diff"] == "" and files["broken.py"]["findings"] == []
    client = files["client.py"]
    assert client["status"] == "changed" and client["error"] is None
    assert client["diff"].startswith("--- a/client.py\n+++ b/client.py\n@@ ")
    assert '+BASE = "https://api.us.nylas.com"' in client["diff"]
    manual = [f for f in client["findings"] if not f["fixable"]]
    assert len(manual) == 11
    assert set(client["findings"][0]) == {"path", "line", "column", "rule", "fixable", "message", "doc_url"}


def test_markdown_report_has_the_summary_table_diffs_and_checklist(project):
    result = report(".", "-o", "report.md")
    assert result.exit_code == 3
    text = (project / "report.md").read_text(encoding="utf-8")
    assert "| Files scanned | 4 |" in text and "| Files changed | 2 |" in text
    assert "| Sites rewritten | 22 |" in text and "| Manual sites left | 13 |" in text
    assert "| Files that failed | 1 |" in text
    assert "| HOST (API hosts) | 9 | 0 |" in text and "| QP (Query parameters) | 1 | 3 |" in text
    assert "```diff\n--- a/client.py\n+++ b/client.py\n" in text
    tasks = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(tasks) == 13
    expected = r"- \[ \] client\.py:16:79 QP001 v3 has no offset: .+ \(\[doc\]\(https://developer\.nylas\.com/\S+\)\)"
    assert re.fullmatch(expected, tasks[2]), tasks[2]  # after a<b>.py's IMAP advisory and offset
    assert "**Failed:**" in text and "broken.py" in text
    # The user's ``` inside the diff cannot close the block: that file's fence is four backticks.
    assert "````diff\n--- a/a<b>.py" in text
    assert tasks[0].startswith(r"- [ ] a\<b\>.py:3:")  # a path cannot open an HTML tag


def test_markdown_keeps_code_spans_verbatim_and_escapes_tags_outside_them():
    assert report_md._inline("send `Authorization: Bearer <token>` not <b>") == (
        "send `Authorization: Bearer <token>` not &lt;b>")
    assert report_md.fence("x ```` y") == "`````"
    assert report_md.fence("plain") == "```"


def test_unknown_suffix_is_a_usage_error_with_one_line(project):
    result = report(".", "-o", "report.txt")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "nylas-upgrade: unknown report format '.txt': use .json, .md, .html"]
    assert not (project / "report.txt").exists()


def test_exit_codes_follow_the_contract(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "http" / "no_touch_other_apis.py", tmp_path / "other_apis.py")
    clean = report(".", "-o", "clean.md")
    assert clean.exit_code == 0
    assert "Nothing to migrate" in (tmp_path / "clean.md").read_text(encoding="utf-8")
    shutil.copy(FIXTURES / "example" / "nylas_v2_client.py", tmp_path / "client.py")
    assert report(".", "-o", "found.json").exit_code == 1
    missing_dir = report(".", "-o", "no/such/dir/r.json")
    assert missing_dir.exit_code == 3 and "cannot write" in missing_dir.stderr


def test_select_and_ignore_filter_the_report(project):
    assert report("client.py", "--select", "HOST", "-o", "hosts.json").exit_code == 1
    doc = json.loads((project / "hosts.json").read_text(encoding="utf-8"))
    assert doc["summary"]["rewritten_by_family"] == {"HOST": 8}
    assert doc["summary"]["manual_left"] == 0
    report("client.py", "--ignore", "HOST,RESP", "--grant", "grant_id", "-o", "rest.json")
    doc = json.loads((project / "rest.json").read_text(encoding="utf-8"))
    assert "HOST" not in doc["summary"]["rewritten_by_family"]
    assert "RESP" not in doc["summary"]["manual_by_family"]
    assert "/v3/grants/{grant_id}/messages" in doc["files"][0]["diff"]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.urls, self.scripts = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.scripts += tag == "script"
        self.urls += [value for name, value in attrs if name in ("src", "href", "action", "srcset") and value]


def test_html_report_is_self_contained_and_escapes_user_code(project):
    result = report(".", "-o", "report.html")
    assert result.exit_code == 3
    page = (project / "report.html").read_text(encoding="utf-8")
    assert "<script src" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    collector = _Collector()
    collector.feed(page)
    assert collector.scripts == 1  # ours, inline: the user's <script> is text
    assert "iframe" not in collector.tags and "img" not in collector.tags
    assert collector.urls and all(u.startswith("https://developer.nylas.com/") for u in collector.urls)
    assert "&lt;/pre&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "a&lt;b&gt;.py" in page and "<b>.py" not in page
    assert "default-src 'none'" in page  # the page itself forbids any fetch


def test_html_report_content_diff_colours_filter_and_checklist(project):
    report(".", "-o", "report.html")
    page = (project / "report.html").read_text(encoding="utf-8")
    assert page.count('class="family-filter"') == 9  # AUTH BODY DEP EP FLD HOST QP RESP SRCH
    assert page.count('<li class="finding"') == 13
    assert page.count('<input type="checkbox" class="done">') == 13
    assert '<span class="l hunk">@@ -3,8 +3,8 @@</span>' in page
    # A changed line is coloured, and the characters that changed are marked inside it.
    assert '<span class="l add">+BASE = &quot;https://api.<ins>us.</ins>nylas.com&quot;</span>' in page
    assert '<span class="l del">-BASE = &quot;https://api.nylas.com&quot;</span>' in page
    assert 'data-families="EP FLD HOST QP"' in page  # a<b>.py's families (FLD: the run's IMAP advisory)
    assert "Failed: " in page and "0 of 13 manual sites done" in page


def test_a_missing_path_is_listed_in_every_format_and_exits_3(project):
    for name in ("missing.json", "missing.md", "missing.html"):
        result = report("nope.py", "client.py", "-o", name)
        assert result.exit_code == 3 and "Wrote " in result.stderr
        assert "nope.py: no such file or directory" in (project / name).read_text(encoding="utf-8")
    doc = json.loads((project / "missing.json").read_text(encoding="utf-8"))
    assert doc["errors"] == ["nope.py: no such file or directory"] and doc["summary"]["files_scanned"] == 1
