"""HTTP clients bound to a Nylas base URL: the paths given to their methods are URL sites on that base.

    client = httpx.Client(base_url="https://api.nylas.com")        # also AsyncClient, aiohttp's ClientSession,
    client.get("/messages", params={"limit": 5})                   #   requests-toolbelt's BaseUrlSession

`client.get("/messages")` sends https://api.nylas.com/messages: the path is a v2 path on a Nylas base, exactly
like `API + "/messages"`. So each such path becomes a URL site whose base is the client's base (urls.Site with
a hole for the receiver), and the URL fixers rewrite it as they rewrite an absolute URL: the endpoint table,
query-parameter and body renames, the grant. The base then moves to the v3 host only when every path sent
through the client moves (analysis/bases.py, the shared-base rule): a Calendar path, a path the tool cannot
read, or the client handed to code it does not follow (reported here, EP120) keeps the base and every path on v2.
A Nylas base given to any other class (`NylasApi(base_url=...)`, rule kind `base_url_client`, EP109) is out of
sight in the same way: reported at `base_url=`, and its base stays on v2.

A client imported from another module is followed by the project pass (base_project.py), which hands each
module the clients it imports (Options.project, key "@base_clients").
"""
from __future__ import annotations

import re
from typing import Callable, Optional

import libcst as cst

from codemods.module_index import attr_key, dotted_name, scope_stack, scoped_key
from codemods.paths import HOLE
from codemods.urls_shapes import env_default, is_string_builder

CONSTRUCTORS = {"Client", "AsyncClient", "ClientSession", "BaseUrlSession"}
REQUESTS = {"get", "post", "put", "patch", "delete", "head", "options", "request", "stream"}
# Members that neither send a request nor hand the client on.
_HARMLESS = {"close", "aclose", "headers", "cookies", "auth", "timeout", "params", "base_url", "closed", "is_closed",
             "__enter__", "__aenter__", "__exit__", "__aexit__", "event_hooks", "trust_env", "verify"}
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
TRACED = "base_clients"  # ctx.traced: {id(call)} of the calls given a Nylas base URL that were handled here
ESCAPES = "base_client_escapes"  # ctx.traced: [(node, binding, what[, rule id])] uses the tool does not follow


def is_constructor(call: cst.Call) -> bool:
    name = dotted_name(call.func)
    return bool(name) and name.rsplit(".", 1)[-1] in CONSTRUCTORS


def base_argument(call: cst.Call) -> Optional[cst.BaseExpression]:
    """The base URL a constructor is given: `base_url=`, or BaseUrlSession's first positional argument."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == "base_url":
            return arg.value
    name = dotted_name(call.func) or ""
    if name.endswith("BaseUrlSession") and call.args and call.args[0].keyword is None and not call.args[0].star:
        return call.args[0].value
    return None


def base_binding(expr, resolver, template_of, hosts):
    """The Nylas base the expression holds (a bound name, a literal, an os.environ.get default), or None."""
    from codemods.bindings import bare_base_binding

    found = resolver.binding_of(expr)
    if found is not None:
        return found if found.template is not None else None
    value = env_default(expr) or expr
    t = template_of(value) if is_string_builder(value) else None
    return bare_base_binding("base_url", t, hosts) if t is not None else None


def client_sites(ctx, resolver, template_of: Callable, hosts, single_assignment: Callable) -> list:
    """URL sites for the paths sent through every Nylas base-URL client of the module (and the imported ones)."""
    traced = ctx.traced.setdefault(TRACED, set())
    escapes = ctx.traced.setdefault(ESCAPES, [])
    sites: list = []
    for call in ctx.index.calls:
        expr = base_argument(call)
        binding = base_binding(expr, resolver, template_of, hosts) if expr is not None else None
        if binding is None:
            continue
        if is_constructor(call):
            traced.add(id(call))
            _follow(ctx, call, binding, template_of, single_assignment, sites, escapes)
        elif binding.template.root is not expr:
            # An own or third-party wrapper given a named base: how it sends its paths is out of sight (EP109),
            # and the name may carry other URLs that would move the host. (A literal given to it is a base no
            # URL here is built on: held with EP113, analysis/bases.py.)
            traced.add(id(call))
            escapes.append((expr, binding, f"{_short(ctx, call.func)}(...) is not a client the tool reads", "EP109"))
    for attr in ctx.index.attributes.get("base_url", ()):  # client = httpx.Client(); client.base_url = API
        assign = ctx.parent(ctx.parent(attr))
        if not (isinstance(ctx.parent(attr), cst.AssignTarget) and isinstance(assign, cst.Assign)
                and isinstance(attr.value, cst.Name)):
            continue
        binding = base_binding(assign.value, resolver, template_of, hosts)
        key = scoped_key(ctx.index, attr.value.value, scope_stack(ctx.index.parents, attr.value))
        built = ctx.index.assignments.get(key, ())
        if binding is None or len(built) != 1 or not (
                isinstance(built[0], cst.Call) and is_constructor(built[0]) and base_argument(built[0]) is None):
            continue  # (a client given base_url= when built is followed above)
        traced.add(id(built[0]))
        _follow_key(ctx, key, attr.value, binding, template_of, single_assignment, sites, escapes)
    from codemods.analysis.base_imported import imported_clients

    for key, binding, node in imported_clients(ctx):
        _follow_key(ctx, key, None, binding, template_of, single_assignment, sites, escapes)
    return sites


def _follow(ctx, call, binding, template_of, single_assignment, sites, escapes) -> None:
    parent = ctx.parent(call)
    target = None
    if isinstance(parent, cst.WithItem) and parent.item is call and parent.asname is not None:
        target = parent.asname.name
    elif isinstance(parent, (cst.Assign, cst.AnnAssign)) and parent.value is call:
        targets = [t.target for t in parent.targets] if isinstance(parent, cst.Assign) else [parent.target]
        target = targets[0] if len(targets) == 1 else None
    elif isinstance(parent, cst.Attribute) and parent.value is call:  # httpx.Client(base_url=...).get("/x")
        _use(ctx, call, binding, template_of, single_assignment, sites, escapes)
        return
    if isinstance(target, cst.Name):
        key = scoped_key(ctx.index, target.value, scope_stack(ctx.index.parents, target))
        if key[0] == 0:  # a module-level client: other modules may import it (base_project.py)
            ctx.traced.setdefault("base_client_bindings", {})[target.value] = binding
        if isinstance(parent, cst.WithItem) or len(ctx.index.assignments.get(key, ())) == 1:
            _follow_key(ctx, key, target, binding, template_of, single_assignment, sites, escapes)
            return
    elif target is not None and attr_key(target) and sum(1 for k, _, _ in ctx.index.pairs if k == (0, attr_key(target))) == 1:
        _follow_key(ctx, (0, attr_key(target)), target, binding, template_of, single_assignment, sites, escapes)
        return
    escapes.append((call, binding, "the client is not kept in one name the tool can follow"))


def _follow_key(ctx, key, target, binding, template_of, single_assignment, sites, escapes) -> None:
    """Every read of the name (or `self.attr`) that holds the client, within the scopes that see it."""
    name = key[1]
    if name.startswith("."):
        reads = [a for a in ctx.index.attributes.get(name[1:], ()) if attr_key(a) == name]
    elif "." in name:  # `http_mod.nylas_http`: a client imported with its module (base_project.py)
        reads = [a for a in ctx.index.attributes.get(name.rsplit(".", 1)[1], ()) if dotted_name(a) == name]
    else:
        reads = [n for n in ctx.index.names.get(name, ())
                 if scoped_key(ctx.index, name, scope_stack(ctx.index.parents, n)) == key]
    for node in reads:
        if node is target:
            continue
        parent = ctx.parent(node)
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            continue  # `other.client`: an attribute of something else, not this name
        if isinstance(parent, (cst.AssignTarget, cst.AsName, cst.Param, cst.ImportAlias, cst.Arg)) and (
                getattr(parent, "keyword", None) is node or not isinstance(parent, cst.Arg)):
            continue  # a keyword's name, or a binding place (a second binding is counted by the caller)
        if isinstance(parent, (cst.Del, cst.ImportFrom, cst.Import)) or (
                isinstance(parent, cst.Attribute) and isinstance(ctx.parent(parent), (cst.ImportFrom, cst.ImportAlias))):
            continue  # `from .http import ...`: a module's name, not a read of the client
        _use(ctx, node, binding, template_of, single_assignment, sites, escapes)


def _use(ctx, receiver, binding, template_of, single_assignment, sites, escapes) -> None:
    """One read of the client: a request (a URL site for its path), a harmless member, or an escape."""
    parent = ctx.parent(receiver)
    if isinstance(parent, cst.Attribute) and parent.value is receiver:
        member = parent.attr.value
        call = ctx.parent(parent)
        if member in _HARMLESS:
            return
        if member in REQUESTS and isinstance(call, cst.Call) and call.func is parent:
            site = _request_site(ctx, receiver, call, member, binding, template_of, single_assignment)
            if site is not None:
                sites.extend(site)
            return
        escapes.append((parent, binding, f"{_short(ctx, parent)} is not a request the tool reads"))
        return
    if isinstance(parent, cst.Arg):
        call = ctx.parent(parent)
        what = f"passed to {_short(ctx, call.func)}(...)" if isinstance(call, cst.Call) else "passed on"
        escapes.append((receiver, binding, what))
        return
    if isinstance(parent, (cst.Return, cst.Yield)):
        escapes.append((receiver, binding, "returned to the caller"))
        return
    escapes.append((receiver, binding, "used in a way the tool does not follow"))


def _request_site(ctx, receiver, call, member, binding, template_of, single_assignment) -> Optional[list]:
    from codemods.forwarding import forward
    from codemods.urls import Piece, Site, Template

    positional = [a.value for a in call.args if a.keyword is None and not a.star]
    keyword = next((a.value for a in call.args if a.keyword is not None and a.keyword.value == "url"), None)
    index = 1 if member in ("request", "stream") else 0
    path = keyword if keyword is not None else positional[index] if len(positional) > index else None
    if path is None:
        return None  # no URL at all (a call the library would reject): nothing to move
    value = single_assignment(call, path.value) if isinstance(path, cst.Name) else path
    t = template_of(value) if value is not None and is_string_builder(value) else None
    if t is not None and _ABSOLUTE.match(t.text):
        return None  # an absolute URL overrides the base: a Nylas one is a URL site of its own
    if t is not None and t.pieces[0].text == HOLE:
        resolver = ctx.traced.get("resolver")
        if resolver is not None and resolver.binding_of(t.pieces[0].expr) is not None:
            return None  # f"{BASE}/x" on a Nylas base: an absolute URL, a site of its own
        t = None  # f"{prefix}/messages": a path the tool cannot read, reported on this client's base
    pieces = [Piece(HOLE, expr=receiver)] + (list(t.pieces) if t is not None else [Piece(HOLE, expr=path)])
    relative = t is None or not t.text.startswith("/")
    site = Site(Template(t.root if t is not None else path, pieces, relative_path=relative), base=binding,
                sent_by=path if t is None or t.root is not path else None)
    forwarded = forward(ctx, site, template_of, single_assignment) if t is None else None
    return forwarded if forwarded else [site]


def _short(ctx, node) -> str:
    text = ctx.module.code_for_node(node)
    return text if len(text) <= 40 else text[:37] + "..."


def commit_escapes(ctx, committed: list) -> None:
    """Each use of a client the tool does not follow: reported here, and counted as a path of its base that
    cannot move (so analysis/bases.py keeps the base and every path sent through the client on v2)."""
    from codemods.urls import Piece, Site, Template

    _Escape = _escape_class()
    note = ctx.note_rule("client_passed_on")
    for node, binding, what, *rule_id in ctx.traced.get(ESCAPES, ()):
        before = len(ctx.findings)
        if rule_id:  # the wrapper's own rule (it is a finding of its kind, said at its base)
            rule = ctx.rule(rule_id[0])
            if rule is not None:
                ctx.report(node, rule)
        elif note is not None:
            ctx.report(node, note, f"{what}: {note.message}")
        site = Site(Template(node, [Piece(HOLE, expr=node)]), base=binding)
        committed.append(_Escape(site, f"the client {what}", [], ctx.findings[before:]))


def _escape_class():
    from codemods.analysis.bases import Committed

    class Escape(Committed):
        def moves(self, endpoint_ids, stuck_ids) -> bool:
            return False  # the requests made through it are out of sight: never a path that moves

    return Escape


def escape_count(ctx) -> int:
    return len(ctx.traced.get(ESCAPES, ()))

