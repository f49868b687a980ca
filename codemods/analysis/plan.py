"""What the whole-project pass decided for one module (plain data: it travels to worker processes inside
Options). Kept free of libcst, like options.py."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class ClientPlan:
    migrate: bool
    origin: str  # "path:line" of the constructor
    reason: str = ""  # why it stays on v2: the blocking uses, or the modules to fix with it
    dry: bool = False  # a first pass that only gathers facts: act as if it moved


@dataclass(frozen=True)
class ModulePlan:
    exported: Tuple[Tuple[str, ClientPlan], ...] = ()  # in the module that builds it: name -> plan
    imported: Tuple[Tuple[str, str, ClientPlan], ...] = ()  # where it is used: (local name, client|factory, plan)
    callees: Tuple[str, ...] = ()  # functions and classes whose client parameter moves with the client


def module_plan(options, path: str) -> Optional[ModulePlan]:
    project = getattr(options, "project", None)
    return project.get(path) if project else None
