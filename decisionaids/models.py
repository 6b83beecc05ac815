"""Decision-aid rows: reviewable evidence figures and one render job per request."""

from __future__ import annotations

from numbers import Real

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from decisionaids.content.aids import AID_IDS, DESIGNS, LANGUAGES, PAPERS
from decisionaids.content.evidence import KINDS, UNITS

MSG_MEASURES_NOT_A_LIST = "Measures must be a list."
MSG_MEASURE_INVALID = "Measure {index} ({key}): {problem}"


def _number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


def _arm_problem(arm: object, unit: str) -> str | None:
    """What is wrong with one arm of a measure, or None."""
    if not isinstance(arm, dict) or not isinstance(arm.get("arm"), str):
        return "each arm needs a name"
    value = arm.get("value")
    if isinstance(value, list):
        if len(value) != 2 or not all(_number(v) for v in value):
            return "a range is [low, high]"
        if not 0 <= value[0] <= value[1] <= 100:
            return "a range must lie within 0-100, low first"
        return None
    if not _number(value) or value < 0:
        return "a value must be a number of 0 or more"
    if unit == "of_100":
        also = arm.get("also", 0)
        if not _number(also) or also < 0 or value + also > 100:
            return "people of 100 must add up to 100 or less"
        if also and not (float(value).is_integer() and float(also).is_integer()):
            return "a second group ('also') needs whole numbers of people"
    if unit == "of_n":
        of = arm.get("of")
        if not isinstance(of, int) or of < value:
            return "'of' must be a whole number at least the value"
    return None


def validate_measures(value: object) -> None:
    """The structure ``decisionaids.content.evidence`` documents; numbers in range."""
    if not isinstance(value, list):
        raise ValidationError(MSG_MEASURES_NOT_A_LIST)
    problems = []
    for index, measure in enumerate(value):
        key = measure.get("key", "?") if isinstance(measure, dict) else "?"

        def add(problem: str, index: int = index, key: str = key) -> None:
            problems.append(
                MSG_MEASURE_INVALID.format(index=index, key=key, problem=problem)
            )

        if not isinstance(measure, dict):
            add("not an object")
            continue
        if measure.get("unit") not in UNITS:
            add(f"unit must be one of {', '.join(UNITS)}")
            continue
        if measure.get("kind") not in KINDS:
            add("kind must be benefit or harm")
        for field in ("title", "outcome"):
            text = measure.get(field)
            if not isinstance(text, dict) or not all(
                isinstance(text.get(lang), str) and text.get(lang).strip()
                for lang in LANGUAGES
            ):
                add(f"'{field}' needs wording in {' and '.join(LANGUAGES)}")
        arms = measure.get("arms")
        if not isinstance(arms, list) or not arms:
            add("at least one arm is needed")
            continue
        for arm in arms:
            problem = _arm_problem(arm, measure["unit"])
            if problem:
                add(problem)
    if problems:
        raise ValidationError(problems)


class EvidenceFigure(models.Model):
    """One EV-… row of the catalogue's evidence table, as reviewed content.

    Aids print only figures stored here. Rows come from
    ``decisionaids.content.evidence`` (data migration, then a post-migrate sync that
    adds missing rows and never overwrites edits); administrators review them in the
    admin, which records who reviewed them and when, with history.
    """

    ev_id = models.CharField("evidence ID", max_length=40, unique=True)
    statement = models.TextField(help_text="The figure as the catalogue states it.")
    measures = models.JSONField(
        validators=[validate_measures],
        help_text="Numbers per arm, with the patient wording (see "
        "decisionaids/content/evidence.py).",
    )
    population = models.CharField(max_length=200)
    population_plain = models.JSONField(
        help_text="The population in plain words, per language ({'en': …, 'es': …})."
    )
    study = models.CharField(max_length=60, blank=True)
    design = models.CharField(
        max_length=40,
        choices=[(design, design.replace("_", " ")) for design in DESIGNS],
        help_text="The study design, printed with every figure as its certainty "
        "(catalogue 'Evidence for decision aids').",
    )
    source = models.CharField("source key", max_length=40)
    seed = models.CharField(max_length=10, help_text="The seed document it comes from.")
    reviewed_by = models.CharField(max_length=200)
    reviewed_at = models.DateField()
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["ev_id"]
        verbose_name = "evidence figure"

    def __str__(self) -> str:
        return self.ev_id

    def clean(self) -> None:
        plain = self.population_plain
        if not isinstance(plain, dict) or not all(
            isinstance(plain.get(lang), str) and plain[lang].strip()
            for lang in LANGUAGES
        ):
            raise ValidationError(
                {"population_plain": "Give the population in English and Spanish."}
            )

    def measure(self, key: str) -> dict:
        for measure in self.measures:
            if measure["key"] == key:
                return measure
        raise KeyError(f"{self.ev_id} has no measure {key!r}")


class DecisionAidJob(models.Model):
    """One request to print one aid for one case; the source of truth for its PDF.

    queued → rendering → ready, or → failed after the bounded retries. The worker
    receives only the primary key. A rendering job holds a lease its worker renews;
    the sweeper puts a job whose lease ran out back in the queue, and sends again a
    queued job the broker never got (docs/adr/0010-decision-aid-jobs.md).
    ``content_key`` is the SHA-256 of the canonical inputs (case document, engine
    result, aid, language, paper, content version) and names the stored file,
    so the same inputs always give the same file name.
    """

    class Status(models.TextChoices):
        QUEUED = "queued"
        RENDERING = "rendering"
        READY = "ready"
        FAILED = "failed"

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Español"

    class Paper(models.TextChoices):
        LETTER = "letter", "Letter"
        A4 = "a4", "A4"

    case = models.ForeignKey(
        "patients.Case", on_delete=models.CASCADE, related_name="decision_aid_jobs"
    )
    aid_id = models.CharField(
        "decision aid", max_length=20, choices=[(a, a) for a in AID_IDS]
    )
    language = models.CharField(max_length=2, choices=Language.choices)
    paper = models.CharField(max_length=6, choices=Paper.choices, default=Paper.LETTER)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    snapshot = models.ForeignKey(
        "recommendations.RecommendationSnapshot",
        on_delete=models.PROTECT,
        related_name="decision_aid_jobs",
        help_text="The engine evaluation the aid was built from.",
    )
    content_version = models.CharField(max_length=60)
    content_key = models.CharField(max_length=64, db_index=True)
    pdf = models.FileField(max_length=200, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    size_bytes = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(
        max_length=300, blank=True, help_text="A plain message; never patient data."
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    given_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    enqueued_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the render was last handed to the broker; empty while the "
        "print service could not be reached.",
    )
    lease_expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="While rendering: the worker renews this; once it passes, the "
        "sweeper takes the job back.",
    )
    leased_by = models.CharField(
        max_length=120, blank=True, help_text="host:pid of the worker rendering it."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(given_at__isnull=True) | models.Q(status="ready"),
                name="decisionaidjob_given_only_when_ready",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(sha256=""),
                name="decisionaidjob_ready_has_checksum",
            ),
            models.CheckConstraint(
                condition=models.Q(language__in=list(LANGUAGES)),
                name="decisionaidjob_language_known",
            ),
            models.CheckConstraint(
                condition=models.Q(paper__in=list(PAPERS)),
                name="decisionaidjob_paper_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.aid_id} ({self.language}) #{self.pk} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READY, self.Status.FAILED)
