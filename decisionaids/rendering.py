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
from decisionaids.context import Evidence, build_context
from decisionaids.pdf import html_to_pdf
from decisionaids.personalise import plan_aid
from recommendations.engine import CaseFacts, facts_from_document

__all__ = ["Evidence", "RenderedAid", "content_key", "content_version", "render_aid"]

TEMPLATE = "decisionaids/aid.html"


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
) -> str:
    """SHA-256 of the canonical inputs: same inputs and content version, same key."""
    inputs = {
        "aid_id": aid_id,
        "language": language,
        "paper": paper,
        "content_version": version,
        "document": document,
        "result": result,
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
    facts: CaseFacts | None = None,
) -> RenderedAid:
    """Render one aid for one evaluated case; raises ``AidNotApplicable``."""
    if aid_id not in AID_IDS:
        raise ValueError(f"unknown decision aid {aid_id!r}")
    as_of = as_of or dt.date.fromisoformat(
        result.get("derived", {}).get("as_of") or document["evaluation_date"]
    )
    facts = facts or facts_from_document(document, as_of=as_of)
    plan = plan_aid(aid_id, facts=facts, result=dict(result))
    version = content_version(evidence)
    context = build_context(
        plan=plan,
        document=document,
        result=result,
        evidence=evidence,
        language=language,
        paper=paper,
        as_of=as_of,
        version=version,
    )
    html = render_html(context)
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
        ),
    )
