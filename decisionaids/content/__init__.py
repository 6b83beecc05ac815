"""Decision-aid content: evidence figures, aid structure and wording per language.

``TEXT_VERSION`` changes whenever wording, structure or templates change; together
with the stored evidence rows it makes an aid's content version (see rendering).
"""

from __future__ import annotations

import datetime as dt

from decisionaids.content import en, es

TEXT_VERSION = "2026.11.2"
# When the wording in en.py/es.py was last checked against the catalogue.
TEXT_REVIEWED_AT = dt.date(2026, 11, 30)

TEXTS: dict[str, dict] = {"en": en.TEXT, "es": es.TEXT}


def text_for(language: str) -> dict:
    """The wording tree for one language ("en" or "es")."""
    return TEXTS[language]
