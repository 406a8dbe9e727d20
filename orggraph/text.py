"""Small text helpers shared by references, search and quote checks.

May import: nothing of orggraph.

>>> fold_name("Direktørkredsen") == fold_name("DIREKTOERKREDSEN")
True
>>> fold_name("Aabenraa") == fold_name("Åbenrå")
True
>>> fold_space("a  b\\n c")
'a b c'
"""

from __future__ import annotations

__all__ = ["fold_name", "fold_space"]

_DANISH = str.maketrans({"å": "aa", "æ": "ae", "ø": "oe", "é": "e"})


def fold_name(text: str) -> str:
    """Fold a name for matching: case, white space and æ/ø/å against ae/oe/aa."""
    return " ".join(text.casefold().translate(_DANISH).split())


def fold_space(text: str) -> str:
    """Collapse every run of white space to one space, and trim the ends."""
    return " ".join(text.split())
