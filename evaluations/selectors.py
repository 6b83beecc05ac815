"""Reads of the stored evaluations: the worklist and the case list, as SQL.

Both read the indexed columns of ``CaseEvaluation`` and ``EvaluationItem`` (a case
list search, those of ``CaseSearchRow``); the number of queries does not grow with
the number of cases or the length of their timelines. Before reading, rows that may
be stale for ``as_of`` (past their ``valid_until``, or evaluated under other rule
wording) are re-evaluated and stored, so a page never shows a stale result.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable
from contextlib import nullcontext

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Window

from config.postgresql import planned_for_values
from evaluations import generations, services, stored_rows
from evaluations.models import CaseEvaluation, CaseSearchRow, EvaluationItem
from patients.models import Case
from patients.selectors import program_list_for_user
from recommendations.worklist_rows import (
    WorklistCounts,
    WorklistFilters,
    WorklistItem,
    WorklistPage,
    WorklistRow,
)

# A page read refreshes at most this many stale rows of the whole list before it
# reads; beyond that (a rule change under way on the worker) it refreshes the rows
# it shows. Counts may then lag until the job has finished.
DEFAULT_READ_REFRESH_MAX = 200
NO_DECISION_POINT = "NONE"
CARDS = ("overdue", "due", "alerts", "workup", "decisions")


class InvalidCursor(ValueError):
    """A cursor this selector did not make (tampered with, or from another list)."""


def _read_refresh_max() -> int:
    return getattr(
        settings, "AYA_EVALUATION_READ_REFRESH_MAX", DEFAULT_READ_REFRESH_MAX
    )


def evaluations_current(
    *,
    program_ids: list[int] | dict[int, int],
    as_of: dt.date,
    case_ids: list[int] | None = None,
) -> int:
    """Re-evaluate the stale rows of these programs (or of these cases); how many.

    -1 when more rows of the programs are stale than a page read may refresh.

    ``program_ids`` may map each program to its mental-health interval (saves a
    query).
    """
    intervals = program_ids if isinstance(program_ids, dict) else None
    missing = generations.missing_check_due(program_ids)
    remember = generations.noop
    if case_ids is None and intervals is not None and not missing:
        # A read since the last write found these programs current for today:
        # the same query would find nothing again (evaluations.generations).
        current, remember = generations.known_current(intervals, as_of)
        if current:
            return 0
    stale = services.stale_case_ids(
        as_of=as_of,
        program_ids=list(program_ids),
        intervals=intervals,
        missing=missing,
    )
    if case_ids is not None:
        wanted = set(case_ids)
        stale = [pk for pk in stale if pk in wanted]
    elif len(stale) > _read_refresh_max():
        return -1  # left to the worker's job; callers refresh what they show
    if not stale:
        remember()
    return services.case_evaluation_refresh(case_ids=stale, as_of=as_of)


def _program_ids(
    user: AbstractBaseUser | AnonymousUser, program: int | None
) -> dict[int, int]:
    """The user's programs (or the one chosen among them) and their intervals."""
    programs = program_list_for_user(user=user).order_by()
    if program is not None:
        programs = programs.filter(pk=program)
    return dict(programs.values_list("pk", "mental_health_interval_days"))


# --- cursor -----------------------------------------------------------------------


def _encode_cursor(row: PageRow) -> str:
    raw = json.dumps([int(row.has_overdue), row.sort_due.isoformat(), row.pk])
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[bool, dt.date, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        overdue, due, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        return bool(overdue), dt.date.fromisoformat(due), int(pk)
    except (ValueError, TypeError, binascii.Error, UnicodeError) as error:
        raise InvalidCursor(cursor) from error


def _after(cursor: str) -> Q:
    overdue, due, pk = _decode_cursor(cursor)
    # Order: has_overdue descending, sort_due ascending, case ascending.
    return (
        Q(has_overdue__lt=overdue)
        | Q(has_overdue=overdue, sort_due__gt=due)
        | Q(has_overdue=overdue, sort_due=due, case_id__gt=pk)
    )


# --- worklist ---------------------------------------------------------------------


def _item_filter(filters: WorklistFilters) -> Q | None:
    """The referral-item filters; ``None`` when none is chosen."""
    q = Q()
    chosen = False
    if filters.owner is not None:
        q &= Q(owner_id=filters.owner)
        chosen = True
    if filters.unassigned:
        q &= Q(owner__isnull=True)
        chosen = True
    if filters.kind:
        q &= Q(referral_kind=filters.kind)
        chosen = True
    if filters.status:
        q &= Q(status="" if filters.status == "none" else filters.status)
        chosen = True
    if filters.overdue_only:
        q &= Q(overdue=True)
        chosen = True
    return (Q(kind=EvaluationItem.Kind.REFERRAL) & q) if chosen else None


def _card_filter(card: str | None) -> Q:
    return {
        "overdue": Q(has_overdue=True),
        "due": Q(n_due__gt=0),
        "alerts": Q(n_alerts_new__gt=0),
        "workup": Q(n_workup_open__gt=0),
        "decisions": ~Q(decision_point=NO_DECISION_POINT),
    }.get(card or "", Q(n_due__gt=0) | Q(n_alerts_new__gt=0) | Q(n_workup_open__gt=0))


def worklist_counts(*, program_ids: list[int]) -> WorklistCounts:
    """The summary cards: per program, one aggregate over indexed columns, kept in
    the cache until the program's stored evaluations are next written
    (``evaluations.generations``), then summed."""

    def compute(pks: list[int]) -> dict[int, WorklistCounts]:
        totals = (
            CaseEvaluation.objects.filter(program_id__in=pks)
            .order_by()
            .values("program_id")
            .annotate(
                overdue=Count("pk", filter=Q(has_overdue=True)),
                due=Count("pk", filter=Q(n_due__gt=0)),
                alerts=Count("pk", filter=Q(n_alerts_new__gt=0)),
                workup=Count("pk", filter=Q(n_workup_open__gt=0)),
                decisions=Count("pk", filter=~Q(decision_point=NO_DECISION_POINT)),
            )
        )
        found = {row.pop("program_id"): WorklistCounts(**row) for row in totals}
        return {pk: found.get(pk, WorklistCounts()) for pk in pks}

    per_program = generations.cached_per_program("counts", program_ids, compute)
    return WorklistCounts(
        **{
            name: sum(getattr(counts, name) for counts in per_program.values())
            for name in ("overdue", "due", "alerts", "workup", "decisions")
        }
    )


# The columns of a worklist row: its evaluation, its case's names, its stored items.
PageRow = namedtuple(  # noqa: PYI024
    "PageRow",
    [
        "pk",
        "program_id",
        "decision_point",
        "has_overdue",
        "sort_due",
        "case_id",
        "given_name",
        "family_name",
        "worklist",
    ],
)
_PAGE_COLUMNS = (
    "pk",
    "program_id",
    "decision_point",
    "has_overdue",
    "sort_due",
    "case__case_id",
    "case__given_name",
    "case__family_name",
    "display__worklist",
)


def _named(users: QuerySet) -> list[tuple[int, str]]:
    """(key, ``get_full_name()`` or the username) of each user, from the columns,
    without loading whole users."""
    return [
        (pk, f"{first_name} {last_name}".strip() or username)
        for pk, first_name, last_name, username in users.values_list(
            "pk", "first_name", "last_name", "username"
        )
    ]


def _stored_rows(page_rows: list[PageRow]) -> dict[int, dict]:
    """Each row's stored items; read from its item rows where none are stored
    (a last resort: ``worklist_page`` re-evaluates such a row before reading it)."""
    found = {row.pk: row.worklist for row in page_rows if row.worklist}
    missing = [row.pk for row in page_rows if row.pk not in found]
    if missing:
        items = defaultdict(list)
        for item in EvaluationItem.objects.filter(evaluation_id__in=missing):
            items[item.evaluation_id].append(item)
        found.update({pk: stored_rows.encode(items[pk]) for pk in missing})
    return found


def _owner_names(
    owners: tuple[tuple[int, str], ...], stored: Iterable[dict]
) -> dict[int, str]:
    """Names of every owner on the page: the programs' members, and any other
    owner (a member since removed) from one more query."""
    from django.contrib.auth import get_user_model

    names = dict(owners)
    others = set().union(*map(stored_rows.owner_ids, stored)) - names.keys()
    if others:
        names.update(_named(get_user_model().objects.filter(pk__in=others)))
    return names


def _row(
    row: PageRow,
    stored_row: dict,
    *,
    as_of: dt.date,
    names: dict[int, str],
    keep: Callable[[WorklistItem], bool] | None,
) -> WorklistRow:
    return WorklistRow(
        case_pk=row.pk,
        case_id=row.case_id,
        # As ``Case.display_name``, and the case ID for a case without names.
        display_name=" ".join(p for p in (row.given_name, row.family_name) if p)
        or row.case_id,
        program_pk=row.program_id,
        decision_point=row.decision_point,
        items=stored_rows.referral_items(
            stored_row, as_of=as_of, owner_name=names.get, keep=keep
        ),
        alerts=stored_rows.alerts(stored_row),
        workup_open=tuple(stored_row.get("workup", ())),
        checks=tuple(stored_row.get("checks", ())),
    )


def _owners(program_ids: list[int]) -> tuple[tuple[int, str], ...]:
    """Who may own a referral: the programs' active members (a few rows, indexed;
    not a scan of every item's owner)."""
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(programs__in=program_ids, is_active=True)
        .order_by()
        .distinct()
    )
    return tuple(sorted(_named(users), key=lambda pair: pair[1]))


def worklist_page(
    *,
    user: AbstractBaseUser | AnonymousUser,
    filters: WorklistFilters,
    cursor: str | None,
    as_of: dt.date,
    page_size: int = 25,
    case_pk: int | None = None,
) -> WorklistPage:
    """One row per patient with its due items, overdue first, a page at a time.

    ``case_pk`` keeps only that patient's row (the answer to a change made in place;
    the cursor is then ignored). Raises ``InvalidCursor`` for a cursor it did not
    make.
    """
    program_ids = _program_ids(user, filters.program)
    if not program_ids:
        return WorklistPage(rows=(), counts=WorklistCounts(), next_cursor=None)
    all_current = evaluations_current(program_ids=program_ids, as_of=as_of) >= 0
    program_ids = list(program_ids)

    rows = CaseEvaluation.objects.filter(program_id__in=program_ids).filter(
        _card_filter(filters.card)
    )
    item_filter = _item_filter(filters)
    if item_filter is not None:
        rows = rows.filter(
            Exists(
                EvaluationItem.objects.filter(item_filter, evaluation=OuterRef("pk"))
            )
        )
    if case_pk is not None:
        rows = rows.filter(case_id=case_pk)
    elif cursor:
        rows = rows.filter(_after(cursor))
    rows = rows.order_by("-has_overdue", "sort_due", "case_id").values_list(
        *_PAGE_COLUMNS
    )

    def read() -> list[PageRow]:
        return [PageRow(*values) for values in rows[: page_size + 1]]

    page_rows = read()
    if not all_current and evaluations_current(
        program_ids=program_ids,
        as_of=as_of,
        case_ids=[r.pk for r in page_rows[:page_size]],
    ):
        # Too many stale rows to refresh at once (a rule change under way on the
        # worker): the rows shown are refreshed, then read again.
        page_rows = read()
    unstored = [r.pk for r in page_rows[:page_size] if not r.worklist]
    if unstored:
        # Evaluated before their items were stored with them (migration 0006):
        # evaluated again, as a stale row is, then read again.
        services.case_evaluation_refresh(case_ids=unstored, as_of=as_of)
        page_rows = read()
    has_more = len(page_rows) > page_size
    page_rows = page_rows[:page_size]

    stored = _stored_rows(page_rows)
    owners = _owners(program_ids)
    names = _owner_names(owners, stored.values())
    keep = (
        (lambda item: _item_matches(item, filters)) if item_filter is not None else None
    )
    return WorklistPage(
        rows=tuple(
            _row(r, stored[r.pk], as_of=as_of, names=names, keep=keep)
            for r in page_rows
        ),
        counts=worklist_counts(program_ids=program_ids),
        next_cursor=_encode_cursor(page_rows[-1]) if has_more else None,
        owners=owners,
    )


def _item_matches(item: WorklistItem, filters: WorklistFilters) -> bool:
    """``_item_filter`` on a loaded item: a row keeps only its matching items."""
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


# --- case list --------------------------------------------------------------------


def case_search(queryset: QuerySet, *, query: str) -> QuerySet:
    """The name-or-identifier search over the normalised ``search_text`` column that
    cases and their search rows both carry (accents and case ignored both ways;
    patients.search)."""
    from patients.search import search_terms

    for term in search_terms(query or ""):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def _alert_q(alert: str, *, evaluation: str = "") -> Q:
    """Evaluations showing this alert (``any``: any alert); rows keyed by their
    evaluation name it in ``evaluation`` (``evaluation__``)."""
    if alert == "any":
        return Q(**{f"{evaluation}n_alerts__gt": 0})
    return Q(
        Exists(
            EvaluationItem.objects.filter(
                evaluation=OuterRef("pk"),
                kind=EvaluationItem.Kind.ALERT,
                rule_id=alert,
            )
        )
    )


def case_alert_filter(
    queryset: QuerySet[Case], *, alert: str, as_of: dt.date
) -> QuerySet[Case]:
    """Cases showing this alert (``any``: any alert) as of ``as_of``, in SQL."""
    program_ids = list(
        queryset.order_by().values_list("program_id", flat=True).distinct()
    )
    if program_ids:
        evaluations_current(program_ids=program_ids, as_of=as_of)
    if alert == "any":
        return queryset.filter(evaluation__n_alerts__gt=0)
    return queryset.filter(
        Exists(
            EvaluationItem.objects.filter(
                evaluation_id=OuterRef("pk"),
                kind=EvaluationItem.Kind.ALERT,
                rule_id=alert,
            )
        )
    )


def case_list_queryset(
    *,
    user: AbstractBaseUser | AnonymousUser,
    as_of: dt.date,
    query: str = "",
    lineage: str = "",
    decision_point: str = "",
    alert: str = "",
    order_by_name: bool = True,
) -> QuerySet[CaseEvaluation] | QuerySet[CaseSearchRow]:
    """The rows of the user's current case evaluations, filtered and ordered in the
    database; each row's key is its case's (``case_list_page`` reads a page's
    evaluations with their cases).

    ``alert`` is an alert ID, or ``any`` for any alert shown today. Without a
    search the rows are the evaluations themselves: every filter reads their own
    columns (migration 0003), and the name index gives their order. A search reads
    ``CaseSearchRow``, the narrow table beside them (migration 0007), and joins an
    evaluation only for a decision-point or alert filter. Its matches are sorted,
    not walked in name order: the matches of a family name sort together, so the
    walk would pass through most of the registry before it reached the first.
    """
    program_ids = _program_ids(user, None)
    if program_ids:
        evaluations_current(program_ids=program_ids, as_of=as_of)
    if query:
        rows = case_search(
            CaseSearchRow.objects.filter(program_id__in=list(program_ids)),
            query=query,
        )
        evaluation = "evaluation__"
    else:
        rows = CaseEvaluation.objects.filter(program_id__in=list(program_ids))
        evaluation = ""
    if lineage:
        rows = rows.filter(lineage=lineage)
    if decision_point:
        rows = rows.filter(**{f"{evaluation}decision_point": decision_point})
    if alert:
        rows = rows.filter(_alert_q(alert, evaluation=evaluation))
    if order_by_name:
        rows = rows.order_by("sort_name", "pk")
    return rows


# How many rows past the start of the page asked for the unsearched case list counts
# (a filter alone, or none). Past that it says "more than": its page is cut from the
# name index, and counting the whole registry (50,000 cases) on every read cost more
# than the rest of the page.
COUNTED_AHEAD = 500


# A page number past this is past the end of any registry: the last page is shown.
# Without the bound a number of twenty digits reached the database as an offset no
# integer column holds, and the page failed.
MAX_PAGE_NUMBER = 1_000_000


def _page_number(page_number: int | str) -> int:
    try:
        return min(max(1, int(page_number)), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        return 1


def _keys_page(
    rows: QuerySet[CaseEvaluation] | QuerySet[CaseSearchRow],
    *,
    page_number: int | str,
    page_size: int,
    every_match_read: bool,
) -> Page:
    """A page of ``rows``' keys and a count of the rows.

    ``every_match_read``: the page's order comes from an expression no index serves
    (a search), so every match is read to be sorted anyway. The count then comes with
    the page's keys (``COUNT(*) OVER ()``), exact, from one query. Otherwise the page
    is cut from an index, and the rows are counted only up to ``COUNTED_AHEAD`` past
    the page's start: ``page.paginator.count`` is exact when ``page.paginator.more`` is
    false; when it is true, more than ``count - 1`` rows match, and the pages run on
    as far as the count reached (the next page counts further).

    As ``Paginator.get_page``: a page number that is not a number is the first
    page, one past the end the last.
    """
    keys = rows.values_list("pk", flat=True)
    paginator = Paginator(keys, page_size)
    paginator.more = False
    number = _page_number(page_number)
    start = (number - 1) * page_size
    if every_match_read:
        found = list(
            rows.annotate(matching=Window(Count("pk"))).values_list("pk", "matching")[
                start : start + page_size
            ]
        )
        if not found and number > 1:
            return paginator.get_page(number)  # past the end: count, then the last
        paginator.count = found[0][1] if found else 0  # a cached property, known now
        return Page([pk for pk, _ in found], number, paginator)
    ahead = max(COUNTED_AHEAD, page_size)  # at least this page and one row more
    counted = rows.order_by().values("pk")[: start + ahead + 1].count()
    if counted <= start and number > 1:  # past the end: the last page
        number = max(1, -(-counted // page_size))
        start = (number - 1) * page_size
    paginator.count = counted
    paginator.more = counted > start + ahead
    return Page(list(keys[start : start + page_size]), number, paginator)


# What a case list row shows (templates/patients/case_list.html) and the audit
# names: a row's whole case, with its fifty columns, cost more than its query.
CASE_LIST_FIELDS = (
    "program_id",
    "decision_point",
    "n_alerts",
    "age_years",
    "outside_aya",
    "case__program__name",
    "case__case_id",
    "case__given_name",
    "case__family_name",
    "case__lineage",
    "case__disease_state",
)


def case_list_page(
    *,
    user: AbstractBaseUser | AnonymousUser,
    as_of: dt.date,
    page_number: int | str = 1,
    page_size: int = 25,
    **filters: str,
) -> Page:
    """A page of ``case_list_queryset``: ``CaseEvaluation`` rows with ``case``.

    The page is cut on the keys alone, then its rows are read: sorting a few
    thousand search matches with their cases attached cost PostgreSQL four times
    what sorting their keys does.
    """
    rows = case_list_queryset(user=user, as_of=as_of, **filters)
    searched = bool(filters.get("query"))
    # A search's best plan depends on how many rows its term matches.
    with planned_for_values() if searched else nullcontext():
        page = _keys_page(
            rows,
            page_number=page_number,
            page_size=page_size,
            every_match_read=searched,
        )
        keys = list(page.object_list)
    # The user's programs again (a subquery): a row is shown only if its evaluation,
    # not just the row the page was cut from, is in one of them.
    found = (
        CaseEvaluation.objects.filter(
            program_id__in=program_list_for_user(user=user).values("pk")
        )
        .select_related("case", "case__program")
        .only(*CASE_LIST_FIELDS)
        .in_bulk(keys)
    )
    # A case deleted between the two reads is left out rather than failing the page.
    page.object_list = [found[key] for key in keys if key in found]
    return page
