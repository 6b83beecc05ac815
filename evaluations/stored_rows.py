"""A worklist row's items as stored with the evaluation, and read back.

``EvaluationResult.worklist`` holds what the worklist shows of a case's due items,
written with its ``EvaluationItem`` rows (which stay, indexed, for the filters).
The page reads 25 of these with its rows in one query; reading the items
themselves meant hundreds of rows of twenty columns, which cost more than the rest
of the page's queries together. Lists, not objects: a consortium's page reads them
on every request.

    {"alerts":    [[rule_id, severity, text, source, new], ...],
     "referrals": [[rule_id, referral_kind, text, source, due, due_basis, overdue,
                    referral_id, status, status_date, owner_id, note], ...],
     "workup":    [title, ...],
     "checks":    [text, ...]}

Each kind in the engine's order (``position``); dates as ISO text. A row says what
the engine-backed worklist (``recommendations.worklist``) says for the same case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from evaluations.models import EvaluationItem
from recommendations.worklist import check_texts, workup_titles
from recommendations.worklist_rows import WorklistAlert, WorklistItem

Kind = EvaluationItem.Kind


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def encode(items: Iterable, *, result: dict | None = None) -> dict:
    """The stored form of one case's items (``services.Item`` or ``EvaluationItem``).

    With the engine's ``result``, work-up and checks are worded as the engine-backed
    worklist words them (a test's short name; each missing fact once). Without it (a
    row read from its item rows) they are the items' own texts.
    """
    ordered = sorted(items, key=lambda item: item.position)
    if result is not None:
        workup = list(workup_titles(result))
        checks = list(check_texts(result))
    else:
        workup = [i.text for i in ordered if i.kind == Kind.WORKUP]
        checks = [i.text for i in ordered if i.kind == Kind.CHECK]
    return {
        "alerts": [
            [i.rule_id, i.severity, i.text, i.source, i.new]
            for i in ordered
            if i.kind == Kind.ALERT
        ],
        "referrals": [
            [
                i.rule_id,
                i.referral_kind,
                i.text,
                i.source,
                _iso(i.due),
                i.due_basis,
                i.overdue,
                i.referral_id,
                i.status,
                _iso(i.status_date),
                i.owner_id,
                i.note,
            ]
            for i in ordered
            if i.kind == Kind.REFERRAL
        ],
        "workup": workup,
        "checks": checks,
    }


def _referral_order(row: list) -> tuple:
    # Overdue first, then by the stored due date (ISO text sorts as dates do).
    return (not row[6], row[4] or "9999-12-31", row[0])


def referral_items(
    stored_row: dict,
    *,
    as_of: dt.date,
    owner_name: Callable[[int], str | None],
    keep: Callable[[WorklistItem], bool] | None = None,
) -> tuple[WorklistItem, ...]:
    """The due referrals, overdue first, then by due date (``keep``: a filter).

    ``owner_name`` gives ``None`` for an owner who is no user any more (the item
    rows' owner is then null): such an item is shown, and filtered, as unassigned.
    """
    items = []
    for (
        rule_id,
        kind,
        text,
        source,
        due,
        due_basis,
        overdue,
        referral_id,
        status,
        status_date,
        owner_id,
        note,
    ) in sorted(stored_row.get("referrals", ()), key=_referral_order):
        name = owner_name(owner_id) if owner_id is not None else ""
        if name is None:  # the owner's account was deleted: nobody owns it now
            owner_id, name = None, ""
        item = WorklistItem(
            rule_id=rule_id,
            kind=kind,
            reason=text,
            source=source,
            # Due "now" means due on the day the page is read.
            due=as_of if due_basis == "now" else _date(due),
            overdue=overdue,
            status=status,
            status_date=_date(status_date),
            referral_pk=referral_id,
            owner_pk=owner_id,
            owner_name=name,
            note=note,
        )
        if keep is None or keep(item):
            items.append(item)
    return tuple(items)


def alerts(stored_row: dict) -> tuple[WorklistAlert, ...]:
    """The alerts, high before warning, each kind in the engine's order."""
    found = [
        (position, WorklistAlert(rule_id=r, severity=s, text=t, source=src, new=n))
        for position, (r, s, t, src, n) in enumerate(stored_row.get("alerts", ()))
    ]
    found.sort(key=lambda pair: (pair[1].severity != "high", pair[0]))
    return tuple(alert for _, alert in found)


def owner_ids(stored_row: dict) -> set[int]:
    return {r[10] for r in stored_row.get("referrals", ()) if r[10] is not None}
