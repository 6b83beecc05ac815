"""Writes of the stored evaluations: run the engine for many cases, store in bulk.

``case_evaluation_refresh`` is the one hook every change to a case calls, in the
change's own transaction (patients services, imports, the API through them, admin
saves, rule wording edits). It reads the cases with their timelines in a few
queries, runs the engine on each, and upserts one ``CaseEvaluation`` per case, its
``CaseSearchRow`` and its ``EvaluationItem`` rows, whatever the number of cases.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import time
from collections import defaultdict, namedtuple
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from config.collector import cyclic_gc_paused
from evaluations import store, stored_rows
from evaluations.models import CaseEvaluation, EvaluationItem
from patients import documents
from patients.models import Case, Event, Referral
from recommendations import engine
from recommendations import selectors as rule_selectors
from recommendations.worklist import REFERRAL_KIND_FOR_RULE

logger = logging.getLogger(__name__)

# Without any date-dependent fact, a result is still re-evaluated this often, so a
# dependence on the date the engine gains later cannot leave a row stale for long.
DEFAULT_MAX_VALID_DAYS = 30
# What the stored rows never read from the engine's result (the case page runs the
# engine itself): left out, not built.
NOT_STORED = frozenset({"recommendations", "not_applicable"})
# Cases evaluated per bulk write (memory bound for the re-evaluation of a program).
CHUNK_SIZE = settings.AYA_REEVALUATION_CHUNK_SIZE


def today() -> dt.date:
    return timezone.localdate()


def _max_valid_days() -> int:
    return getattr(settings, "AYA_EVALUATION_MAX_VALID_DAYS", DEFAULT_MAX_VALID_DAYS)


def rules_fingerprint(
    *, overrides: Mapping[str, object], mental_health_interval_days: int
) -> str:
    """What the result depends on besides the case and the date, as a short hash."""
    content = {
        rule_id: [
            value.statement,
            str(value.strength),
            value.strength_stated,
            value.certainty,
            value.needs_review,
        ]
        for rule_id, value in sorted(overrides.items())
    }
    payload = json.dumps(
        [engine.RULESET_VERSION, mental_health_interval_days, content],
        sort_keys=True,
        default=str,
    )
    return hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()


def _not_new(seen: set[str] | None, acknowledged: set[str] | None) -> set[str] | None:
    """Alerts that are not new: in the latest snapshot, or acknowledged (and still
    about the same facts: recommendations.selectors.acknowledged_alert_ids_many).
    ``None`` when there is neither a snapshot nor an acknowledgement."""
    if seen is None and not acknowledged:
        return None
    return (seen or set()) | (acknowledged or set())


def alerts_seen(case_pks: Iterable[int]) -> dict[int, set[str]]:
    """Alert IDs no longer new per case: those in the case's latest snapshot.

    With ``_not_new`` the one place that decides which alerts are "new".
    """
    from recommendations.models import RecommendationSnapshot

    pks = list(case_pks)
    seen: dict[int, set[str]] = {}
    latest: dict[int, tuple] = {}
    rows = (
        RecommendationSnapshot.objects.filter(case_id__in=pks)
        .order_by("case_id", "-created_at", "-id")
        .values_list("case_id", "created_at", "result")
    )
    for case_pk, created_at, result in rows:
        if case_pk in latest:
            continue
        latest[case_pk] = created_at
        seen[case_pk] = {a["id"] for a in (result or {}).get("alerts", [])}
    return seen


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _next_birthday(birth: dt.date, after: dt.date) -> dt.date:
    for year in (after.year, after.year + 1):
        try:
            candidate = birth.replace(year=year)
        except ValueError:  # 29 February: the birthday counts from 1 March
            candidate = dt.date(year, 3, 1)
        if candidate > after:
            return candidate
    return after + dt.timedelta(days=366)


def valid_until(
    *,
    case: Case,
    events: Iterable,
    referrals: Iterable,
    result: dict,
    as_of: dt.date,
    interval_days: int,
) -> dt.date:
    """The first date on which the engine could say something else for this case.

    Dates the engine compares with ``as_of``: the age (next birthday), a due date
    (overdue the day after), the mental-health screening interval, a planned next
    treatment, and any recorded fact dated after ``as_of`` (ignored until then).
    """
    candidates = [as_of + dt.timedelta(days=_max_valid_days())]
    candidates.append(_next_birthday(case.birth_date, as_of))
    for item in result["referrals_due"]:
        due = _date(item.get("due"))
        # "now" is due on any day, never overdue: it does not change with the date.
        if due is not None and due >= as_of and item.get("due_basis") != "now":
            candidates.append(due + dt.timedelta(days=1))
    derived = result.get("derived", {})
    last_screen = _date(derived.get("last_mental_health_completed"))
    if last_screen is not None:
        candidates.append(last_screen + dt.timedelta(days=interval_days + 1))
    if case.next_treatment_start is not None:
        candidates.append(case.next_treatment_start + dt.timedelta(days=1))
    candidates.extend(event.date for event in events)
    candidates.extend(event.end_date for event in events if event.end_date)
    candidates.extend(referral.date for referral in referrals if referral.date)
    return min(c for c in candidates if c > as_of)


# What the lists display from the result; the case page evaluates the case itself.
DISPLAY_KEYS = (
    "ruleset_version",
    "decision_point",
    "alerts",
    "referrals_due",
    "checks",
)
DISPLAY_DERIVED = ("as_of", "age_years", "outside_aya", "mental_health_interval_days")
DISPLAY_ITEM_KEYS = frozenset(
    {
        "id",
        "severity",
        "message",
        "reason",
        "source",
        "due",
        "due_basis",
        "overdue",
        "overdue_since",
        "missing",
        "kind",
        "statement",
        "status",
    }
)


def display_result(result: dict) -> dict:
    """The part of the engine's result the lists show, kept small per case."""
    shown = {key: result[key] for key in DISPLAY_KEYS}
    for key in ("alerts", "referrals_due"):
        shown[key] = [
            {k: v for k, v in item.items() if k in DISPLAY_ITEM_KEYS}
            for item in result[key]
        ]
    shown["workup_open"] = [
        {"id": item["id"], "statement": item.get("statement") or ""}
        for item in result["workup"]
        if item.get("status") == "open"
    ]
    derived = result.get("derived", {})
    shown["derived"] = {key: derived.get(key) for key in DISPLAY_DERIVED}
    return shown


def _latest_referral(referrals: list, kind: str):  # noqa: ANN202
    matching = [r for r in referrals if r.kind == kind]
    return max(matching, key=lambda r: (r.date or dt.date.min, r.pk), default=None)


@dataclass(slots=True)
class Item:
    """An ``EvaluationItem`` row before it is written (cheaper than a model)."""

    kind: str
    rule_id: str
    position: int = 0
    severity: str = ""
    text: str = ""
    source: str = ""
    due: dt.date | None = None
    due_basis: str = ""
    overdue: bool = False
    new: bool = False
    referral_kind: str = ""
    referral_id: int | None = None
    status: str = ""
    status_date: dt.date | None = None
    owner_id: int | None = None
    note: str = ""
    evaluation_id: int | None = None
    program_id: int | None = None


def _items(
    *,
    case: Case,
    referrals: list,
    result: dict,
    as_of: dt.date,
    seen: set[str] | None,
) -> list[Item]:
    items: list[Item] = []
    for position, alert in enumerate(result["alerts"]):
        items.append(
            Item(
                kind=EvaluationItem.Kind.ALERT.value,
                rule_id=alert["id"],
                position=position,
                severity=alert.get("severity") or "",
                text=alert.get("message") or "",
                source=alert.get("source") or "",
                new=seen is None or alert["id"] not in seen,
            )
        )
    for position, item in enumerate(result["referrals_due"]):
        kind = REFERRAL_KIND_FOR_RULE.get(item["id"], "")
        latest = _latest_referral(referrals, kind)
        due = _date(item.get("due"))
        note = ""
        if latest is not None and latest.status == "completed":
            note = (
                f"the last one was completed on {latest.date.isoformat()}; due again"
                if latest.date
                else "due again"
            )
        items.append(
            Item(
                kind=EvaluationItem.Kind.REFERRAL.value,
                rule_id=item["id"],
                position=position,
                text=item.get("reason") or "",
                source=item.get("source") or "",
                due=due,
                due_basis=item.get("due_basis") or "",
                overdue=bool(item.get("overdue")) or (due is not None and due < as_of),
                referral_kind=kind,
                referral_id=latest.pk if latest else None,
                status=latest.status if latest else "",
                status_date=latest.date if latest else None,
                owner_id=latest.owner_id if latest else None,
                note=note[:300],
            )
        )
    for position, item in enumerate(result["workup"]):
        if item.get("status") != "open":
            continue
        items.append(
            Item(
                kind=EvaluationItem.Kind.WORKUP.value,
                rule_id=item["id"],
                position=position,
                text=item.get("statement") or "",
                source=item.get("source") or "",
            )
        )
    for position, item in enumerate(result["checks"]):
        items.append(
            Item(
                kind=EvaluationItem.Kind.CHECK.value,
                rule_id=item["id"],
                position=position,
                text="; ".join(item.get("missing") or []),
            )
        )
    return items


def _evaluation_row(
    *,
    case: Case,
    result: dict,
    items: list[Item],
    as_of: dt.date,
    fingerprint: str,
    until: dt.date,
) -> CaseEvaluation:
    referrals = [i for i in items if i.kind == EvaluationItem.Kind.REFERRAL]
    alerts = [i for i in items if i.kind == EvaluationItem.Kind.ALERT]
    dues = [i.due for i in referrals if i.due is not None]
    return CaseEvaluation(
        case=case,
        program_id=case.program_id,
        ruleset_version=result["ruleset_version"],
        rules_fingerprint=fingerprint,
        case_version=case.version,
        case_updated_at=case.updated_at,
        evaluated_for=as_of,
        valid_until=until,
        decision_point=result["decision_point"],
        has_overdue=any(i.overdue for i in referrals),
        next_due=min(dues, default=None),
        sort_due=min(dues, default=dt.date.max),
        sort_name=f"{case.family_name.casefold()}\x1f{case.case_id.casefold()}"[:240],
        lineage=case.lineage,
        n_due=len(referrals),
        n_overdue=sum(1 for i in referrals if i.overdue),
        n_alerts=len(alerts),
        n_alerts_high=sum(1 for i in alerts if i.severity == "high"),
        n_alerts_new=sum(1 for i in alerts if i.new),
        n_workup_open=sum(1 for i in items if i.kind == EvaluationItem.Kind.WORKUP),
        n_checks=sum(1 for i in items if i.kind == EvaluationItem.Kind.CHECK),
        alert_ids=[i.rule_id for i in alerts],
        age_years=result["derived"].get("age_years"),
        outside_aya=result["derived"].get("outside_aya"),
    )


def _row_type(name: str, fields: Iterable[str]):  # noqa: ANN202
    return namedtuple(name, ["id", "pk", "case_id", *fields])  # noqa: PYI024


EVENT_ROW = _row_type("EventRow", [f.model for f in documents.EVENT_FIELDS])
REFERRAL_ROW = _row_type(
    "ReferralRow",
    dict.fromkeys([*(f.model for f in documents.REFERRAL_FIELDS), "owner_id"]),
)


def _timelines(model, row_type, case_pks: list[int]) -> dict[int, list]:  # noqa: ANN001
    """Events or referrals of many cases as plain rows, in timeline order.

    Model instances cost more to build than the engine costs to run, and so do the
    ORM's per-row iterators; the case document reads attributes only, so named
    tuples straight from the cursor serve (no column here needs a converter: dates
    come back as dates from both backends).
    """
    from django.db import connection

    names = [n for n in row_type._fields if n not in ("pk", "case_id", "id")]
    query = (
        model.objects.filter(case_id__in=case_pks)
        .order_by(*model._meta.ordering)
        .values_list("id", "case_id", *names)
    )
    sql, params = query.query.sql_with_params()
    by_case: dict[int, list] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for pk, case_pk, *values in cursor.fetchall():
            by_case[case_pk].append(row_type(pk, pk, case_pk, *values))
    return by_case


def case_evaluation_refresh(
    *, case_ids: Iterable[int], as_of: dt.date | None = None, durable: bool = True
) -> int:
    """Evaluate these cases as of ``as_of`` (today) and store the results.

    Call it inside the transaction that changed the cases, after the change: the
    stored evaluation then changes with them or not at all. Returns the number of
    cases evaluated (a deleted case is simply skipped). ``durable=False`` lets
    the commit return before its WAL reaches disk (``store.relax_durability``):
    only for re-evaluation jobs, which record their progress in the same
    transaction and so redo whatever a crash loses.
    """
    as_of = as_of or today()
    pks = sorted(set(case_ids))
    if not pks:
        return 0
    overrides = rule_selectors.rule_content_overrides()
    count = 0
    for start in range(0, len(pks), CHUNK_SIZE):
        with cyclic_gc_paused():
            count += _refresh_chunk(
                pks[start : start + CHUNK_SIZE],
                as_of=as_of,
                overrides=overrides,
                durable=durable,
            )
    return count


def _refresh_chunk(
    chunk: list[int], *, as_of: dt.date, overrides: Mapping, durable: bool
) -> int:
    """``case_evaluation_refresh`` for at most ``CHUNK_SIZE`` cases."""
    cases = list(
        Case.objects.filter(pk__in=chunk).select_related("program").order_by("pk")
    )
    events = _timelines(Event, EVENT_ROW, chunk)
    referrals = _timelines(Referral, REFERRAL_ROW, chunk)
    seen = alerts_seen(c.pk for c in cases)
    fingerprints: dict[int, str] = {}
    rows: list[CaseEvaluation] = []
    searches: list[tuple] = []
    results: list[tuple[int, dict]] = []
    all_items: list[Item] = []
    evaluated = []
    for case in cases:
        interval = case.program.mental_health_interval_days
        if case.program_id not in fingerprints:
            fingerprints[case.program_id] = rules_fingerprint(
                overrides=overrides, mental_health_interval_days=interval
            )
        document = documents.case_to_document(
            case, events=events[case.pk], referrals=referrals[case.pk]
        )
        result = rule_selectors.evaluate_document(
            document=document,
            as_of=as_of,
            mental_health_interval_days=interval,
            overrides=overrides,
            omit=NOT_STORED,
        )
        evaluated.append((case, result))
    acknowledged = rule_selectors.acknowledged_alert_ids_many(evaluated=evaluated)
    for case, result in evaluated:
        interval = case.program.mental_health_interval_days
        items = _items(
            case=case,
            referrals=referrals[case.pk],
            result=result,
            as_of=as_of,
            seen=_not_new(seen.get(case.pk), acknowledged.get(case.pk)),
        )
        until = valid_until(
            case=case,
            events=events[case.pk],
            referrals=referrals[case.pk],
            result=result,
            as_of=as_of,
            interval_days=interval,
        )
        row = _evaluation_row(
            case=case,
            result=result,
            items=items,
            as_of=as_of,
            fingerprint=fingerprints[case.program_id],
            until=until,
        )
        for item in items:
            item.evaluation_id = case.pk
            item.program_id = case.program_id
        rows.append(row)
        searches.append(
            (case.pk, case.program_id, case.lineage, row.sort_name, case.search_text)
        )
        results.append(
            (case.pk, display_result(result), stored_rows.encode(items, result=result))
        )
        all_items.extend(items)
    with transaction.atomic():
        if not durable:
            store.relax_durability()
        store.write(
            case_pks=chunk,
            rows=rows,
            searches=searches,
            results=results,
            items=all_items,
        )
    return len(rows)


def case_changed(*, case_ids: Iterable[int]) -> None:
    """The single hook: a change to these cases was just written in this transaction."""
    case_evaluation_refresh(case_ids=case_ids)


# --- Re-evaluation of many cases: jobs on the worker, the daily refresh ----------


def reevaluation_job_create(*, program, reason: str, lanes: int | None = None):  # noqa: ANN001, ANN201
    """A re-evaluation job of a program's cases (every program's when ``None``),
    split into ``lanes`` (``AYA_REEVALUATION_LANES``: the worker's processes)."""
    from evaluations.models import ReevaluationJob, ReevaluationLane

    lanes = max(1, lanes or settings.AYA_REEVALUATION_LANES)
    cases = Case.objects.all() if program is None else program.cases.all()
    job = ReevaluationJob.objects.create(
        program=program, reason=reason[:200], total=cases.count(), lanes=lanes
    )
    ReevaluationLane.objects.bulk_create(
        ReevaluationLane(job=job, number=number) for number in range(lanes)
    )
    return job


def reevaluation_start(*, program, reason: str):  # noqa: ANN001, ANN201
    """Queue a re-evaluation of a program's cases (every program's when ``None``).

    The job row counts its progress; after commit, the worker runs each lane in
    chunks, the lanes side by side.
    """
    from evaluations.tasks import reevaluation_run

    job = reevaluation_job_create(program=program, reason=reason)

    def send() -> None:
        try:
            for number in range(job.lanes):
                reevaluation_run.delay(job.pk, number)
        except Exception as exc:  # noqa: BLE001 - the broker is down
            # The job is recorded: the sweeper sends its lanes once they have
            # stood still for AYA_REEVALUATION_STALL_SECONDS.
            logger.warning(
                "re-evaluation job %s: not sent (%s)", job.pk, type(exc).__name__
            )

    transaction.on_commit(send)
    return job


def reevaluation_chunk(
    *, job_id: int, lane: int = 0, chunk_size: int | None = None
) -> bool:
    """Re-evaluate the next chunk of one lane of the job; True while it has cases left.

    The lane's row is locked for the chunk, so a duplicate delivery waits and then
    finds the chunk done. The job's row is locked last, for its count only: lanes
    wait for each other just at commit, and the lane that finishes last marks the
    job done.
    """
    chunk_size = chunk_size or CHUNK_SIZE
    from django.db.models import F
    from django.db.models.functions import Mod

    from evaluations.models import ReevaluationJob, ReevaluationLane

    ended = (ReevaluationJob.Status.DONE, ReevaluationJob.Status.FAILED)
    with transaction.atomic():
        row = (
            ReevaluationLane.objects.select_for_update()
            .filter(job_id=job_id, number=lane)
            .first()
        )
        if row is None or row.finished:
            return False  # a duplicate delivery of a finished lane does nothing
        job = ReevaluationJob.objects.get(pk=job_id)
        if job.status in ended:
            return False
        cases = Case.objects.filter(pk__gt=row.last_case_pk)
        if job.program_id is not None:
            cases = cases.filter(program_id=job.program_id)
        if job.lanes > 1:
            cases = cases.alias(lane=Mod("pk", job.lanes)).filter(lane=lane)
        pks = list(cases.order_by("pk").values_list("pk", flat=True)[:chunk_size])
        if pks:
            delay = float(getattr(settings, "AYA_TEST_CHUNK_DELAY_SECONDS", 0) or 0)
            if delay:
                time.sleep(delay)  # test settings only: a chunk surely open a while
            case_evaluation_refresh(case_ids=pks, durable=False)
            row.done += len(pks)
            row.last_case_pk = pks[-1]
        row.finished = len(pks) < chunk_size
        row.save()
        job = ReevaluationJob.objects.select_for_update().get(pk=job_id)
        job.done = F("done") + len(pks)
        others_running = (
            ReevaluationLane.objects.filter(job_id=job_id, finished=False)
            .exclude(pk=row.pk)
            .exists()
        )
        if row.finished and not others_running:
            job.status = ReevaluationJob.Status.DONE
            job.finished_at = timezone.now()
        elif job.status == ReevaluationJob.Status.QUEUED:
            job.status = ReevaluationJob.Status.RUNNING
        job.save(update_fields=["done", "status", "finished_at"])
        return not row.finished


def reevaluation_resume_stalled(*, now: dt.datetime | None = None) -> list:
    """Send again every lane of an unfinished job that has not moved for
    ``AYA_REEVALUATION_STALL_SECONDS``: [(job pk, lane number)].

    A lane stands still when its message is gone or held back: a worker killed
    whole leaves it unacknowledged until the broker's visibility timeout (240 s),
    and a Redis restarted without its data, or down when the job was queued, has
    none to deliver at all. A lane sent twice is safe: each chunk locks the lane's
    row and starts after its cursor, so the second chain finds the first one's
    chunks done.
    """
    from evaluations.models import ReevaluationJob, ReevaluationLane
    from evaluations.tasks import reevaluation_run

    now = now or timezone.now()
    cutoff = now - dt.timedelta(seconds=settings.AYA_REEVALUATION_STALL_SECONDS)
    running = (ReevaluationJob.Status.QUEUED, ReevaluationJob.Status.RUNNING)
    stalled = ReevaluationLane.objects.filter(
        finished=False, updated_at__lt=cutoff, job__status__in=running
    )
    sent = []
    for pk, job_id, number in stalled.values_list("pk", "job_id", "number"):
        reevaluation_run.delay(job_id, number)
        ReevaluationLane.objects.filter(pk=pk).update(updated_at=now)
        sent.append((job_id, number))
    if sent:
        logger.warning("re-evaluation lanes sent again: %s", sent)
    return sent


def stale_case_ids(  # noqa: ANN201
    *,
    as_of: dt.date,
    program_ids=None,  # noqa: ANN001
    missing: bool = True,
    full: bool = False,
    intervals: Mapping[int, int] | None = None,
):
    """Cases whose stored evaluation may differ from the engine's answer today.

    Index-friendly by default: rows past their ``valid_until``, rows for other
    rule wording (two range scans on (program, rules_fingerprint)) and, with
    ``missing``, cases without a row or a search row. ``full`` also finds rows
    behind their case's version, and search rows whose values are not the case's
    (the services rewrite both in the same transaction; the daily sweep checks
    anyway).
    """
    from django.db.models import F, Q

    from patients.models import Program

    if intervals is None:
        programs = Program.objects.order_by()
        if program_ids is not None:
            programs = programs.filter(pk__in=list(program_ids))
        intervals = dict(programs.values_list("pk", "mental_health_interval_days"))
    overrides = rule_selectors.rule_content_overrides()
    # One indexed query per condition, joined by UNION: an OR of them would scan.
    base = CaseEvaluation.objects.order_by()
    if program_ids is not None:
        base = base.filter(program_id__in=list(program_ids))
    parts = [base.filter(valid_until__lte=as_of)]
    for program_pk, interval in intervals.items():
        expected = rules_fingerprint(
            overrides=overrides, mental_health_interval_days=interval
        )
        parts.append(base.filter(program_id=program_pk, rules_fingerprint__lt=expected))
        parts.append(base.filter(program_id=program_pk, rules_fingerprint__gt=expected))
    first, *rest = [part.values_list("case_id", flat=True) for part in parts]
    stale = set(first.union(*rest) if rest else first)
    if missing and not full:
        # A case written around the services (a bulk loader), or an evaluation
        # without its search row (written by a release before migration 0007): one
        # anti-join each.
        cases = Case.objects.order_by().filter(evaluation__isnull=True)
        unsearchable = base.filter(search_row__isnull=True)
        if program_ids is not None:
            cases = cases.filter(program_id__in=list(program_ids))
        stale |= set(cases.values_list("pk", flat=True))
        stale |= set(unsearchable.values_list("case_id", flat=True))
    if full:
        cases = Case.objects.order_by()
        if program_ids is not None:
            cases = cases.filter(program_id__in=list(program_ids))
        row = "evaluation__search_row__"
        stale |= set(
            cases.filter(
                Q(evaluation__isnull=True)
                | ~Q(evaluation__case_version=F("version"))
                | Q(**{f"{row}isnull": True})
                | ~Q(**{f"{row}search_text": F("search_text")})
                | ~Q(**{f"{row}program_id": F("program_id")})
                | ~Q(**{f"{row}lineage": F("lineage")})
            ).values_list("pk", flat=True)
        )
    return sorted(stale)


def evaluations_refresh_due(*, as_of: dt.date | None = None) -> int:
    """The daily job: re-evaluate every case whose result may have changed."""
    as_of = as_of or today()
    return case_evaluation_refresh(
        case_ids=stale_case_ids(as_of=as_of, full=True), as_of=as_of
    )
