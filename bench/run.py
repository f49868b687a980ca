"""Benchmark nylas-upgrade against baselines measured in the same run; prints each target's ratio and PASS/MISS.

    python bench/run.py            # every scenario (a few minutes on 2 cores)
    python bench/run.py --quick    # fewer repetitions, smaller dense set
    python bench/run.py --django DIR   # a Django source tree to use (else downloaded once, see below)

The targets are those of the speed issue (16). Every command of a scenario runs in interleaved rounds (each round
runs each command once, in a rotating order) and each figure is the minimum over the rounds, so a machine shared
with other work slows baselines and subjects alike; CPU seconds (user + sys, the process and its children) are
printed too. Corpora are built under bench/_corpora/ (git-ignored): a synthetic monorepo at two sizes, a
Nylas-dense set generated from fixtures/**, and the pre-commit cases. Django 5.2's source (the whole-repo sweep)
is downloaded with pip into the temporary directory (nylas-upgrade-bench/), never into the repository.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "bench" / "_corpora"
PY = sys.executable
TOOL = [PY, "-m", "codemods"]
# The installed console script, as pre-commit runs it (falls back to -m when it is not installed).
_SCRIPT = shutil.which("nylas-upgrade", path=str(Path(PY).parent))
SCRIPT = [_SCRIPT] if _SCRIPT else TOOL

V2_SNIPPET = 'import requests\n\n\ndef inbox(token):\n    return requests.get("https://api.nylas.com/messages", headers={"Authorization": f"Bearer {token}"})\n'
CLEAN_SNIPPET = 'import os\n\n\ndef home():\n    return os.environ.get("HOME")\n'
CLIENT_HERE = ('from nylas import APIClient\n\nnylas = APIClient("id", "secret", "token")\n\n\n'
               'def inbox():\n    return nylas.messages.where(in_="inbox", limit=10).all()\n')
CLIENT_MODULE = ('import os\n\nfrom nylas import APIClient\n\n'
                 'client = APIClient(os.environ["ID"], os.environ["SECRET"], os.environ["TOKEN"])\n')
# The same module with its client imported from another one (the name says Nylas, so the file passes the prefilter).
CLIENT_IMPORTED = ('from mail.nylas_client import client as nylas\n\n\n'
                   'def inbox():\n    return nylas.messages.where(in_="inbox", limit=10).all()\n')

# -- measuring ------------------------------------------------------------------------------------------------

class Sample:
    def __init__(self, walls, cpus, rss):
        self.wall, self.median, self.cpu, self.mb = min(walls), statistics.median(walls), min(cpus), max(rss)


def once(cmd, cwd=None) -> tuple:
    """Wall seconds, CPU seconds (user + sys, with the children it waited for) and peak RSS (MB) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(cases: dict, runs: int) -> dict:
    """{name: (cmd, cwd)} -> {name: Sample}, the commands interleaved round by round (one warm-up round first)."""
    names = list(cases)
    for name in names:
        once(*cases[name])
    got = {name: ([], [], []) for name in names}
    for r in range(runs):
        for name in names[r % len(names):] + names[:r % len(names)]:
            for store, value in zip(got[name], once(*cases[name])):
                store.append(value)
    return {name: Sample(*got[name]) for name in names}


# -- corpora ----------------------------------------------------------------------------------------------------

def django_source(given) -> "Path | None":
    """A Django 5.2 source tree: --django, else one unpacked earlier in the temporary directory, else pip's."""
    if given:
        return Path(given)
    cache = Path(tempfile.gettempdir()) / "nylas-upgrade-bench"
    found = sorted(p for p in cache.glob("django-5.2*") if p.is_dir())
    if found:
        return found[-1]
    cache.mkdir(parents=True, exist_ok=True)
    got = subprocess.run([PY, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", "django==5.2.*",
                          "-d", str(cache)], capture_output=True)
    archives = sorted(cache.glob("[dD]jango-5.2*.tar.gz"))
    if got.returncode != 0 or not archives:
        return None
    import tarfile

    with tarfile.open(archives[-1]) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(cache, filter="data")
        else:  # pragma: no cover - Python without extraction filters
            tar.extractall(cache)
    found = sorted(p for p in cache.glob("django-5.2*") if p.is_dir())
    return found[-1] if found else None


def with_nylas_files(source: Path, target: Path, package="nylas_app") -> Path:
    """The tree plus a package of 3 small v2 files (a Django project's app beside the framework). The walk takes
    files before subdirectories, sorted: `nylas_app` comes after django/, docs/, extras/ and js_tests/ (31% of
    the files), `a_nylas_app` before them all, `zz_nylas_app` after tests/."""
    if not target.exists():
        shutil.copytree(source, target, symlinks=True)
        small_tree(target / package, V2_SNIPPET)
    return target


def small_tree(target: Path, snippet: str, count=3) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (target / f"f{i}.py").write_text(snippet)
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


def import_case(target: Path, imported: bool) -> Path:
    """pre-commit on mail/app.py: its client built there, or imported from mail/nylas_client.py."""
    (target / "mail").mkdir(parents=True, exist_ok=True)
    (target / "mail" / "__init__.py").write_text("")
    if imported:
        (target / "mail" / "nylas_client.py").write_text(CLIENT_MODULE)
    (target / "mail" / "app.py").write_text(CLIENT_IMPORTED if imported else CLIENT_HERE)
    return target


CLEAN_MODULE = '''"""{pkg}.{sub}.mod{k}: records for the {pkg} {sub} workflow."""
from __future__ import annotations

import dataclasses
import logging
from typing import Dict, List, Optional

from {pkg}.{sub} import mod{nxt:03d}

log = logging.getLogger(__name__)


@dataclasses.dataclass
class Record{k}:
    key: str
    value: int = 0
    tags: List[str] = dataclasses.field(default_factory=list)

    def merged(self, other: "Record{k}") -> "Record{k}":
        return Record{k}(self.key, self.value + other.value, self.tags + other.tags)


def load_{k}(rows: List[Dict[str, str]]) -> Dict[str, Record{k}]:
    out: Dict[str, Record{k}] = {{}}
    for row in rows:
        rec = Record{k}(row["key"], int(row.get("value", 0)), row.get("tags", "").split(","))
        out[rec.key] = out[rec.key].merged(rec) if rec.key in out else rec
    log.debug("loaded %d records", len(out))
    return out


def total_{k}(records: Dict[str, Record{k}], tag: Optional[str] = None) -> int:
    return sum(r.value for r in records.values() if tag is None or tag in r.tags)


def report_{k}(records: Dict[str, Record{k}]) -> str:
    lines = [f"{{key}}: {{rec.value}}" for key, rec in sorted(records.items())]
    return "\\n".join(lines) + "\\n" + str(mod{nxt:03d}.__name__)
'''
SYNC_MODULE = '''"""Mail sync {j} of {pkg}, on its own client and on {other}'s."""
from {pkg}.clients import client
from {other}.clients import client as other_client


def inbox_{j}():
    return client.messages.where(in_="inbox", limit=10).all()


def unread_{j}():
    return other_client.threads.where(unread=True).all()
'''


def monorepo(target: Path, packages: int, per_package=500, nylas_per_package=10) -> Path:
    """`packages` packages of `per_package` files; in each, clients.py builds a v2 client and mail/ holds
    sync modules that use it and another package's (imported from there); the rest is plain code."""
    if target.exists():
        return target
    for p in range(packages):
        pkg = target / f"pkg{p:02d}"
        (pkg / "mail").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "mail" / "__init__.py").write_text("")
        (pkg / "clients.py").write_text(CLIENT_MODULE)
        for j in range(nylas_per_package - 1):
            (pkg / "mail" / f"sync_{j}.py").write_text(
                SYNC_MODULE.format(pkg=pkg.name, other=f"pkg{(p + 1 + j) % packages:02d}", j=j))
        clean = per_package - nylas_per_package - 2
        subs = 8
        for s in range(subs):
            sub = pkg / f"sub{s}"
            sub.mkdir()
            (sub / "__init__.py").write_text("")
            count = clean // subs - 1 + (1 if s < clean % subs else 0)
            for k in range(count):
                (sub / f"mod{k:03d}.py").write_text(
                    CLEAN_MODULE.format(pkg=pkg.name, sub=sub.name, k=k, nxt=(k + 1) % count))
    return target


# -- the ceilings measured for issue 7 (dense throughput of any engine on libcst's tree) -------------------------

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
# The parse, then one visit of every node (a plain attribute walk, cheaper than a CSTVisitor, which rebuilds
# each node): the ceiling of any engine that reads libcst's tree once.
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


def compile_package() -> None:
    """Write the package's bytecode, as `pip install` does for every user. Without it (a source checkout
    run with PYTHONDONTWRITEBYTECODE=1, as in CI) each run would compile every codemods module again,
    ~15 ms that no installed copy pays, while libcst, click and yaml (installed) never pay it."""
    import compileall

    compileall.compile_dir(str(ROOT / "codemods"), quiet=1)


# -- the report -------------------------------------------------------------------------------------------------

ROWS = []


def target(label, subject, baseline_label, baseline, limit, at_least=False, stretch=None):
    """One target: subject / baseline (or baseline / subject when `at_least`, a throughput) against limit."""
    ratio = baseline.wall / subject.wall if at_least else subject.wall / baseline.wall
    cpu = baseline.cpu / subject.cpu if at_least else subject.cpu / baseline.cpu
    ok = ratio >= limit if at_least else ratio <= limit
    verdict = "PASS" if ok else "MISS"
    if stretch is not None and ok:
        verdict += " (stretch " + ("PASS" if ratio >= stretch else "MISS") + f" >= {stretch}x)"
    ROWS.append((label, f"{subject.wall:.3f} s", f"{baseline_label} {baseline.wall:.3f} s", f"{ratio:.2f}x",
                 f"{cpu:.2f}x", ("≥ " if at_least else "≤ ") + f"{limit}x", verdict))


def info(label, subject, note=""):
    ROWS.append((label, f"{subject.wall:.3f} s", note, "", f"cpu {subject.cpu:.3f} s", "", ""))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--django", help="a Django source tree (default: pip download django==5.2.*, once)")
    ap.add_argument("--only", default="1,3,4,5", help="which scenarios (1 covers targets 1-2), e.g. --only 1,5")
    args = ap.parse_args()
    only = set(args.only.split(","))
    runs = 3 if args.quick else 7
    compile_package()
    workers = os.cpu_count() or 1
    CORPORA.mkdir(parents=True, exist_ok=True)

    # 1-2. The whole-repo sweep: Django alone, the 3 Nylas files alone, both together.
    django = django_source(args.django) if "1" in only else None
    if "1" not in only:
        pass
    elif django is None:
        print("no Django source (pip download failed; pass --django DIR): targets 1 and 2 are not measured")
    else:
        cache = Path(tempfile.gettempdir()) / "nylas-upgrade-bench"
        mixed = with_nylas_files(django, cache / "django-nylas")
        first = with_nylas_files(django, cache / "django-nylas-first", "a_nylas_app")
        last = with_nylas_files(django, cache / "django-nylas-last", "zz_nylas_app")
        three = small_tree(CORPORA / "three-nylas", V2_SNIPPET)
        grep = ["grep", "-rlI", "--include=*.py", "-i", "nylas"]
        got = measure({"grep": (grep + [str(django)], None), "grep+3": (grep + [str(mixed)], None),
                       "django": (SCRIPT + ["check", "-q", "."], django),
                       "three": (SCRIPT + ["check", "-q", "."], three),
                       "mixed": (SCRIPT + ["check", "-q", "."], mixed),
                       "first": (SCRIPT + ["check", "-q", "."], first),
                       "last": (SCRIPT + ["check", "-q", "."], last)}, runs)
        files = sum(1 for _ in mixed.rglob("*.py"))
        info(f"grep -rl floor, Django 5.2 + 3 Nylas files ({files} .py)", got["grep+3"])
        info("check, Django alone", got["django"])
        info("check, the 3 Nylas files alone (a directory)", got["three"])
        larger = got["django"] if got["django"].wall >= got["three"].wall else got["three"]
        target("1. check, Django + 3 Nylas files", got["mixed"], "larger part", larger, 1.15)
        target("1. check, Django + 3 Nylas files", got["mixed"], "grep", got["grep+3"], 5)
        for name, where in (("first", "walked first"), ("last", "walked last")):
            info(f"  the same, the 3 files {where}", got[name],
                 f"{got[name].wall / larger.wall:.2f}x larger part, cpu {got[name].cpu / larger.cpu:.2f}x")
        target("2. check, Django alone", got["django"], "grep", got["grep"], 2.5)

    if "3" in only:
        precommit(runs)
    if "4" in only:
        dense_throughput(args.quick, runs, workers)
    if "5" in only:
        scaling(runs)
    report(args.quick, runs, workers)


def precommit(runs) -> None:
    """3. pre-commit: the files named one by one."""
    pre_v2 = small_tree(CORPORA / "precommit-v2", V2_SNIPPET)
    pre_clean = small_tree(CORPORA / "precommit-clean", CLEAN_SNIPPET)
    one = import_case(CORPORA / "precommit-one", imported=False)
    imported = import_case(CORPORA / "precommit-import", imported=True)
    v2_files = [str(p) for p in sorted(pre_v2.glob("*.py"))]
    got = measure({"import": ([PY, "-c", "import libcst, click, yaml"], None),
                   "check v2": (SCRIPT + ["check", "-q", *v2_files], None),
                   "fix v2": (SCRIPT + ["fix", "--diff", "-q", *v2_files], None),
                   "check clean": (SCRIPT + ["check", "-q", *[str(p) for p in sorted(pre_clean.glob("*.py"))]], None),
                   "one": (SCRIPT + ["check", "-q", "mail/app.py"], one),
                   "imported": (SCRIPT + ["check", "-q", "mail/app.py"], imported)}, runs)
    info("interpreter + import libcst, click, yaml", got["import"])
    info("pre-commit: check, 3 clean files", got["check clean"], "was ≤ 0.06 s")
    info("pre-commit: fix --diff, 3 v2 files", got["fix v2"])
    target("3. pre-commit: check, 3 v2 files", got["check v2"], "import", got["import"], 1.3)
    target("3. pre-commit: check, 1 file, client imported", got["imported"], "client built there", got["one"], 1.3)



def dense_throughput(quick, runs, workers) -> None:
    """4. Nylas-dense throughput against libcst's parse alone."""
    dense = dense_tree(CORPORA / f"dense-{200 if quick else 500}", files=200 if quick else 500)
    dense_runs = max(2, runs // 2)
    cases = {"parse": ([PY, "-c", PARSE_ALL, str(dense), str(workers)], None),
             "fix": (TOOL + ["fix", "--diff", "-q", "-j", str(workers), str(dense)], None)}
    if not quick:  # the ceilings of issue 7, in the same rounds
        cases["walk"] = ([PY, "-c", PARSE_WALK, str(dense), str(workers)], None)
        cases["codegen"] = ([PY, "-c", PARSE_CODEGEN, str(dense), str(workers)], None)
    got = measure(cases, dense_runs)
    dense_files = sum(1 for _ in dense.glob("*.py"))
    info(f"libcst parse-only, {dense_files} Nylas-dense files, {workers} processes", got["parse"])
    target("4. fix --diff throughput, dense files", got["fix"], "parse-only", got["parse"], 0.45, at_least=True,
           stretch=0.55)
    if not quick:
        info("  ceiling: parse + one walk of every node", got["walk"],
             f"{got['parse'].wall / got['walk'].wall:.2f}x parse-only")
        info("  ceiling: parse + code generation (positions)", got["codegen"],
             f"{got['parse'].wall / got['codegen'].wall:.2f}x parse-only")


def scaling(runs) -> None:
    """5. Scaling on a synthetic monorepo whose packages import one another's clients."""
    mono = monorepo(CORPORA / "mono-10k", packages=20)
    mono2 = monorepo(CORPORA / "mono-20k", packages=40)
    got = measure({"10k": (SCRIPT + ["check", "-q", "."], mono), "20k": (SCRIPT + ["check", "-q", "."], mono2)},
                  max(2, runs // 2))
    info("check, monorepo 10,000 files (200 Nylas, 20 packages)", got["10k"])
    target("5. check, monorepo 20,000 files (400 Nylas)", got["20k"], "10,000 files", got["10k"], 2.2)
    peak = max(s.mb for s in got.values())
    ROWS.append(("5. peak memory, monorepo 20,000 files", f"{peak:.0f} MB", "", "", "", "≤ 250 MB",
                 "PASS" if peak <= 250 else "MISS"))


def report(quick, runs, workers) -> None:
    print(f"\nnylas-upgrade benchmark ({'quick' if quick else 'full'}; {workers} CPUs; Python "
          f"{sys.version.split()[0]}; min of {runs} interleaved runs; {time.strftime('%Y-%m-%d %H:%M')})\n")
    head = ("scenario", "wall", "baseline (same run)", "ratio", "cpu ratio", "target", "result")
    widths = [max(len(row[i]) for row in [head] + ROWS) for i in range(7)]
    for row in [head] + ROWS:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
