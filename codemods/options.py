"""Run options (grant, rule selection). Free of libcst on purpose: the CLI builds these before it knows
whether any file needs parsing, and a run over clean files must never import libcst."""
from __future__ import annotations

from dataclasses import dataclass
from typing import FrozenSet, Mapping, Optional, Tuple


@dataclass(frozen=True)
class Options:
    grant: str = "me"  # "me", or a Python expression for the grant identifier
    select: Tuple[str, ...] = ()  # rule ids or prefixes to report and apply (all when empty)
    ignore: Tuple[str, ...] = ()
    add_todos: bool = False  # fix --add-todos: manual findings also become TODO comments (todos.py)
    changed_lines: Optional[Mapping[str, Optional[FrozenSet[int]]]] = None  # --since: since.changed_lines()
    base_names: Tuple[str, ...] = ()  # [tool.nylas-upgrade] base-names: names that hold a Nylas base URL
    project: Optional[Mapping[str, object]] = None  # display path -> analysis.plan.ModulePlan (clients across modules)
    # The run's Nylas requests, for the modules that mock them (analysis/requests_made.py); None: not gathered
    requests_made: Optional[Tuple[object, ...]] = None
    data: Optional[Mapping[str, object]] = None  # display path -> analysis.data_plan.DataPlan (Nylas data across modules)
    bases: Optional[Mapping[str, object]] = None  # display path -> its part of analysis/base_project's plan

    def wants(self, rule_id: str) -> bool:
        """Selection filters what is reported and rewritten, never what is analysed: a query
        parameter rule still needs the endpoint rules to know which resource a URL is."""
        if self.select and not rule_id.startswith(self.select):
            return False
        return not (self.ignore and rule_id.startswith(self.ignore))

    @property
    def grant_text(self) -> Optional[str]:
        """The grant as plain path text when it is a constant (`me` or a string literal), else None."""
        if self.grant == "me":
            return "me"
        import ast

        try:
            node = ast.parse(self.grant, mode="eval").body
        except SyntaxError:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return None
