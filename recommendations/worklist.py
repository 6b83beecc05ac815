"""The coordinator's worklist: due referrals, new alerts and undecided decision points.

Every case of the user's programs is evaluated by the engine as of today (three queries
for the rows, whatever the number of cases); the worklist is read from the results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from patients.models import Case
from patients.selectors import case_list_for_user, case_with_timeline
from recommendations import selectors
from recommendations.models import RecommendationSnapshot

# Which referral kind answers each PSY rule (../shared/domain/README.md).
REFERRAL_KIND_FOR_RULE = {
    "PSY-FERTILITY": "fertility",
    "PSY-SOCIAL-WORK": "social_work",
    "PSY-MENTAL-HEALTH": "mental_health",
    "PSY-EDUCATION-WORK": "education_work",
    "PSY-PALLIATIVE": "palliative_care",
    "PSY-NEUROCOGNITIVE": "neurocognitive",
}


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


@dataclass(frozen=True, slots=True)
class DueReferral:
    case: Case
    rule_id: str
    kind: str
    reason: str
    because: list[str]
    source: str
    due: dt.date | None
    overdue: bool
    status: str  # of the latest referral of this kind, or "" when there is none
    owner: AbstractBaseUser | None


@dataclass(frozen=True, slots=True)
class Worklist:
    referrals: list[DueReferral]
    new_alerts: list[tuple[EvaluatedCase, list[str]]]
    undecided: list[EvaluatedCase]
    owners: list[AbstractBaseUser]

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.referrals if item.overdue)


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
    cases = case_with_timeline(case_list_for_user(user=user)).order_by(
        "family_name", "case_id"
    )
    return evaluate_cases(cases, today=today)


def _latest_referral(case: Case, kind: str):  # noqa: ANN202
    matching = [r for r in case.referrals.all() if r.kind == kind]
    return max(matching, key=lambda r: (r.date or dt.date.min, r.pk), default=None)


def _due_referrals(evaluated: EvaluatedCase, today: dt.date) -> list[DueReferral]:
    items = []
    for item in evaluated.result["referrals_due"]:
        kind = REFERRAL_KIND_FOR_RULE[item["id"]]
        latest = _latest_referral(evaluated.case, kind)
        due = dt.date.fromisoformat(item["due"]) if item.get("due") else None
        items.append(
            DueReferral(
                case=evaluated.case,
                rule_id=item["id"],
                kind=kind,
                reason=item["reason"],
                because=item["because"],
                source=item["source"],
                due=due,
                overdue=bool(item.get("overdue")) or (due is not None and due < today),
                status=latest.status if latest else "",
                owner=latest.owner if latest else None,
            )
        )
    return items


def _latest_snapshots(case_pks: list[int]) -> dict[int, RecommendationSnapshot]:
    latest: dict[int, RecommendationSnapshot] = {}
    for snapshot in RecommendationSnapshot.objects.filter(case_id__in=case_pks).only(
        "case_id", "result", "created_at"
    ):
        current = latest.get(snapshot.case_id)
        if current is None or snapshot.created_at > current.created_at:
            latest[snapshot.case_id] = snapshot
    return latest


def worklist_for_user(
    *,
    user: AbstractBaseUser,
    today: dt.date,
    owner: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    aid_given: callable | None = None,
) -> Worklist:
    """Everything a coordinator should act on, overdue first.

    ``aid_given(case) -> bool`` tells whether a decision aid was given for the case's
    current decision point; without it every case at a decision point is listed.
    """
    evaluated = evaluated_cases_for_user(user=user, today=today)
    referrals = [item for e in evaluated for item in _due_referrals(e, today)]
    owners = sorted(
        {item.owner for item in referrals if item.owner is not None},
        key=lambda u: u.get_username(),
    )
    if owner is not None:
        referrals = [
            r for r in referrals if r.owner is not None and r.owner.pk == owner
        ]
    if kind:
        referrals = [r for r in referrals if r.kind == kind]
    if status:
        wanted = "" if status == "none" else status
        referrals = [r for r in referrals if r.status == wanted]
    referrals.sort(
        key=lambda r: (
            not r.overdue,
            r.due or dt.date.max,
            r.case.family_name,
            r.rule_id,
        )
    )

    snapshots = _latest_snapshots([e.case.pk for e in evaluated])
    new_alerts = []
    for item in evaluated:
        seen = set()
        if item.case.pk in snapshots:
            seen = {a["id"] for a in snapshots[item.case.pk].result.get("alerts", [])}
        fresh = [alert_id for alert_id in item.alert_ids if alert_id not in seen]
        if fresh:
            new_alerts.append((item, fresh))

    undecided = [
        item
        for item in evaluated
        if item.decision_point != "NONE"
        and not (aid_given is not None and aid_given(item.case))
    ]
    return Worklist(
        referrals=referrals, new_alerts=new_alerts, undecided=undecided, owners=owners
    )
