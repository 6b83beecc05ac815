"""The coordinator's worklist from the engine: one row per patient, run per request.

Every case of the user's programs is evaluated as of ``as_of`` (a constant number of
queries whatever the number of cases) and turned into the ``WorklistPage`` shape of
``recommendations.worklist_rows``, which a producer reading stored evaluations with SQL
fills the same way. The page never knows which producer it got.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch

from patients.choices import ReferralStatus, WorkupTest
from patients.models import Case, Referral
from patients.selectors import case_list_for_user, program_list_for_user
from recommendations import selectors
from recommendations.models import RecommendationSnapshot
from recommendations.worklist_rows import (
    WorklistAlert,
    WorklistCounts,
    WorklistFilters,
    WorklistItem,
    WorklistPage,
    WorklistRow,
)

# Which referral kind answers each PSY rule (../shared/domain/README.md).
REFERRAL_KIND_FOR_RULE = {
    "PSY-FERTILITY": "fertility",
    "PSY-SOCIAL-WORK": "social_work",
    "PSY-MENTAL-HEALTH": "mental_health",
    "PSY-EDUCATION-WORK": "education_work",
    "PSY-PALLIATIVE": "palliative_care",
    "PSY-NEUROCOGNITIVE": "neurocognitive",
}
# Why an item is due although its latest referral is completed or declined.
NOTE_NEW_SCREEN = "A new screen is due — last completed {date}."
NOTE_DUE_AGAIN = "Due again for the current episode — last {status} {date}."
CARDS = ("overdue", "due", "alerts", "workup", "decisions")


@dataclass(frozen=True, slots=True)
class EvaluatedCase:
    case: Case
    result: dict

    @property
    def decision_point(self) -> str:
        return self.result["decision_point"]

    @property
    def alert_ids(self) -> list[str]:
        return [alert["id"] for alert in self.result["alerts"]]


def evaluate_cases(cases: Iterable[Case], *, today: dt.date) -> list[EvaluatedCase]:
    """Engine results for many cases, sharing one read of the rule wording."""
    overrides = selectors.rule_content_overrides()
    return [
        EvaluatedCase(
            case, selectors.case_evaluate(case=case, as_of=today, overrides=overrides)
        )
        for case in cases
    ]


def evaluated_cases_for_user(
    *, user: AbstractBaseUser, today: dt.date
) -> list[EvaluatedCase]:
    cases = _cases_for_user(user).order_by("family_name", "case_id")
    return evaluate_cases(cases, today=today)


def _cases_for_user(user: AbstractBaseUser):  # noqa: ANN202
    referrals = Referral.objects.select_related("owner")
    return case_list_for_user(user=user).prefetch_related(
        "events", Prefetch("referrals", queryset=referrals)
    )


# --- One row per patient ---


def _latest_referral(case: Case, kind: str) -> Referral | None:
    matching = [r for r in case.referrals.all() if r.kind == kind]
    return max(matching, key=lambda r: (r.date or dt.date.min, r.pk), default=None)


def _owner_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _note(rule_id: str, latest: Referral | None) -> str:
    if latest is None or latest.date is None:
        return ""
    if latest.status == ReferralStatus.COMPLETED and rule_id == "PSY-MENTAL-HEALTH":
        return NOTE_NEW_SCREEN.format(date=latest.date.isoformat())
    if latest.status in {ReferralStatus.COMPLETED, ReferralStatus.DECLINED}:
        return NOTE_DUE_AGAIN.format(
            status=latest.get_status_display().lower(), date=latest.date.isoformat()
        )
    return ""


def _items(evaluated: EvaluatedCase, as_of: dt.date) -> tuple[WorklistItem, ...]:
    items = []
    for due_item in evaluated.result["referrals_due"]:
        kind = REFERRAL_KIND_FOR_RULE[due_item["id"]]
        latest = _latest_referral(evaluated.case, kind)
        due = dt.date.fromisoformat(due_item["due"]) if due_item.get("due") else None
        items.append(
            WorklistItem(
                rule_id=due_item["id"],
                kind=kind,
                reason=due_item["reason"],
                source=due_item["source"],
                due=due,
                overdue=bool(due_item.get("overdue"))
                or (due is not None and due < as_of),
                status=latest.status if latest else "",
                status_date=latest.date if latest else None,
                referral_pk=latest.pk if latest else None,
                owner_pk=latest.owner_id if latest else None,
                owner_name=_owner_name(latest.owner) if latest else "",
                note=_note(due_item["id"], latest),
            )
        )
    items.sort(key=lambda i: (not i.overdue, i.due or dt.date.max, i.rule_id))
    return tuple(items)


def _alerts(result: dict, seen: set[str]) -> tuple[WorklistAlert, ...]:
    alerts = [
        WorklistAlert(
            rule_id=alert["id"],
            severity=alert["severity"],
            text=alert["message"],
            source=alert["source"],
            new=alert["id"] not in seen,
        )
        for alert in result["alerts"]
    ]
    # Catalogue order within a severity; "high" before "warning".
    alerts.sort(key=lambda a: a.severity != "high")
    return tuple(alerts)


def workup_titles(result: dict) -> tuple[str, ...]:
    """The open work-up items as a row shows them: a test's short name."""
    titles = []
    for item in result["workup"]:
        if item["status"] != "open":
            continue
        test = item.get("test")
        titles.append(
            WorkupTest(test).label if test in WorkupTest.values else item["statement"]
        )
    return tuple(titles)


def check_texts(result: dict) -> tuple[str, ...]:
    """What the checks ask to record, each once, capitalised."""
    seen: dict[str, None] = {}
    for check in result["checks"]:
        for missing in check["missing"]:
            seen.setdefault(missing[:1].upper() + missing[1:], None)
    return tuple(seen)


def _alerts_seen(case_pks: list[int]) -> dict[int, set[str]]:
    """Alert IDs in each case's latest saved snapshot (one query)."""
    latest: dict[int, tuple[dt.datetime, list]] = {}
    rows = RecommendationSnapshot.objects.filter(case_id__in=case_pks).values_list(
        "case_id", "created_at", "result__alerts"
    )
    for case_pk, created_at, alerts in rows:
        if case_pk not in latest or created_at > latest[case_pk][0]:
            latest[case_pk] = (created_at, alerts or [])
    return {
        pk: {a["id"] for a in alerts if isinstance(a, dict)}
        for pk, (_, alerts) in latest.items()
    }


def _row(evaluated: EvaluatedCase, seen: set[str], as_of: dt.date) -> WorklistRow:
    case, result = evaluated.case, evaluated.result
    return WorklistRow(
        case_pk=case.pk,
        case_id=case.case_id,
        display_name=case.display_name or case.case_id,
        program_pk=case.program_id,
        decision_point=result["decision_point"],
        items=_items(evaluated, as_of),
        alerts=_alerts(result, seen),
        workup_open=workup_titles(result),
        checks=check_texts(result),
    )


# --- Filters, cards, order and pages ---


def _item_filter_active(filters: WorklistFilters) -> bool:
    return bool(
        filters.owner is not None
        or filters.unassigned
        or filters.kind
        or filters.status
        or filters.overdue_only
    )


def _keep_item(item: WorklistItem, filters: WorklistFilters) -> bool:
    if filters.owner is not None and item.owner_pk != filters.owner:
        return False
    if filters.unassigned and item.owner_pk is not None:
        return False
    if filters.kind and item.kind != filters.kind:
        return False
    if filters.status and item.status != (
        "" if filters.status == "none" else filters.status
    ):
        return False
    return not (filters.overdue_only and not item.overdue)


def _filtered(row: WorklistRow, filters: WorklistFilters) -> WorklistRow | None:
    """The row with only the items the filters keep; ``None`` when none is left."""
    if not _item_filter_active(filters):
        return row
    items = tuple(item for item in row.items if _keep_item(item, filters))
    return replace(row, items=items) if items else None


def _on_card(row: WorklistRow, card: str | None) -> bool:
    if card == "overdue":
        return row.overdue_count > 0
    if card == "due":
        return bool(row.items)
    if card == "alerts":
        return any(alert.new for alert in row.alerts)
    if card == "workup":
        return bool(row.workup_open)
    if card == "decisions":
        return row.decision_point != "NONE"
    return True


def _has_work(row: WorklistRow) -> bool:
    return bool(row.items or row.alerts or row.workup_open or row.checks)


def _counts(rows: list[WorklistRow]) -> WorklistCounts:
    return WorklistCounts(
        **{card: sum(1 for row in rows if _on_card(row, card)) for card in CARDS}
    )


def _sort_key(row: WorklistRow) -> tuple:
    """Patients with an overdue item first, then by their earliest due date."""
    earliest = min((item.due for item in row.items if item.due), default=dt.date.max)
    return (row.overdue_count == 0, not row.items, earliest, row.case_pk)


def _encode_cursor(row: WorklistRow, offset: int) -> str:
    # Only the row's numeric key and the offset: identifiers and dates stay out of
    # the address.
    text = f"1:{row.case_pk}:{offset}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str | None) -> tuple[int, int] | None:
    if not cursor:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        version, pk, offset = text.split(":")
        if version != "1":
            return None
        return int(pk), int(offset)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _start(rows: list[WorklistRow], cursor: str | None) -> int:
    """Where the page after ``cursor`` starts: after its row, else at its offset."""
    decoded = _decode_cursor(cursor)
    if decoded is None:
        return 0
    pk, offset = decoded
    for index, row in enumerate(rows):
        if row.case_pk == pk:
            return index + 1
    return min(max(offset, 0), len(rows))


def _owners(user: AbstractBaseUser, program: int | None) -> tuple[tuple[int, str], ...]:
    programs = program_list_for_user(user=user)
    if program is not None:
        programs = programs.filter(pk=program)
    members = (
        get_user_model()
        .objects.filter(programs__in=programs, is_active=True)
        .distinct()
        .order_by("username")
    )
    return tuple((member.pk, _owner_name(member)) for member in members)


def worklist_rows(
    *, user: AbstractBaseUser, filters: WorklistFilters, as_of: dt.date
) -> tuple[list[WorklistRow], WorklistCounts]:
    """Every row the filters keep (cards applied), in order, with the counts.

    The counts are for the rows the other filters keep, so each card says how many
    patients clicking it will list.
    """
    cases = _cases_for_user(user)
    if filters.program is not None:
        cases = cases.filter(program_id=filters.program)
    evaluated = evaluate_cases(cases, today=as_of)
    seen = _alerts_seen([item.case.pk for item in evaluated])
    rows = []
    for item in evaluated:
        row = _row(item, seen.get(item.case.pk, set()), as_of)
        if not _has_work(row):
            continue
        row = _filtered(row, filters)
        if row is not None:
            rows.append(row)
    counts = _counts(rows)
    rows = [row for row in rows if _on_card(row, filters.card)]
    rows.sort(key=_sort_key)
    return rows, counts


def worklist_page(
    *,
    user: AbstractBaseUser,
    filters: WorklistFilters,
    cursor: str | None,
    as_of: dt.date,
    page_size: int = 25,
    case_pk: int | None = None,
) -> WorklistPage:
    """One page of the worklist: a row per patient, overdue first, with the counts.

    ``case_pk`` keeps only that patient's row (the cursor is then ignored).
    """
    rows, counts = worklist_rows(user=user, filters=filters, as_of=as_of)
    if case_pk is not None:
        rows, cursor = [row for row in rows if row.case_pk == case_pk], None
    start = _start(rows, cursor)
    page = rows[start : start + page_size]
    more = start + page_size < len(rows)
    return WorklistPage(
        rows=tuple(page),
        counts=counts,
        next_cursor=_encode_cursor(page[-1], start + page_size) if more else None,
        owners=_owners(user, filters.program),
    )
