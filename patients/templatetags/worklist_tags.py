"""Words for the worklist's codes: referral kinds, statuses and decision points."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from patients.choices import ReferralKind, ReferralStatus

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


# --- A worklist row, rendered once for what it shows --------------------------------
# Rendering a row is most of the worklist's cost, and a coordinator reloads the same
# page many times a day. A row's HTML is a function of its ``WorklistRow`` (frozen,
# compared by value: every item, status, owner name, alert and due date), the filters
# its links return to (``next_query``) and fixed words and addresses; so it is kept
# per process under exactly those, and a changed row is a new key, never a stale
# entry. The request's CSRF token is the one thing in a row that is not shown data:
# rows are rendered with a placeholder, which each request fills in with its own.
# Rows rendered with a panel open (``open_kind``) are not kept.
ROW_TEMPLATE = "patients/_worklist_row.html"
ROW_CACHE_SIZE = 2048
_CSRF_PLACEHOLDER = "worklist-row-csrf-placeholder"
_rendered_rows: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def worklist_row(context: template.Context, row: object) -> str:
    """``{% include ROW_TEMPLATE %}`` for ``row``, from the row cache when it can."""
    row_template = context.template.engine.get_template(ROW_TEMPLATE)
    if context.get("open_kind"):
        with context.push(row=row):
            return row_template.render(context)
    key = (row, context.get("next_query", ""))
    html = _rendered_rows.get(key)
    if html is None:
        with context.push(row=row, csrf_token=_CSRF_PLACEHOLDER):
            html = row_template.render(context)
        if len(_rendered_rows) >= ROW_CACHE_SIZE:
            _rendered_rows.clear()
        _rendered_rows[key] = html
    token = conditional_escape(str(context.get("csrf_token", "")))
    return mark_safe(html.replace(_CSRF_PLACEHOLDER, token))  # noqa: S308
