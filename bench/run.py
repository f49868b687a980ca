"""Benchmark nylas-upgrade against its baselines, measured side by side in one run; prints medians and ratios.

    python bench/run.py            # all scenarios (a few minutes on 2 cores)
    python bench/run.py --quick    # fewer repetitions and a stdlib sample (about a minute)

Corpora are built under bench/_corpora/ (git-ignored): the running interpreter's standard library without its
tests (the large repo with no Nylas code), the same tree twice (for scaling), a Nylas-dense repo generated from
fixtures/**, and a 3-file pre-commit case. Targets are those of the speed issue; each row says PASS or MISS.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "bench" / "_corpora"
PY = sys.executable
TOOL = [PY, "-m", "codemods"]
# The installed console script, as pre-commit runs it (falls back to -m when it is not installed).
SCRIPT = [shutil.which("nylas-upgrade", path=str(Path(PY).parent)) or PY] + ([] if shutil.which("nylas-upgrade", path=str(Path(PY).parent)) else ["-m", "codemods"])

V2_SNIPPET = 'import requests\n\n\ndef inbox(token):\n    return requests.get("https://api.nylas.com/messages", headers={"Authorization": f"Bearer {token}"})\n'
CLEAN_SNIPPET = 'import os\n\n\ndef home():\n    return os.environ.get("HOME")\n'


def timed(cmd, cwd=None) -> tuple:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def median_of(cmd, runs, cwd=None) -> tuple:
    samples = [timed(cmd, cwd) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def stdlib_tree(target: Path, limit=None) -> Path:
    if target.exists():
        return target
    lib = Path(sysconfig.get_paths()["stdlib"])
    count = 0
    for src in sorted(lib.rglob("*.py")):
        rel = src.relative_to(lib)
        if any(part in ("test", "tests", "site-packages", "idlelib", "lib2to3") for part in rel.parts):
            continue
        dst = target / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        count += 1
        if limit and count >= limit:
            break
    return target


def doubled(src: Path, target: Path) -> Path:
    if not target.exists():
        shutil.copytree(src, target / "a")
        shutil.copytree(src, target / "b")
    return target


def dense_tree(target: Path, files=500) -> Path:
    if target.exists():
        return target
    target.mkdir(parents=True)
    sources = sorted(p for p in (ROOT / "fixtures").glob("*/*.py") if not p.name.startswith("no_touch"))
    for i in range(files):
        src = sources[i % len(sources)]
        (target / f"m{i:04d}_{src.name}").write_bytes(src.read_bytes())
    return target


def small_tree(target: Path, snippet: str) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for i in range(3):
        (target / f"f{i}.py").write_text(snippet)
    return target


PARSE_ALL = r"""
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import libcst

def parse(path):
    try:
        libcst.parse_module(Path(path).read_bytes())
    except Exception:
        pass

files = [str(p) for p in Path(sys.argv[1]).rglob("*.py")]
with ProcessPoolExecutor(int(sys.argv[2])) as pool:
    list(pool.map(parse, files, chunksize=16))
"""

# What any rule pass over libcst's tree costs at the least: the parse, then one visit of every node (a plain
# attribute walk, cheaper than a CSTVisitor, which rebuilds each node). Its throughput against parse-only is the
# ceiling of any engine that reads libcst's tree once; the target sits close to it.
PARSE_WALK = PARSE_ALL.replace("""def parse(path):
    try:
        libcst.parse_module(Path(path).read_bytes())
    except Exception:
        pass""", """import dataclasses
FIELDS = {}

def walk(root):
    stack = [root]
    while stack:
        node = stack.pop()
        names = FIELDS.get(type(node))
        if names is None:
            names = FIELDS[type(node)] = tuple(f.name for f in dataclasses.fields(node))
        for name in names:
            value = getattr(node, name)
            if isinstance(value, libcst.CSTNode):
                stack.append(value)
            elif type(value) in (list, tuple):
                stack.extend(v for v in value if isinstance(v, libcst.CSTNode))

def parse(path):
    try:
        walk(libcst.parse_module(Path(path).read_bytes()))
    except Exception:
        pass""")
assert PARSE_WALK != PARSE_ALL
# The parse, then libcst's code generation of the module: what positions cost (PositionProvider is a code
# generation), and exact positions are what splicing edits into the original bytes needs.
PARSE_CODEGEN = PARSE_ALL.replace("libcst.parse_module(Path(path).read_bytes())",
                                  "libcst.parse_module(Path(path).read_bytes()).code")
assert PARSE_CODEGEN != PARSE_ALL
# The same parse + one walk with CPython's own parser (exact start and end positions on every node, no comments):
# what an analysis on `ast` trees would pay instead, for comparison.
AST_WALK = PARSE_ALL.replace("import libcst", "import ast").replace(
    "libcst.parse_module(Path(path).read_bytes())", "sum(1 for _ in ast.walk(ast.parse(Path(path).read_bytes())))")
assert AST_WALK != PARSE_ALL

READ_REGEX = r"""
import re, sys
from pathlib import Path
rx = re.compile(rb"nylas", re.I)
print(sum(1 for p in Path(sys.argv[1]).rglob("*.py") if rx.search(p.read_bytes())))
"""


def compile_package() -> None:
    """Write the package's bytecode, as `pip install` does for every user. Without it (a source checkout
    run with PYTHONDONTWRITEBYTECODE=1, as in CI) each run would compile every codemods module again,
    ~15 ms that no installed copy pays, while libcst, click and yaml (installed) never pay it."""
    import compileall

    compileall.compile_dir(str(ROOT / "codemods"), quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    runs = 3 if args.quick else 5
    compile_package()
    workers = os.cpu_count() or 1
    stdlib = stdlib_tree(CORPORA / ("stdlib-sample" if args.quick else "stdlib"), limit=300 if args.quick else None)
    stdlib2 = doubled(stdlib, CORPORA / ("stdlib-sample-x2" if args.quick else "stdlib-x2"))
    dense_count = 200 if args.quick else 500
    dense = dense_tree(CORPORA / f"dense-{dense_count}", files=dense_count)  # one tree per size: a quick run's
    # 200 files must not stand in for the full run's 500
    pre_v2 = small_tree(CORPORA / "precommit-v2", V2_SNIPPET)
    pre_clean = small_tree(CORPORA / "precommit-clean", CLEAN_SNIPPET)
    rows = []

    def row(name, seconds, mb, target=None, ok=None):
        rows.append((name, seconds, mb, target or "", "" if ok is None else ("PASS" if ok else "MISS")))

    files = sum(1 for _ in stdlib.rglob("*.py"))
    grep_t, _ = median_of(["grep", "-rlI", "--include=*.py", "-i", "nylas", str(stdlib)], runs)
    regex_t, _ = median_of([PY, "-c", READ_REGEX, str(stdlib)], runs)
    check_t, check_mb = median_of(TOOL + ["check", "-q", str(stdlib)], runs)
    parse_t, _ = median_of([PY, "-c", PARSE_ALL, str(stdlib), str(workers)], 1)
    import_t, _ = median_of([PY, "-c", "import libcst, click, yaml"], runs)
    row(f"grep -rl floor ({files} stdlib files)", grep_t, None)
    row("python: read every file + one regex", regex_t, None)
    row(f"libcst parse-all, {workers} processes", parse_t, None)
    row("interpreter + import libcst, click, yaml", import_t, None)
    row("nylas-upgrade check (stdlib)", check_t, check_mb, "<= 3x grep", check_t <= 3 * grep_t)
    rows.append(("  ratio check / grep floor", check_t / grep_t, None, "<= 3", "PASS" if check_t / grep_t <= 3 else "MISS"))
    rows.append(("  speed-up vs libcst parse-all", parse_t / check_t, None, ">= 50", "PASS" if parse_t / check_t >= 50 else "MISS"))

    check2_t, _ = median_of(TOOL + ["check", "-q", str(stdlib2)], runs)
    rows.append(("  scaling: 2x bytes / 1x bytes time", check2_t / check_t, None, "~2 (linear)", "PASS" if check2_t / check_t < 2.6 else "MISS"))

    for label, tree, limit in (("3 v2 files", pre_v2, 0.20), ("3 clean files", pre_clean, 0.06)):
        files = [str(p) for p in sorted(tree.glob("*.py"))]  # pre-commit passes the files themselves
        for cmd in ("check", "fix --diff"):
            t, mb = median_of(SCRIPT + cmd.split() + ["-q", *files], runs)
            row(f"pre-commit: {cmd}, {label}", t, mb, f"<= {limit:.2f} s", t <= limit)

    dense_files = sum(1 for _ in dense.glob("*.py"))
    dense_parse, _ = median_of([PY, "-c", PARSE_ALL, str(dense), str(workers)], max(1, runs // 2))
    dense_fix, dense_mb = median_of(TOOL + ["fix", "--diff", "-q", "-j", str(workers), str(dense)], max(1, runs // 2))
    dense_walk, _ = median_of([PY, "-c", PARSE_WALK, str(dense), str(workers)], max(1, runs // 2))
    dense_codegen, _ = median_of([PY, "-c", PARSE_CODEGEN, str(dense), str(workers)], max(1, runs // 2))
    dense_ast, _ = median_of([PY, "-c", AST_WALK, str(dense), str(workers)], max(1, runs // 2))
    row(f"libcst parse-only, {dense_files} Nylas-dense files", dense_parse, None)
    row("libcst parse + one walk of every node, same files", dense_walk, None)
    row("libcst parse + code generation (positions), same", dense_codegen, None)
    row("CPython ast: parse + one walk, same files", dense_ast, None)
    row("nylas-upgrade fix --diff, same files", dense_fix, dense_mb)
    rows.append(("  throughput fix / parse-only", dense_parse / dense_fix, None, ">= 0.7", "PASS" if dense_parse / dense_fix >= 0.7 else "MISS"))
    rows.append(("  ceiling: parse-only / (parse + one walk)", dense_parse / dense_walk, None, "", ""))
    rows.append(("  ceiling: parse-only / (parse + codegen)", dense_parse / dense_codegen, None, "", ""))
    rows.append(("  for comparison: parse-only / ast parse + walk", dense_parse / dense_ast, None, "", ""))
    peak = max(mb for _, _, mb, _, _ in rows if mb)
    rows.append(("  peak memory of any run (MB)", peak, None, "<= 250", "PASS" if peak <= 250 else "MISS"))

    print(f"\nnylas-upgrade benchmark ({'quick' if args.quick else 'full'}; {workers} CPUs; Python {sys.version.split()[0]})\n")
    print(f"{'scenario':<48} {'value':>10} {'peak MB':>8}  {'target':<12} result")
    for name, value, mb, target, result in rows:
        unit = "" if name.startswith("  ") else " s"
        print(f"{name:<48} {value:>8.3f}{unit:<2} {'' if mb is None else f'{mb:8.0f}':>8}  {target:<12} {result}")


if __name__ == "__main__":
    main()
