"""Decide, per v2 client, whether it moves to the v6 SDK: all of it, or none of it.

Issue 13 class 7 and issue 12 ("migrating a client and all its users together"): a client moves to v6 only
when every constructor can be rewritten and every use of it is rewritten. One use that cannot move (a
Calendar/Events/Contacts call, `client.account`, a native-auth call, a `**kwargs` constructor) keeps the
client and all its uses, in every module, on v2; each is reported, and each constructor names the uses
that hold it back. Pure: facts in, a decision out (unit-tested with hand-written facts).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional, Tuple


@dataclass(frozen=True)
class Place:
    """Where something is, and what it is, in words a finding can quote."""

    module: str  # the path as the run displays it
    line: int
    what: str  # e.g. "nylas.events.where(...)" or "APIClient(**CONFIG)"

    def describe(self, here: Optional[str] = None) -> str:
        where = f"line {self.line}" if self.module == here else f"{self.module}:{self.line}"
        return f"{where} {self.what}"


@dataclass(frozen=True)
class Use:
    place: Place
    moves: bool  # the apply step rewrites it to v6 (or it needs no rewrite)
    outside_run: bool = False  # in a module this run does not fix (pre-commit on a subset of files)


@dataclass(frozen=True)
class Constructor:
    place: Place
    readable: bool  # its arguments map onto Client(api_key=..., api_uri=...)


@dataclass(frozen=True)
class ClientFacts:
    constructors: Tuple[Constructor, ...]
    uses: Tuple[Use, ...]


@dataclass(frozen=True)
class Decision:
    migrate: bool
    blockers: Tuple[Place, ...] = ()  # constructors and uses that cannot move
    outside: Tuple[str, ...] = ()  # modules outside the run that would have to move with it

    def blocker_text(self, here: Optional[str] = None, limit: int = 4) -> str:
        shown = [b.describe(here) for b in self.blockers[:limit]]
        more = len(self.blockers) - limit
        return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def decide(facts: ClientFacts) -> Decision:
    """Migrate only when every constructor is readable, every use moves, and every module holding a use is
    part of this run; otherwise keep the client on v2 and say why (blockers first, in source order)."""
    blockers = [c.place for c in facts.constructors if not c.readable]
    blockers += [u.place for u in facts.uses if not u.moves]
    if blockers:
        return Decision(False, tuple(_ordered(blockers)))
    outside = sorted({u.place.module for u in facts.uses if u.outside_run})
    if outside:
        return Decision(False, (), tuple(outside))
    return Decision(True)


def _ordered(places: Iterable[Place]):
    return sorted(set(places), key=lambda p: (p.module, p.line, p.what))
