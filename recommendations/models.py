"""Editable rule wording (with history) and immutable evaluation snapshots."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from simple_history.models import HistoricalRecords

from patients.models import Case, Program
from recommendations.engine import RULES_BY_ID

MSG_SNAPSHOT_IMMUTABLE = (
    "A saved snapshot is a record of what was shown; it cannot be changed."
)


class Strength(models.TextChoices):
    """The catalogue's strength vocabulary (../shared/domain/README.md)."""

    STRONG = "strong"
    CONDITIONAL = "conditional"
    GOOD_PRACTICE = "good_practice", "Good practice"
    RESEARCH_ONLY = "research_only", "Research only"
    INFORMATION = "information"


class RuleContent(models.Model):
    """The clinician-facing wording, strength and certainty of one catalogue rule.

    Program administrators may correct these in the admin; every change is kept in
    the history. The rule's logic lives in code (``recommendations.engine``) and
    changes only with its catalogue entry: nothing here decides when a rule applies.
    """

    rule_id = models.CharField(max_length=40, unique=True, editable=False)
    statement = models.TextField()
    strength = models.CharField(max_length=20, choices=Strength.choices)
    strength_stated = models.BooleanField(
        help_text="Whether the source states this strength (otherwise 'conditional' by "
        "catalogue convention)."
    )
    certainty = models.CharField(max_length=40, blank=True)
    rule_version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="The version of the rule's meaning this wording was written for; "
        "an override written for an older version is flagged for review.",
    )
    is_override = models.BooleanField(
        default=False,
        editable=False,
        help_text="Set once an administrator changed the catalogue's wording; rows "
        "that are not overrides follow the catalogue when it is upgraded.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["rule_id"]
        verbose_name = "rule wording"

    def __str__(self) -> str:
        return self.rule_id

    @property
    def needs_review(self) -> bool:
        """An override written for an earlier meaning of its rule (since changed)."""
        rule = RULES_BY_ID.get(self.rule_id)
        return (
            self.is_override and rule is not None and self.rule_version < rule.version
        )


class RecommendationSnapshot(models.Model):
    """What the engine said about a case on one date, as a clinician saved it.

    Input facts (the case document and the engine's derived facts), the rule-set version
    and the full result are copied in, so later edits to the case never change it.
    """

    case = models.ForeignKey(
        Case, null=True, on_delete=models.SET_NULL, related_name="snapshots"
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    case_ref = models.CharField(max_length=64)
    as_of = models.DateField()
    ruleset_version = models.CharField(max_length=40)
    case_version = models.PositiveIntegerField()
    facts = models.JSONField(help_text="The case document the engine read.")
    result = models.JSONField(help_text="The engine's full result, as shown.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.case_ref} on {self.as_of} ({self.ruleset_version})"

    def save(self, *args, **kwargs) -> None:
        # Immutability is a property of the record itself, not of one code path.
        if self.pk is not None:
            raise ValidationError(MSG_SNAPSHOT_IMMUTABLE)
        super().save(*args, **kwargs)

    @property
    def decision_point(self) -> str:
        return self.result.get("decision_point", "NONE")


class AlertAcknowledgement(models.Model):
    """A clinician's "seen, and here is why it is handled" for one alert of a case.

    It holds for the facts the alert was raised on: ``facts_fingerprint`` digests the
    alert's reasons and detail (and ``rule_version`` its meaning), so when those
    change the alert is new again. Rows are never edited; a later one supersedes.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="alert_acknowledgements"
    )
    rule_id = models.CharField(max_length=40)
    rule_version = models.PositiveIntegerField()
    facts_fingerprint = models.CharField(max_length=64)
    case_version = models.PositiveIntegerField(
        help_text="The case's version when acknowledged (for the record)."
    )
    reason = models.TextField(validators=[MaxLengthValidator(500)])
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at", "-id"]
        indexes = [models.Index(fields=["case", "rule_id"])]

    def __str__(self) -> str:
        return f"{self.rule_id} acknowledged on case {self.case_id}"
