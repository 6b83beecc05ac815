"""Words for the worklist's codes: referral kinds, statuses and decision points."""

from __future__ import annotations

from django import template

from patients.choices import ReferralKind, ReferralStatus
from patients.fragments import Fragments

register = template.Library()

# Built once: the enums' ``values`` and ``labels`` are new lists on every access, and
# these filters run for every item of every row.
KIND_LABELS = dict(zip(ReferralKind.values, ReferralKind.labels, strict=True))
STATUS_LABELS = dict(zip(ReferralStatus.values, ReferralStatus.labels, strict=True))


@register.filter
def kind_label(value: str) -> str:
    return KIND_LABELS.get(value, value)


@register.filter
def status_label(value: str) -> str:
    if not value:
        return "Not referred yet"
    return STATUS_LABELS.get(value, value)


@register.filter
def lookup(mapping: dict, key: str) -> object:
    return mapping.get(key, key)


# --- A worklist row, rendered once for what it shows (patients.fragments) ----------
# A row's HTML is a function of its ``WorklistRow`` (frozen, compared by value: every
# item, status, owner name, alert and due date) and of the filters its links return
# to (``next_query``). Rows rendered with a panel open (``open_kind``) are not kept.
ROW_TEMPLATE = "patients/_worklist_row.html"
ROWS = Fragments(ROW_TEMPLATE, size=2048)


@register.simple_tag(takes_context=True)
def worklist_row(context: template.Context, row: object) -> str:
    """``{% include ROW_TEMPLATE %}`` for ``row``, kept rendered when it can be."""
    if context.get("open_kind"):
        compiled = context.template.engine.get_template(ROW_TEMPLATE)
        with context.push(row=row):
            return compiled.render(context)
    return ROWS.render(context, (row, context.get("next_query", "")), row=row)


# --- Parts of the worklist page, kept rendered for what they show -----------------
# The summary cards with the filters, and the page of rows: each rendered from the
# values named in the template alone, and kept under those values
# (``Fragments.render_alone``). The request's messages and undo stay outside.
KEPT = {
    name: Fragments(name, size=256)
    for name in ("patients/_worklist_filters.html", "patients/_worklist_rows.html")
}


@register.simple_tag(takes_context=True)
def kept(context: template.Context, template_name: str, **values: object) -> str:
    """``template_name`` (one of ``KEPT``) rendered from ``values`` alone."""
    return KEPT[template_name].render_alone(context, values)
