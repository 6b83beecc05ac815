"""Build one decision aid: plan, context, HTML, then PDF (the worker's one entry point).

Everything here is a function of its inputs (the case document, the engine result, the
evidence rows as plain data, the aid, language and paper), so the worker and the
``render_aid`` command produce the same document. What the aid says is in ``context``
(from ``personalise``'s plan), how figures are drawn in ``figures``, how the PDF is made
in ``pdf``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from django.template.loader import render_to_string

from decisionaids.content import TEXT_VERSION
from decisionaids.content.aids import AID_IDS
from decisionaids.context import build_context
from decisionaids.inputs import CareTeam, Evidence
from decisionaids.pdf import html_to_pdf
from decisionaids.personalise import plan_aid

__all__ = [
    "CareTeam",
    "Evidence",
    "RenderedAid",
    "content_key",
    "content_version",
    "render_aid",
]

TEMPLATE = "decisionaids/aid.html"
# Catalogue "Decision aids": each aid is one printable document of 2 to 4 pages.
MAX_PAGES = 4


@dataclass(frozen=True, slots=True)
class RenderedAid:
    pdf: bytes
    html: str
    page_count: int
    sha256: str
    content_version: str
    content_key: str


def _canonical_json(value: object) -> bytes:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    ).encode("utf-8")


def content_version(evidence: Mapping[str, Evidence]) -> str:
    """The wording version plus a digest of every stored evidence row."""
    rows = [evidence[key].canonical() for key in sorted(evidence)]
    digest = hashlib.sha256(_canonical_json(rows)).hexdigest()[:12]
    return f"{TEXT_VERSION}+ev.{digest}"


def content_key(
    *,
    document: Mapping,
    result: Mapping,
    aid_id: str,
    language: str,
    paper: str,
    version: str,
    printed_on: dt.date | None = None,
    care_team: CareTeam | None = None,
) -> str:
    """SHA-256 of the canonical inputs: same inputs and content version, same key.

    The print date and the care team contact are printed on every page, so they are
    inputs too.
    """
    team = care_team or CareTeam()
    inputs = {
        "aid_id": aid_id,
        "language": language,
        "paper": paper,
        "content_version": version,
        "document": document,
        "result": result,
        "printed_on": None if printed_on is None else printed_on.isoformat(),
        "care_team": [team.name, team.phone],
    }
    return hashlib.sha256(_canonical_json(inputs)).hexdigest()


def render_html(context: Mapping[str, object]) -> str:
    return render_to_string(TEMPLATE, context)


def render_aid(
    *,
    document: Mapping,
    result: Mapping,
    evidence: Mapping[str, Evidence],
    aid_id: str,
    language: str,
    paper: str = "letter",
    as_of: dt.date | None = None,
    printed_on: dt.date | None = None,
    care_team: CareTeam | None = None,
) -> RenderedAid:
    """Render one aid for one evaluated case; raises ``AidNotApplicable``.

    ``printed_on`` is the date printed on every page (default: ``as_of``);
    ``care_team`` the program's contact (unset: the aid says so).
    """
    if aid_id not in AID_IDS:
        raise ValueError(f"unknown decision aid {aid_id!r}")
    as_of = as_of or dt.date.fromisoformat(
        result.get("derived", {}).get("as_of") or document["evaluation_date"]
    )
    plan = plan_aid(aid_id, document=document, result=result)
    version = content_version(evidence)

    def build(*, compact: bool) -> dict:
        return build_context(
            plan=plan,
            document=document,
            result=result,
            evidence=evidence,
            language=language,
            paper=paper,
            as_of=as_of,
            version=version,
            printed_on=printed_on,
            care_team=care_team,
            compact=compact,
        )

    html = render_html(build(compact=False))
    pdf, pages = html_to_pdf(html)
    if pages > MAX_PAGES:
        # Rare: the most options and figures an aid can hold. The same content in a
        # tighter type, with fewer pictures (every number is still printed), keeps
        # the aid within its 2 to 4 pages.
        html = render_html(build(compact=True))
        pdf, pages = html_to_pdf(html)
    return RenderedAid(
        pdf=pdf,
        html=html,
        page_count=pages,
        sha256=hashlib.sha256(pdf).hexdigest(),
        content_version=version,
        content_key=content_key(
            document=document,
            result=result,
            aid_id=aid_id,
            language=language,
            paper=paper,
            version=version,
            printed_on=printed_on,
            care_team=care_team,
        ),
    )
