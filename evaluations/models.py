"""The current evaluation of each case, stored where the lists read it (ADR 0007).

One ``CaseEvaluation`` per case holds what the worklist and the case list filter and
sort on as indexed columns (a search reads its narrow ``CaseSearchRow``), and the
engine's full result as JSON for display only (``EvaluationResult``). Its
``EvaluationItem`` rows are the due items (alerts, referrals, work-up, checks),
indexed for the worklist's filters. All are written by
``evaluations.services.case_evaluation_refresh`` in the same transaction as the
change to the case; the columns ``case_version``, ``ruleset_version``,
``rules_fingerprint`` and ``valid_until`` tell a reader whether a row is current.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from patients.models import Case, Program


class CaseEvaluation(models.Model):
    case = models.OneToOneField(
        Case, primary_key=True, on_delete=models.CASCADE, related_name="evaluation"
    )
    # Indexed as the first column of every composite index below (no own index:
    # each index is one more write per row at a full re-evaluation).
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    ruleset_version = models.CharField(max_length=40)
    # The rule wording in force (catalogue plus administrators' overrides) and the
    # program's mental-health interval, hashed: a change makes the row stale.
    rules_fingerprint = models.CharField(max_length=32)
    case_version = models.PositiveIntegerField()
    case_updated_at = models.DateTimeField()
    evaluated_for = models.DateField(help_text="The date the engine evaluated as of.")
    valid_until = models.DateField(
        help_text="The first date on which the result may differ (a due date "
        "passing, the mental-health interval, a birthday); re-evaluated then."
    )
    decision_point = models.CharField(max_length=30)
    has_overdue = models.BooleanField()
    next_due = models.DateField(null=True)
    # next_due for ordering: never null (9999-12-31 when nothing is due), so the
    # worklist's keyset runs on one index.
    sort_due = models.DateField()
    # The case list's order (family name, then case ID, case-folded), indexed.
    sort_name = models.CharField(max_length=240)
    # The case's lineage, kept here so the case list filters and sorts one table
    # (migration 0003); its search reads ``CaseSearchRow`` (migration 0007).
    lineage = models.CharField(max_length=1, default="")
    n_due = models.PositiveSmallIntegerField()
    n_overdue = models.PositiveSmallIntegerField()
    n_alerts = models.PositiveSmallIntegerField()
    n_alerts_high = models.PositiveSmallIntegerField()
    # Alerts not in the latest snapshot and not acknowledged (services.alerts_seen).
    n_alerts_new = models.PositiveSmallIntegerField()
    n_workup_open = models.PositiveSmallIntegerField()
    n_checks = models.PositiveSmallIntegerField()
    alert_ids = models.JSONField(default=list)
    # Two of the engine's derived facts the case list shows (age at the evaluation
    # date, and whether it falls outside 15-39); unknown stays unknown (null).
    age_years = models.PositiveSmallIntegerField(null=True)
    outside_aya = models.BooleanField(null=True)
    evaluated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["program", "-has_overdue", "sort_due", "case"],
                name="eval_worklist_order",
            ),
            models.Index(fields=["valid_until"], name="eval_valid_until"),
            models.Index(fields=["program", "sort_name", "case"], name="eval_name"),
            models.Index(fields=["program", "decision_point"], name="eval_point"),
            # Covers the worklist's cards: one aggregate reads this index only.
            models.Index(
                fields=[
                    "program",
                    "has_overdue",
                    "n_due",
                    "n_alerts_new",
                    "n_workup_open",
                    "decision_point",
                ],
                name="eval_cards",
            ),
            models.Index(fields=["program", "n_alerts_new"], name="eval_alerts_new"),
            models.Index(fields=["program", "n_workup_open"], name="eval_workup_open"),
            models.Index(fields=["program", "rules_fingerprint"], name="eval_rules"),
        ]

    def __str__(self) -> str:
        return f"evaluation of case {self.case_id} as of {self.evaluated_for}"


class EvaluationItem(models.Model):
    class Kind(models.TextChoices):
        ALERT = "alert"
        REFERRAL = "referral"
        WORKUP = "workup", "Work-up"
        CHECK = "check"

    # Both lead composite indexes below (item_evaluation; item_owner and
    # item_kind_status), so neither keeps an index of its own.
    evaluation = models.ForeignKey(
        CaseEvaluation, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    rule_id = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    severity = models.CharField(max_length=10, blank=True)
    text = models.TextField(blank=True)
    source = models.CharField(max_length=40, blank=True)
    due = models.DateField(null=True)
    due_basis = models.CharField(max_length=30, blank=True)
    overdue = models.BooleanField(default=False)
    new = models.BooleanField(default=False)  # an alert not seen yet
    referral_kind = models.CharField(max_length=20, blank=True)
    referral = models.ForeignKey(
        "patients.Referral",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    status = models.CharField(max_length=20, blank=True)
    status_date = models.DateField(null=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["evaluation", "position"]
        indexes = [
            models.Index(fields=["program", "kind", "owner"], name="item_owner"),
            models.Index(
                fields=["program", "kind", "referral_kind", "status"],
                name="item_kind_status",
            ),
            models.Index(fields=["evaluation", "kind"], name="item_evaluation"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.rule_id}"


class EvaluationResult(models.Model):
    """The engine's whole result behind a stored evaluation, for display only.

    A table of its own (migration 0005): the lists scan evaluation rows, and about
    1.7 kB of JSON in each made them eight times wider, so a broad search read a
    page of the table for nearly every match. Written with its evaluation row.
    """

    evaluation = models.OneToOneField(
        CaseEvaluation,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="display",
        db_column="case_id",
    )
    result = models.JSONField(help_text="The engine's result, for display only.")
    # The worklist row's items as the page shows them (evaluations.stored_rows): one
    # read with the page's rows, instead of hundreds of item rows. Written with the
    # items. The database's own default lets a process started before migration 0006
    # go on writing rows, without it, until it is restarted.
    worklist = models.JSONField(
        default=dict,
        db_default={},
        help_text="The worklist row's items, for display only.",
    )

    def __str__(self) -> str:
        return f"result of {self.evaluation_id}"


class CaseSearchRow(models.Model):
    """What the case list's search filters and sorts on, one narrow row per case.

    A search for a common family name matches thousands of cases, and every match is
    read to be counted and sorted by name. Read from the evaluations (about 270 bytes
    a row and half their table free space, left by re-evaluations), that was most
    of the table; these rows are a fifth of its size. Written with their evaluation
    (``evaluations.store``), but rewritten only when one of their values changes: a
    re-evaluation leaves them as they are (migration 0007).
    """

    evaluation = models.OneToOneField(
        CaseEvaluation,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_row",
        db_column="case_id",
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    lineage = models.CharField(max_length=1, default="")
    # As ``CaseEvaluation.sort_name``; the case's ``search_text`` (patients.search),
    # which a trigram index serves on PostgreSQL.
    sort_name = models.CharField(max_length=240)
    search_text = models.TextField(default="")

    def __str__(self) -> str:
        return f"search row of {self.evaluation_id}"


class ReevaluationJob(models.Model):
    """A re-evaluation of many cases on the worker, in chunks, with its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=200)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    # The job's cases are split into this many lanes (``ReevaluationLane``), which
    # the worker's processes run side by side.
    lanes = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "re-evaluation job"

    def __str__(self) -> str:
        return f"re-evaluation {self.pk} ({self.status}, {self.done}/{self.total})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)


class ReevaluationLane(models.Model):
    """One of a job's lanes: its cases whose pk leaves ``number`` when divided by
    the job's ``lanes``, taken in pk order a chunk at a time.

    A chunk's results, the lane's cursor and the job's count are written in one
    transaction, so a worker killed mid-chunk loses nothing: the chunk runs again.
    """

    job = models.ForeignKey(
        ReevaluationJob, on_delete=models.CASCADE, related_name="lane_set"
    )
    number = models.PositiveSmallIntegerField()
    # The last case pk of this lane re-evaluated: the next chunk starts after it.
    last_case_pk = models.PositiveBigIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    finished = models.BooleanField(default=False)
    # When the lane last moved (or was sent again): a lane that stands still longer
    # than AYA_REEVALUATION_STALL_SECONDS lost its worker and is sent again.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["job", "number"], name="reevaluation_lane_unique"
            )
        ]

    def __str__(self) -> str:
        return f"lane {self.number} of {self.job}"
