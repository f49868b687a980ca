"""The byte prefilter: does a file contain any rule's trigger word (ASCII, case-insensitive)?

Measured on 300 stdlib files: an IGNORECASE regex alternation took 120 ms, one lower() plus a C
substring search per word takes 7 ms. Words that contain another word are dropped (any file with
"api.nylas.com" also has "nylas"). Imports nothing: it is on the fast path.
"""
from __future__ import annotations


class Prefilter:
    def __init__(self, words) -> None:
        lowered = sorted({w.lower().encode("ascii") for w in words}, key=len)
        self.words = tuple(w for i, w in enumerate(lowered) if not any(s in w for s in lowered[:i]))

    def search(self, data: bytes) -> bool:
        low = data.lower()
        return any(w in low for w in self.words)
