"""The whole-project pass: which v2 clients cross modules, and whether each moves to v6 with all its users.

1. Index (index.py, CPython's ast): modules of this run that build an `APIClient` at module level, or return
   one from a function, export it. Only files whose bytes say `APIClient` are parsed for this, so a run over
   code that never uses the v2 SDK (the standard library, Django) pays one bytes search per file.
2. Resolve (resolve.py): the modules of this run that import such a name (`from app import nylas`,
   `from .mail import make_client`), found as Python would find the import.
3. Decide (decide.py): every module of a client is first run as if the client moved (a dry run that only
   gathers facts: which uses the rewrite covers); the client moves only if every use in every module does,
   and only if the run covers the whole project (else the modules outside it could hold uses).
4. Apply: the plan travels in Options.project; each module's SDK fixer reads its part (fixers/sdk.py).
"""
from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from codemods.analysis import trees
from codemods.analysis.decide import ClientFacts, Place, Use, decide
from codemods.analysis.index import facts_of_tree
from codemods.analysis.plan import ClientPlan, ModulePlan
from codemods.analysis.resolve import covers as _covers, import_root, module_file


def _display(path: Path) -> str:
    from codemods.engine import display_path

    if _DISPLAYS is None:
        return display_path(path)
    key = str(path)  # (not the Path: on Windows two spellings of one path are equal, and display differently)
    if key not in _DISPLAYS:  # a plan shows the same origins and members over and over: a relpath each time
        _DISPLAYS[key] = display_path(path)
    return _DISPLAYS[key]


_DISPLAYS: Optional[dict] = None  # str(path) -> its display path, during one plan (the working directory is fixed)


def _resolve(path: Path) -> Path:
    """path.resolve(), once per path during a plan (its passes resolve the same consumers and targets again)."""
    if _RESOLVED is None:
        return path.resolve()
    key = str(path)
    if key not in _RESOLVED:
        _RESOLVED[key] = path.resolve()
    return _RESOLVED[key]


_RESOLVED: Optional[dict] = None  # str(path) -> path.resolve(), during one plan (symlinks do not move meanwhile)
_TREES: Optional[dict] = None  # resolved path -> ast tree (None: does not parse), shared by one plan's passes


def _tree(path: Path, raw: bytes):
    """The module's ast, parsed once per plan (the origin, consumer and parameter passes read the same files)."""
    from codemods.analysis.calls import _parse

    return _parse(raw, _TREES if _TREES is not None else {}, _resolve(path))


def _origins(files: Sequence[Tuple[Path, bytes]], raw_of, annotated=None) -> Dict[Path, Dict[str, int]]:
    """Modules that export a client: path -> {name: line of its constructor} (clients and factories).
    annotated, if given, gets (path, name) of each factory known only by its `-> APIClient` annotation."""
    out = {}
    for path, raw in files:
        if b"APIClient" not in raw or not str(path).endswith(".py"):
            continue
        try:
            tree = _tree(path, raw)
            if tree is None:
                continue
            facts = facts_of_tree(tree)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        from codemods.analysis.shared_state import PREFIX

        names = {**facts.clients, **facts.factories, **facts.contexts,
                 **{PREFIX + path: line for path, line in facts.shared.items()}}
        if names:  # (every exported name, the factories, the context managers)
            raw_of.seed(path, raw)
            out[_resolve(path)] = (names, set(facts.factories), set(facts.contexts))
            if annotated is not None:
                annotated.update((_resolve(path), name) for name in facts.annotated)
    return out


def _consumers(files, origins, raw_of) -> List[Tuple[Path, str, str, Path, str]]:
    """(consumer, local name, client|factory, origin, name) for each `from X import name` of an exported name."""
    words = {n for names, _, _ in origins.values() for n in names}
    pattern = re.compile(rb"\b(?:%s)\b" % b"|".join(re.escape(w.encode()) for w in sorted(words)))
    imported = _imported_words(words)  # slower than pattern: only where pattern finds a word
    present = _any_of(w.encode() for w in words)  # plain bytes first: faster than pattern where no word is
    out = []
    for path, raw in files:
        if not str(path).endswith(".py") or b"import" not in raw or not present(raw) or not pattern.search(raw) or (
                not imported.search(raw)):
            continue
        tree = _tree(path, raw)
        if tree is None:
            continue
        for node in trees.imports(tree):
            if not isinstance(node, ast.ImportFrom) or (node.module or "").split(".")[0] in ("nylas", "nylas_legacy"):
                continue
            target = module_file(path, node.module, node.level)
            target = _resolve(target) if target is not None else None
            if target not in origins or target == _resolve(path):
                continue
            names, factories, contexts = origins[target]
            for alias in node.names:
                if alias.name in names:
                    raw_of.seed(path, raw)
                    kind = "factory" if alias.name in factories else "context" if alias.name in contexts else "client"
                    out.append((path, alias.asname or alias.name, kind, target, alias.name))
    return out


def _any_of(needles, most: int = 16):
    """raw -> does raw hold one of needles (as plain bytes)? A gate before a regex that needs one of them: a few
    substring searches cost less than one search of an alternation (which tries every position); past `most`
    needles the gate would cost more than it saves, and lets every file through."""
    needles = sorted(set(needles))
    if len(needles) > most:
        return lambda raw: True
    return lambda raw: any(n in raw for n in needles)


def _imported_words(words):
    """A search that finds every file whose `from ... import` names one of words (and some others): only those
    are parsed. The names follow `import` in the same statement: on its line (or lines joined by a backslash),
    or inside its parentheses, comments included. Words that are not ASCII (where \\b would not frame them):
    any file that holds one."""
    alternatives = b"|".join(re.escape(w.encode()) for w in sorted(words))
    if not all(w.isascii() for w in words):
        return re.compile(rb"\b(?:%s)\b" % alternatives)
    # Each character can be matched one way only (a comment runs to its newline; a backslash is the start of a
    # continuation or nothing), so a failing search cannot backtrack exponentially.
    return re.compile(rb"\bimport\b(?:[\s\\]*\((?:[^)#]|#[^\n]*\n)*?|(?:[^\n;()\\]|\\\r?\n)*?)\b(?:%s)\b" % alternatives)


def _wrapping_factories(files, consumers, raw_of):
    """`from accounts.clients import make_client` then `def mailbox_for(user): return make_client(user.token)`:
    mailbox_for is a factory of the same client, and the modules importing it are its users too."""
    from codemods.analysis.module_attrs import called as _called_name  # make_client(...), mail.make_client(...)

    wrappers: Dict[Path, tuple] = {}  # module -> ({function: line}, {function}, set()), like _origins
    group_of: Dict[Tuple[Path, str], Tuple[Path, str]] = {}
    for path, local, kind, origin, name in consumers:
        if kind != "factory":
            continue
        try:
            tree = trees.parse(raw_of[path.resolve()][1])
        except KeyError:
            continue
        if tree is None:
            continue
        for node in tree.body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            bound = {t.id for inner in ast.walk(node) if isinstance(inner, ast.Assign) and _called_name(
                inner.value) == local for t in inner.targets if isinstance(t, ast.Name)}
            if any(isinstance(r, ast.Return) and r.value is not None and (
                    _called_name(r.value) == local or (isinstance(r.value, ast.Name) and r.value.id in bound))
                   for r in ast.walk(node)):
                names, factories, _ = wrappers.setdefault(path.resolve(), ({}, set(), set()))
                names[node.name] = node.lineno
                factories.add(node.name)
                group_of[(path.resolve(), node.name)] = (origin, name)
    if not wrappers:
        return []
    return [(path, local, "factory") + group_of[(target, name)]
            for path, local, _, target, name in _consumers(files, wrappers, raw_of)]


def _shared_readers(files, origins, raw_of):
    """Modules reading a client kept in app state (`request.app.state.nylas`, `g.nylas`): shared_state.py."""
    from codemods.analysis.shared_state import PREFIX, readers

    shared = {name[1:]: (origin, name) for origin, (names, _, _) in origins.items() for name in names
              if name.startswith(PREFIX)}
    if not shared:
        return []

    def parse(path, raw):
        try:
            return ast.parse(raw)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None

    found = readers(files, shared, parse)
    raws = dict(files) if found else {}
    for path, *_ in found:
        raw_of.seed(path, raws.get(path, b""))
    return found


def plan(run_paths: Sequence[Path], files: Sequence[Tuple[Path, bytes]], rules, options) -> Optional[dict]:
    """display path -> ModulePlan for every module of a client that crosses modules; None when there is none."""
    global _TREES, _DISPLAYS, _RESOLVED
    _TREES, _DISPLAYS, _RESOLVED = {}, {}, {}
    try:
        from codemods.analysis import hint_plan  # `# nylas-upgrade: client` hints

        return hint_plan.apply(_plan(run_paths, files, rules, options) or {}, run_paths, files, rules, options) or None
    finally:
        _TREES = _DISPLAYS = _RESOLVED = None


def _plan(run_paths, files, rules, options) -> Optional[dict]:
    raw_of = _Resolved(files)
    annotated: set = set()
    origins = _origins(files, raw_of, annotated)
    if not origins:
        return None
    from codemods.analysis import module_attrs

    consumers = _consumers(files, origins, raw_of) + _shared_readers(files, origins, raw_of)
    consumers += module_attrs.consumers(files, origins, raw_of, _tree)  # `import app` then app.nylas
    read_settings, ambiguous = module_attrs.settings_consumers(files, origins, raw_of, _tree)  # settings.NYLAS
    consumers += read_settings
    consumers += _wrapping_factories(files, consumers, raw_of)
    from codemods.analysis.hint_plan import hinted_callees

    hinted = hinted_callees(files) if any(b"nylas-upgrade: client" in raw for _, raw in files) else set()
    groups: Dict[Tuple[Path, str], list] = {}
    for consumer, local, kind, origin, name in consumers:
        groups.setdefault((origin, name), []).append((consumer, local, kind))
    from codemods.analysis.calls import param_clients

    for callee, local, kind, group in param_clients(files, origins, consumers, raw_of, _TREES):  # shapes 5 and 6
        groups.setdefault(group, []).append((raw_of[callee][0], local, kind))
    project: Dict[str, ModulePlan] = {}
    unfollowed = module_attrs.UnfollowedUses(files, [group for group in groups if group[1][:1] != "@"])
    for (origin, name), users in sorted(groups.items()):
        names = origins[origin][0]
        where = f"{_display(origin)}:{names[name]}"
        members = [origin] + sorted({_resolve(c) for c, _, _ in users} - {origin})
        dry = ClientPlan(True, where, dry=True)
        callees = tuple(sorted({local.split(".")[0] for _, local, kind in users if kind in ("param", "attr")}
                               | (hinted_callees(files, _hint_root(origin)) if hinted else set())))
        # (as if the hints of its project moved: hint_plan.py holds the project's clients if they do not)
        dry_plan = {_display(origin): ModulePlan(exported=((name, dry),))}
        for c, local, kind in users:
            _add(dry_plan, _display(c), ModulePlan(imported=((local, kind, dry),)))
        for member in members:
            _add(dry_plan, _display(member), ModulePlan(callees=callees))
        dry_options = replace(options, project=dry_plan)
        ctors, uses = [], []
        for member in members:
            path, raw = raw_of[member]
            facts = _dry_facts(path, raw, rules, dry_options)
            if facts is None or (member != origin and not facts[2]):  # unknown uses hold it back like known ones
                uses.append(Use(Place(_display(path), 1, "(its uses there could not be rewritten: the module could "
                                      "not be analysed, or builds an APIClient of its own)"), False))
                continue
            ctors += facts[0]
            uses += facts[1]
        for path, line in unfollowed.of(origin, name, set(members)) if name[:1] != "@" else ():
            uses.append(Use(Place(_display(path), line, f"{_stem(origin)}.{name} (a module attribute read "
                                  "through a module object the tool does not follow)"), False))
        if (origin, name) in ambiguous:
            uses.append(Use(Place(_display(origin), names[name], ambiguous[(origin, name)]), False))
        if (origin, name) in annotated:  # `-> APIClient`, built where the tool cannot see: it cannot move it
            uses.append(Use(Place(_display(origin), names[name], f"{name}() (annotated to return an APIClient "
                                  "whose constructor is not in its module)"), False))
        decision = decide(ClientFacts(tuple(ctors), tuple(uses)))
        if decision.migrate and not _covers(run_paths, origin):
            root = _display(import_root(origin)) if _display(import_root(origin)) != "" else "."
            reason = ("used in other modules, and this run does not cover every module that may import it: "
                      f"fix them in one run over the project, `nylas-upgrade fix {root}` (seen using it: "
                      + ", ".join(_display(m) for m in members[1:]) + ")")
            final = ClientPlan(False, where, reason)
        elif decision.migrate:
            final = ClientPlan(True, where)
        else:
            final = ClientPlan(False, where, "held back by " + decision.blocker_text())
        _add(project, _display(origin), ModulePlan(exported=((name, final),)))
        for consumer, local, kind in users:
            _add(project, _display(consumer), ModulePlan(imported=((local, kind, final),)))
        if final.migrate:  # callers need not be told that the callee may still make v2 calls (SDK006)
            for member in members:
                _add(project, _display(member), ModulePlan(callees=callees))
    for (origin, name), why in ambiguous.items():  # the other settings modules that assign the same name
        if (origin, name) not in groups:
            where = f"{_display(origin)}:{origins[origin][0][name]}"
            _add(project, _display(origin), ModulePlan(exported=((name, ClientPlan(False, where, "held back by "
                                                                                     + why)),)))
    covered = {origin: (origin.parent.name if origin.name == "__init__.py" else origin.stem).encode()
               for origin in origins if _covers(run_paths, origin)}
    dotted = _dotted_uses(files, set(covered.values()), {n for o in covered for n in origins[o][0]})
    settings_read = _dotted_uses(files, {b"settings"}, {n for o in covered if module_attrs.is_settings(o)
                                                       for n in origins[o][0]})
    for origin, stem in covered.items():  # a module-level client nobody imports
        names, factories, contexts = origins[origin]
        for name in names:
            if (stem, name.encode()) in dotted or (module_attrs.is_settings(origin) and (b"settings", name.encode())
                                                   in settings_read):
                continue  # `import app` then app.nylas, settings.NYLAS: users the pass does not follow; it stays held
            if name not in factories and name not in contexts and (origin, name) not in groups and not (
                    name.startswith("@")):  # app state nobody reads by its path: read some other way, held
                _add(project, _display(origin), ModulePlan(exported=((name, ClientPlan(True, "")),)))
    return project or None


def _hint_root(origin: Path) -> Path:
    from codemods.analysis.hint_plan import _root

    return _root(origin)


def _stem(origin: Path) -> str:
    return origin.parent.name if origin.name == "__init__.py" else origin.stem


def _dotted_uses(files, stems, names) -> set:
    """{(module stem, name)} written as `stem.name` in any file: one pass over the files for all the pairs (a
    search per pair and file grew with modules times files)."""
    if not stems or not names:
        return set()
    alternatives = lambda words: b"|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # noqa: E731
    pattern = re.compile(rb"\b(%s)\.(%s)\b" % (alternatives(stems), alternatives({n.encode() for n in names})))
    present = _any_of(b"." + n.encode() for n in names)  # every match holds `.name`
    seen = set()
    for _, raw in files:
        if present(raw):
            seen.update(pattern.findall(raw))
    return seen


class _Resolved(dict):
    """resolved path -> (path, raw), resolving the run's paths only when one is asked for that is not known
    yet (Path.resolve on every file of a big run costs more than the rest of the pass)."""

    def __init__(self, files):
        super().__init__()
        self._files = files
        self._done = False

    def __missing__(self, key):
        if not self._done:
            self._done = True
            for path, raw in self._files:
                self.setdefault(path.resolve(), (path, raw))
            if key in self:
                return dict.__getitem__(self, key)
        raise KeyError(key)

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def seed(self, path: Path, raw: bytes) -> None:
        self.setdefault(_resolve(path), (path, raw))


def _add(project, key, part: ModulePlan) -> None:
    have = project.get(key, ModulePlan())
    project[key] = ModulePlan(have.exported + part.exported, have.imported + part.imported,
                              have.callees + part.callees)


def _dry_facts(path: Path, raw: bytes, rules, options):
    """(constructor facts, use facts, moved an imported client?, findings) the SDK fixer records when the module
    is run as if its client moved."""
    from codemods.analysis.dry_run import dry_run

    return dry_run(path, raw, rules, options, _client_facts)


def _client_facts(ctx):
    facts = ctx.traced.get("client_facts", ((), ()))
    return facts[0], facts[1], bool(ctx.traced.get("imported_moved")), ctx.findings


def plan_run(run_paths, candidates, results, rules, options):
    """engine.run's hook: (options with the plan, candidates, results). A module that uses an imported client
    but names nothing Nylas (`from services.mail import default_client`) was skipped by the prefilter: it
    becomes a candidate when the plan names it."""
    others = trees.skipped_sources(results)
    project = plan(run_paths, list(candidates) + others, rules, options)
    if not project:
        return options, candidates, results
    added = [(p, raw) for p, raw in others if str(p) in project]
    names = {str(p) for p, _ in added}
    return (replace(options, project=project), list(candidates) + added,
            [r for r in results if r.path not in names])
