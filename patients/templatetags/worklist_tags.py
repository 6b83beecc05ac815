"""Words for the worklist's codes: referral kinds, statuses and decision points."""

from __future__ import annotations

from django import template

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
