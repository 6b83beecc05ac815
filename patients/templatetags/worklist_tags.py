"""Words for the worklist's codes: referral kinds, statuses and decision points."""

from __future__ import annotations

from django import template

from patients.choices import ReferralKind, ReferralStatus

register = template.Library()


@register.filter
def kind_label(value: str) -> str:
    return ReferralKind(value).label if value in ReferralKind.values else value


@register.filter
def status_label(value: str) -> str:
    if not value:
        return "Not referred yet"
    return ReferralStatus(value).label if value in ReferralStatus.values else value


@register.filter
def lookup(mapping: dict, key: str) -> object:
    return mapping.get(key, key)
