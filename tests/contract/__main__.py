"""Development aid, not a user command: `python -m tests.contract PATH...` (from the repository root).

Migrates every .py file under PATH in memory (the tool's `fix`, nothing is written to PATH), imports each
migrated module with its Nylas traffic sent to a local v3 contract server, calls its entry points, and prints,
per file, the requests made and those v3 rejects. Entry points come from a `<stem>.contract.yaml` sidecar when
there is one (tests/contract/runner.py); otherwise every public top-level function is called, each required
parameter given the string "x1". Exit status 1 when any request was rejected or any call raised.
"""
from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path
from typing import List

from . import runner
from .server import ContractServer


def guessed_sidecar(source: bytes) -> dict:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {"skip": "does not parse"}
    calls = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.name.startswith("_"):
            required = node.args.args[: len(node.args.args) - len(node.args.defaults)]
            calls.append(f"{node.name}({', '.join(repr('x1') for _ in required)})")
    return {"calls": calls}


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.contract", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    from fixture_support import options_for  # a fixture's `# nylas-upgrade-test:` options; none elsewhere

    files = sorted({f for p in args.paths for f in ([p] if p.is_file() else p.rglob("*.py"))})
    server = ContractServer().start()
    bad = 0
    runs = []
    try:
        for path in files:
            raw = path.read_bytes()
            result = runner.migrate(path, raw, options_for(raw))
            if result.new_bytes is None:
                continue  # nothing migrated in this file
            sidecar = runner.load_sidecar(path) or guessed_sidecar(result.new_bytes)
            run = runner.run_module(path, result, sidecar, server)
            runs.append(run)
            print(f"== {path}")
            if run.skipped:
                print(f"   skipped: {run.skipped}")
                continue
            for call in run.calls:
                note = f"  (left for a human: {call.left})" if call.left else ""
                print(f"   {call.expr}{note}")
                for exchange in call.exchanges:
                    print(f"      {'ok      ' if exchange.valid else 'REJECTED'} {exchange.line()}")
                    for error in exchange.errors:
                        print("         " + error.replace("\n", "\n         "))
                if call.error:
                    print(f"      raised {call.error}")
                bad += bool(call.failed and not call.left)
    finally:
        server.stop()
    print(runner.summary(runs) + f", {bad} calls failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, as pytest has it
    sys.exit(main())
