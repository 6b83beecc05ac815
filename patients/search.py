"""Accent- and case-blind search text: one normalisation for stored rows and queries."""

from __future__ import annotations

import unicodedata


def search_normalise(text: str) -> str:
    """``text`` without accents, in case-folded form, with single spaces.

    NFKD splits "é" into "e" and a combining accent, which is dropped; casefold
    lowers every script ("ß" becomes "ss"). The same function writes the stored
    column and reads the query, so "Cárdenas", "cardenas" and "CARDENAS" meet.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = unicodedata.normalize("NFKD", bare.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(folded.split())


def case_search_text(*, case_id: str, given_name: str, family_name: str) -> str:
    """What a case is found by: identifier (the MRN or registry number) and name."""
    return search_normalise(
        " ".join((case_id or "", given_name or "", family_name or ""))
    )


def search_terms(query: str) -> list[str]:
    """The words of a query, normalised; every one must be found."""
    return search_normalise(query).split()
