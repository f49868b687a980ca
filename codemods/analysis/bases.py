"""A shared Nylas base URL moves to the v3 host only when every path built on it moves (issue 13 class 4).

`API = "https://api.nylas.com"` used by `API + "/messages"` and by `API + "/connect/token"` (native auth, no v3
path): moving the host would break the one request that still works on v2, and moving only the messages
path would send a v3 path to the v2 host. So the base and every URL built on it in this module stay on v2
together, the base says which paths hold it back, and each URL that would have moved says why it did not.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List


@dataclass
class Committed:
    """One URL site and what its commit added to the module's results."""

    site: object  # urls.Site
    path: str  # the v2 path the URL asks for (base path included)
    edits: list = field(default_factory=list)
    findings: list = field(default_factory=list)
    plan: object = None  # the site_plan.SitePlan committed (endpoint and method, for analysis/mocks.py)

    def moves(self, endpoint_ids, stuck_ids) -> bool:
        """False when the commit left a v2 path in place and said so (no v3 path, unreadable, blocked)."""
        if any(e.rule in endpoint_ids for e in self.edits):
            return True
        if any(f.rule in stuck_ids or (f.rule in endpoint_ids and not f.fixable) for f in self.findings):
            return False
        path = self.path.lstrip("/")  # urljoin(base, "v3/grants/...") after a first run
        return not (self.path.startswith("/") and path[:1].isalpha() and not path.startswith("v3/"))


_STUCK_NOTES = ("unknown_path", "unresolved_path", "grant_not_insertable", "method_not_supported", "client_passed_on")


def site_path(sp) -> str:
    parts, base = sp.parts, sp.site.base
    return (base.path if base is not None else "") + sp.text[parts.path_start:parts.path_end]


def hold_shared_bases(ctx, committed: List[Committed]) -> None:
    endpoint_ids = {r.id for r in ctx.rules.of_kind("endpoint")}
    stuck_ids = {r.id for r in ctx.rules.of_kind("manual_endpoint")}
    stuck_ids |= {r.id for r in ctx.rules.of_kind("note") if r.get("when") in _STUCK_NOTES}
    groups: Dict[int, List[Committed]] = {}
    for c in committed:
        base = c.site.base
        if base is not None and base.template is not None:
            groups.setdefault(id(base.template), []).append(c)
    for group in groups.values():
        stuck = [c for c in group if not c.moves(endpoint_ids, stuck_ids)]
        if stuck:
            _hold(ctx, group[0].site.base, [c for c in committed if c.site.template is group[0].site.base.template],
                  group, stuck)


def hold_unseen_bases(ctx, committed: List[Committed]) -> None:
    """A bare Nylas host (no path) that no URL of this module is built on: its users are elsewhere (a module that
    imports it, a framework that joins paths to it), where this run cannot see whether their paths move. Its host
    stays on v2 (moving it alone sends v2 paths to the v3 host), and it says so."""
    note = ctx.note_rule("base_unseen")
    if note is None:
        return
    bases = {id(c.site.base.template) for c in committed if c.site.base is not None and c.site.base.template is not None}
    for c in committed:
        if c.site.base is not None or id(c.site.template) in bases or c.path.strip("/") or not c.edits:
            continue
        if c.path.startswith("/v3") or "/v3/" in c.site.template.text or _sdk_server(ctx, c.site.template.root):
            continue
        taken = {id(e) for e in c.edits}
        ctx.edits = [e for e in ctx.edits if id(e) not in taken]
        taken = {id(f) for f in c.findings if f.fixable}
        ctx.findings = [f for f in ctx.findings if id(f) not in taken]
        ctx.report(c.site.template.root, note)


def _sdk_server(ctx, node) -> bool:
    """The SDK client's own server (APIClient(..., api_server=...), Client(api_uri=...), client.api_server = ...,
    also as a default: `os.environ.get(...) or "https://api.nylas.com"`): the SDK fixers decide its host with the
    client it belongs to."""
    import libcst as cst

    from codemods.module_index import dotted_name

    for _ in range(4):
        parent = ctx.parent(node)
        if isinstance(parent, cst.Arg):
            if parent.keyword is not None and parent.keyword.value in ("api_server", "api_uri"):
                return True
            call = ctx.parent(parent)
            name = dotted_name(call.func) if isinstance(call, cst.Call) else None
            if name and name.rsplit(".", 1)[-1] == "APIClient":
                return True
        elif isinstance(parent, cst.Assign):
            return any(isinstance(t.target, cst.Attribute) and t.target.attr.value == "api_server"
                       for t in parent.targets)
        elif not isinstance(parent, (cst.BooleanOperation, cst.Call, cst.Arg)):
            return False
        node = parent
    return False


def _shown(path: str) -> str:
    from codemods.paths import HOLE

    return path.replace(HOLE, "{...}").strip() or "(a path built elsewhere)"


def _line(ctx, node) -> int:
    return ctx.line_col(node)[0]


def _hold(ctx, base, own, group, stuck) -> None:
    base_note, site_note = ctx.note_rule("base_held"), ctx.note_rule("url_held_by_base")
    why = "; ".join(getattr(c, "shown", None) or f"line {_line(ctx, c.site.template.root)} {_shown(c.path)}"
                    for c in stuck[:4])  # `shown`: paths in other modules (base_project.py)
    if len(stuck) > 4:
        why += f"; and {len(stuck) - 4} more"
    taken_edits = {id(e) for c in own + group for e in c.edits}
    # What a URL that now stays on v2 said about v3 (a fix, the v3 reply's shape) is no longer true of it;
    # what must change in it before it can move (a body field v3 lacks) still is.
    v3_only = {r.id for r in ctx.rules.of_kinds(("response_envelope", "listing_note"))}
    taken_findings = {id(f) for c in own + group for f in c.findings
                      if f.fixable or (c not in stuck and f.rule in v3_only)}
    ctx.edits = [e for e in ctx.edits if id(e) not in taken_edits]
    ctx.findings = [f for f in ctx.findings if id(f) not in taken_findings]
    root = base.template.root
    if base_note is not None:
        ctx.report(root, base_note, f"{base.key}: held back by {why}: {base_note.message}")
    if site_note is not None:
        for c in group:
            if c not in stuck:
                ctx.report(c.site.template.root, site_note,
                           f"{site_note.message} ({base.key}, line {_line(ctx, root)}; held back by {why})")
