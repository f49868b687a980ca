"""Structural speed contracts (timings live in bench/, not here): the prefilter and lazy imports."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from codemods.engine import prefilter_pattern, process_bytes
from codemods.options import Options
from codemods.results import Status
from codemods.rules import load_rules

RULES = load_rules()

PROBE = textwrap.dedent(
    """
    import sys
    from codemods.cli import main
    try:
        main(["check", "-q", sys.argv[1]])
    except SystemExit:
        pass
    print("libcst" in sys.modules)
    """
)


def _imports_libcst(path) -> bool:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60)
    return out.stdout.strip().splitlines()[-1] == "True"


def test_check_on_clean_files_never_imports_libcst(tmp_path):
    clean = tmp_path / "clean.py"
    clean.write_text("import requests\nrequests.get('https://slack.com/api/messages')\n")
    assert _imports_libcst(clean) is False


def test_check_on_a_nylas_file_does_import_libcst(tmp_path):
    v2 = tmp_path / "v2.py"
    v2.write_text("import requests\nrequests.get('https://api.nylas.com/messages')\n")
    assert _imports_libcst(v2) is True


def test_files_without_nylas_words_are_skipped_before_parsing():
    assert process_bytes(b"this is not even python (((\n", "x.py", RULES, Options()).status is Status.SKIPPED
    not_skipped = process_bytes(b"NYLAS_URL = 1\n", "x.py", RULES, Options())
    assert not_skipped.status is Status.UNCHANGED  # parsed: "NYLAS" counts, case-insensitively


def test_every_rule_trigger_passes_the_prefilter():
    prefilter = prefilter_pattern(RULES)
    for word in RULES.triggers():
        assert prefilter.search(word.encode()), word
        assert prefilter.search(word.upper().encode()), word
