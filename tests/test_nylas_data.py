"""Issue 12 shape 8: Nylas data followed across modules (analysis/nylas_data.py). The snapshots are in
test_project_fixtures.py (fixtures/projects/webhook_*, json_client*); these say what they stand for."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from codemods.analysis import data_sites
from codemods.engine import run
from codemods.options import Options
from codemods.rules import load_rules
from fixture_support import FIXTURES


def _copy(project, tmp_path, monkeypatch):
    copy = tmp_path / project
    shutil.copytree(FIXTURES / "projects" / project, copy)
    monkeypatch.chdir(copy)
    return copy


def _run(copy, *names, write=False):
    return run([copy / n for n in names] if names else [copy], load_rules(), Options(), write=write, jobs=1)


def test_a_task_fed_by_a_nylas_webhook_view_is_rewritten_as_if_inline(tmp_path, monkeypatch):
    result = _run(_copy("webhook_task", tmp_path, monkeypatch))
    assert [r.path for r in result.changed] == ["app/tasks.py"]  # app/store.py gets ids and dates: untouched
    assert not [f for f in result.findings if f.path == "app/store.py"]
    rules = {f.rule for f in result.findings if f.path == "app/tasks.py"}
    assert {"WH001", "FLD001", "FLD004", "TRK002", "TRK003", "TRK004", "WH011"} <= rules


def test_a_helper_reached_through_a_module_and_handed_on_again_is_followed(tmp_path, monkeypatch):
    result = _run(_copy("webhook_helper", tmp_path, monkeypatch))
    assert sorted(r.path for r in result.changed) == ["app/handlers.py", "app/sync.py"]
    assert {(f.path, f.rule) for f in result.findings if f.path == "app/search.py"} == {
        ("app/search.py", "FLD005"), ("app/search.py", "FLD006")}
    assert not [f for f in result.findings if f.path == "app/handlers.py" and f.line == 19]  # is_connect_event


def test_a_receiver_also_fed_other_data_or_sent_by_name_is_reported_never_rewritten(tmp_path, monkeypatch):
    result = _run(_copy("webhook_held", tmp_path, monkeypatch))
    assert not result.changed
    held = [f for f in result.findings if f.path in ("app/handlers.py", "app/tasks.py")]
    assert held and not [f for f in held if f.fixable]
    assert all("app/replay.py:9" in f.message for f in held if f.path == "app/handlers.py" and f.rule != "WH011")
    assert all("app/schedule.py:3" in f.message for f in held if f.path == "app/tasks.py")


def test_a_run_that_does_not_cover_the_project_reports_the_receiver(tmp_path, monkeypatch):
    copy = _copy("webhook_task", tmp_path, monkeypatch)
    result = _run(copy, "app/views.py", "app/tasks.py")
    assert not result.changed
    fixable_before = {f.rule for f in _run(copy).findings if f.path == "app/tasks.py" and f.fixable}
    reported = {f.rule for f in result.findings if f.path == "app/tasks.py"}
    assert fixable_before <= reported
    assert all("outside this run" in f.message for f in result.findings if f.path == "app/tasks.py"
               and f.rule in fixable_before)
    alone = _run(copy, "app/views.py")  # the view alone: its receivers are not read
    assert {f.path for f in alone.findings} == {"app/views.py"}


def test_callers_of_a_function_returning_a_nylas_reply_are_read_as_the_reply(tmp_path, monkeypatch):
    result = _run(_copy("json_client", tmp_path, monkeypatch))
    assert sorted(r.path for r in result.changed) == ["app/digest.py", "app/nylas_api.py", "app/unread.py"]
    digest = {(f.line, f.rule) for f in result.findings if f.path == "app/digest.py"}
    assert {(8, "FLD001"), (14, "FLD008"), (15, "FLD005"), (15, "FLD011"), (20, "FLD005")} <= digest
    assert not [f for f in result.findings if f.path == "app/report.py"]


def test_a_helper_fed_nylas_and_github_replies_is_reported_not_renamed(tmp_path, monkeypatch):
    result = _run(_copy("json_client_held", tmp_path, monkeypatch))
    assert [r.path for r in result.changed] == ["app/nylas_api.py"]
    summary = [f for f in result.findings if f.path == "app/summary.py"]
    assert [f.rule for f in summary] == ["FLD001", "FLD005"] and not any(f.fixable for f in summary)
    assert all("app/digest.py:12" in f.message for f in summary)


@pytest.mark.parametrize("project", ["webhook_task", "webhook_helper", "json_client"])
def test_a_second_run_changes_nothing(project, tmp_path, monkeypatch):
    copy = _copy(project, tmp_path, monkeypatch)
    assert _run(copy, write=True).changed
    assert not _run(copy).changed


def _sites(tmp_path, files, callee, name):
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    pairs = [(tmp_path / rel, (tmp_path / rel).read_bytes()) for rel in files]
    trees = {}
    path = (tmp_path / callee).resolve()
    sig = data_sites.signature(ast.parse(path.read_bytes()), name)
    naming = data_sites.files_naming(pairs, {name}).get(name, [])
    return sig, data_sites.sites(path, name, sig, naming, trees, lambda p: Path(p).name)


def test_sites_map_celery_calls_to_the_task_parameters(tmp_path):
    files = {
        "app/__init__.py": "",
        "app/tasks.py": "@app.task(bind=True)\ndef sync(self, delta, *, full=False):\n    return delta\n"
                        "__all__ = ['sync']\n",
        "app/views.py": "from app.tasks import sync\n"
                        "sync.delay(d1)\nsync.apply_async(args=[d2], kwargs={'full': f})\nsync.s(d3)\nsync(d4)\n",
    }
    sig, (sites, unseen) = _sites(tmp_path, files, "app/tasks.py", "sync")
    assert sig.params == ("delta",) and sig.keyword_only == ("full",) and not sig.outside
    assert [(s.line, sorted(s.args)) for s in sites] == [(2, ["delta"]), (3, ["delta", "full"]), (4, ["delta"]),
                                                        (5, ["delta"])]
    assert sites[1].args["delta"] == (3, 23) and not unseen  # `__all__` is an export list, not a use


def test_sites_say_where_a_function_is_reached_some_other_way(tmp_path):
    files = {
        "app/__init__.py": "",
        "app/handlers.py": "@router.post('/x')\ndef handle(delta):\n    return delta\n",
        "app/signals.py": "from app.handlers import handle\nhooks = [handle]\n",
        "app/beat.py": "schedule = {'task': 'app.handlers.handle'}\n",
        "app/other.py": "def handle(x):\n    return x\nhandle(1)\n",  # another function of that name
    }
    sig, (sites, unseen) = _sites(tmp_path, files, "app/handlers.py", "handle")
    assert "decorated with @router.post" in sig.outside
    assert not sites
    assert sorted(u.split(" ", 1)[0] for u in unseen) == ["beat.py:1", "signals.py:2"]


def test_background_tasks_queues_and_threads_are_call_sites(tmp_path, monkeypatch):
    """FastAPI's add_task(f, ...), RQ's enqueue(f, ...), Thread(target=f, args=(...)): f runs with those arguments."""
    result = _run(_copy("webhook_background", tmp_path, monkeypatch))
    assert sorted(r.path for r in result.changed) == ["app/sync.py", "app/worker.py"]
    files = {
        "app/__init__.py": "",
        "app/jobs.py": "def run(delta, full=True):\n    return delta\n",
        "app/views.py": "import threading\nfrom app.jobs import run\n"
                        "tasks.add_task(run, d1, full=False)\nq.enqueue(run, d2, job_timeout=5)\n"
                        "threading.Thread(target=run, args=(d3,), kwargs={'full': f}).start()\n",
    }
    _, (sites, unseen) = _sites(tmp_path / "unit", files, "app/jobs.py", "run")
    assert [(s.line, sorted(s.args)) for s in sites] == [(3, ["delta", "full"]), (4, ["delta"]),
                                                        (5, ["delta", "full"])]
    assert not unseen
