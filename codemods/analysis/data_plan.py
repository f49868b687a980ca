"""What the data-flow pass (nylas_data.py) decided for one module: which of its functions receive Nylas data
from another module, and which functions it calls return Nylas data. Plain data (it travels to worker
processes inside Options), free of libcst like plan.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class Received:
    """A parameter of a top-level function of this module that call sites fill with Nylas data."""

    function: str
    param: str
    held: str = ""  # why its reads are reported, not rewritten ("" when every call site passes Nylas data)


@dataclass(frozen=True)
class Returned:
    """A function this module calls by `local` (`f`, or `module.f`) whose every return is Nylas data (the
    `.json()` of a request to a Nylas URL); `resource` is its v2 collection when it is known ("" otherwise)."""

    local: str
    resource: str = ""
    many: bool = False
    held: str = ""  # why the reads of its result are reported, not rewritten


@dataclass(frozen=True)
class DataPlan:
    received: Tuple[Received, ...] = ()
    returned: Tuple[Returned, ...] = ()


def data_plan(options, path: str) -> Optional[DataPlan]:
    data = getattr(options, "data", None)
    return data.get(path) if data else None
