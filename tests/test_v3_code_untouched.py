"""Issue 13 class 6: code already on v3 is never rewritten and never reported. Over the v6 SDK's own
repository (nylas/nylas-python HEAD, examples included) and the v3 rewrite of nylas-samples/python-email-send,
as extracted under /tmp/corpus (../shared/reference/CORPUS.md); skipped where they are not. The fixtures
sdk/no_touch_v3_shapes.py and sdk/v5_draft_on_v6_client.py pin the same shapes in every run."""
from __future__ import annotations

from pathlib import Path

import pytest

from codemods.engine import run
from codemods.options import Options
from codemods.rules import load_rules

V3_TREES = [Path("/tmp/corpus/nylaspy"), Path("/tmp/corpus/sendv3")]


@pytest.mark.parametrize("tree", V3_TREES, ids=[p.name for p in V3_TREES])
def test_v3_code_gets_no_finding_and_no_change(tree):
    if not tree.is_dir():
        pytest.skip(f"{tree} is not on this machine")
    result = run([tree], load_rules(), Options(), write=False, jobs=1)
    assert [f.location + " " + f.rule for f in result.findings] == []
    assert [r.path for r in result.changed] == []
    assert any(r.status.value != "skipped" for r in result.files)  # a file was really parsed
