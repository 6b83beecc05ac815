"""Registry models: programs, cases, timeline events, referrals and the audit."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models.functions import Lower

from patients import choices
from patients.search import case_search_text

# ASH-RR-2026: the guideline population is adolescents and young adults aged 15-39.
AYA_MIN_AGE = 15
AYA_MAX_AGE = 39

MSG_DATE_AFTER_EVALUATION = (
    "This date is after the evaluation date ({evaluation}); "
    "facts cannot describe the future."
)
MSG_DATE_BEFORE_BIRTH = "This date is before the birth date ({birth})."
MSG_DIAGNOSIS_BEFORE_BIRTH = "The diagnosis date is before the birth date."
MSG_RELAPSE_BEFORE_DIAGNOSIS = (
    "The relapse date is before the diagnosis date ({diagnosis})."
)
MSG_EVENT_BEFORE_DIAGNOSIS = "This event is dated before the diagnosis ({diagnosis})."
MSG_END_BEFORE_START = "The end date is before the start date."
MSG_RELAPSE_STATE_WITHOUT_RELAPSE = (
    "A case in state '{state}' must have at least one relapse; relapse count is 0."
)
MSG_ABL1_FORMAT = (
    "An ABL1 mutation is written like T315I: a letter, a position, a letter."
)
MSG_UNIQUE_ITEMS = "Each value may appear only once."
MSG_EVALUATION_BEFORE_DIAGNOSIS = "The evaluation date is before the diagnosis date."
MSG_WORKUP_NEEDS_TEST = "A work-up event needs the test that was done."
MSG_TEST_ONLY_ON_WORKUP = (
    "Only a work-up event records a test; choose the type work-up or clear the test."
)
MSG_RESULT_ONLY_ON_WORKUP = (
    "Only a work-up event records a result; choose the type work-up or clear the "
    "result."
)
MSG_REFERRAL_NEEDS_DATE = (
    "A referral that is {status} needs the date it became {status}."
)
MSG_SCHEDULED_DATE_AFTER_EVALUATION = (
    "The date the referral was scheduled is after the evaluation date "
    "({evaluation}); a future appointment goes in the appointment date."
)
MSG_REASON_ONLY_WHEN_DECLINED = "Only a declined referral has a reason for declining."
MSG_APPOINTMENT_ONLY_WHEN_SCHEDULED = (
    "Only a scheduled referral has an appointment date; clear it or set the status "
    "to scheduled."
)
MSG_APPOINTMENT_BEFORE_SCHEDULED = (
    "The appointment is before the date the referral was scheduled ({date})."
)
MSG_PHONE = (
    "Write the phone number with digits, spaces and + ( ) - . only, at least 7 "
    "digits, e.g. +1 555 0100 or (555) 010-0123 ext. 12."
)

# Digits and the usual separators, then an optional extension; the number's digits
# are counted apart, so "((( )))" is refused.
_PHONE_PATTERN = re.compile(
    r"(?P<number>\+?[0-9 ().\-]+?)(?: *(?:ext\.?|x) *[0-9]{1,6})?", re.IGNORECASE
)
PHONE_MIN_DIGITS = 7
PHONE_MAX_DIGITS = 15  # ITU-T E.164, before any extension


# The fields Case.search_text is made of.
SEARCH_SOURCE_FIELDS = frozenset({"case_id", "given_name", "family_name"})


def years_between(start: dt.date, end: dt.date) -> int:
    """The age on ``end`` of one born on ``start``."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _validate_sites(value: list) -> None:
    if not isinstance(value, list):
        raise ValidationError("Disease sites must be a list.", code="not_a_list")
    allowed = set(choices.DiseaseSite.values)
    unknown = [site for site in value if site not in allowed]
    if unknown:
        raise ValidationError(
            "Unknown disease site(s): %(sites)s. Allowed: %(allowed)s.",
            params={
                "sites": ", ".join(map(str, unknown)),
                "allowed": ", ".join(sorted(allowed)),
            },
            code="unknown_site",
        )
    if len(set(value)) != len(value):
        raise ValidationError(MSG_UNIQUE_ITEMS, code="not_unique")


# A distinct code: JSONField replaces the message of any error coded "invalid".
_abl1_pattern = RegexValidator(
    r"^[A-Z][0-9]{1,4}[A-Z]\Z", MSG_ABL1_FORMAT, code="abl1_format"
)


def _validate_abl1_mutations(value: list) -> None:
    if not isinstance(value, list):
        raise ValidationError("ABL1 mutations must be a list.", code="not_a_list")
    for mutation in value:
        _abl1_pattern(str(mutation))
    if len(set(value)) != len(value):
        raise ValidationError(MSG_UNIQUE_ITEMS, code="not_unique")


def validate_phone(value: str) -> None:
    """A phone number a patient can dial: digits and separators, 7 to 15 digits."""
    match = _PHONE_PATTERN.fullmatch(value.strip())
    digits = sum(ch.isdigit() for ch in match["number"]) if match else 0
    if not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(MSG_PHONE, code="phone")


class Program(models.Model):
    """An AYA service that owns cases; users see only the cases of their programs."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    mental_health_interval_days = models.PositiveSmallIntegerField(
        default=90,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
        help_text="PSY-MENTAL-HEALTH: screening is due when none was completed within "
        "this many days (ASH-FL-2026; 90 days by default).",
    )
    care_team_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="Printed on every page of a decision aid: who the patient contacts.",
    )
    care_team_phone = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_phone],
        help_text="Printed on every page of a decision aid, e.g. +1 555 0100.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ProgramMembership", related_name="programs"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProgramMembership(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["program", "user"], name="unique_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.program}"


class Case(models.Model):
    """One AYA patient with R/R ALL, as known on ``evaluation_date``."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="cases")
    case_id = models.CharField(
        "case identifier",
        max_length=64,
        help_text="The program's own identifier (MRN or registry number).",
    )
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField()
    sex = models.CharField(max_length=10, choices=choices.Sex.choices, blank=True)
    can_become_pregnant = models.BooleanField(null=True, blank=True)
    preferred_language = models.CharField(
        max_length=2, choices=choices.Language.choices, default=choices.Language.ENGLISH
    )
    weight_kg = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0.1), MaxValueValidator(400)],
    )
    evaluation_date = models.DateField(
        help_text="The date the facts describe (the clinic visit)."
    )

    diagnosis_date = models.DateField()
    lineage = models.CharField(max_length=1, choices=choices.Lineage.choices)
    ph_status = models.CharField(
        "Ph status",
        max_length=10,
        choices=choices.PhStatus.choices,
        default=choices.PhStatus.UNKNOWN,
    )
    initial_regimen = models.CharField(max_length=200, blank=True)

    disease_state = models.CharField(
        max_length=30, choices=choices.DiseaseState.choices
    )
    relapse_count = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(20)]
    )
    latest_relapse_date = models.DateField(null=True, blank=True)
    # None means the sites were not recorded; an empty list means none are involved.
    sites = models.JSONField(
        "disease sites",
        null=True,
        blank=True,
        default=None,
        validators=[_validate_sites],
    )
    marrow_blast_percent = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    testicular_disease_after_induction = models.BooleanField(null=True, blank=True)

    cd19 = models.CharField(
        "CD19",
        max_length=10,
        choices=choices.Marker.choices,
        default=choices.Marker.UNKNOWN,
    )
    cd22 = models.CharField(
        "CD22",
        max_length=10,
        choices=choices.Marker.choices,
        default=choices.Marker.UNKNOWN,
    )
    cd20 = models.CharField(
        "CD20",
        max_length=10,
        choices=choices.Marker.choices,
        default=choices.Marker.UNKNOWN,
    )
    kmt2a_rearranged = models.CharField(
        "KMT2A rearranged",
        max_length=10,
        choices=choices.YesNoUnknown.choices,
        default=choices.YesNoUnknown.UNKNOWN,
    )
    abl1_mutations = models.JSONField(
        "ABL1 kinase-domain mutations",
        null=True,
        blank=True,
        default=None,
        validators=[_validate_abl1_mutations],
    )
    markers_tested_on = models.DateField(
        "markers tested on",
        null=True,
        blank=True,
        help_text="Date of the immunophenotype that CD19, CD22 and CD20 come from.",
    )

    ecog = models.PositiveSmallIntegerField(
        "ECOG", null=True, blank=True, validators=[MaxValueValidator(4)]
    )
    hct_ci = models.PositiveSmallIntegerField(
        "HCT-CI", null=True, blank=True, validators=[MaxValueValidator(30)]
    )
    fitness_category = models.CharField(
        max_length=10,
        choices=choices.FitnessCategory.choices,
        default=choices.FitnessCategory.UNKNOWN,
    )
    transplant_eligible = models.CharField(
        max_length=10,
        choices=choices.YesNoUnknown.choices,
        default=choices.YesNoUnknown.UNKNOWN,
    )
    prior_neuropathy = models.BooleanField(null=True, blank=True)
    strong_cyp3a4_inhibitor = models.BooleanField(
        "on a strong CYP3A4 inhibitor", null=True, blank=True
    )

    hsct_planned = models.BooleanField("HSCT planned", null=True, blank=True)
    next_treatment_start = models.DateField(null=True, blank=True)
    school_or_work_disrupted = models.BooleanField(null=True, blank=True)
    clinical_trial_screened = models.BooleanField(null=True, blank=True)

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Incremented on every change."
    )
    search_text = models.TextField(
        blank=True,
        editable=False,
        help_text="Identifier and name without accents, case-folded (written on "
        "save; docs/adr/0009).",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["program", "case_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "case_id"], name="unique_case_id_per_program"
            ),
        ]
        indexes = [
            models.Index(fields=["program", "disease_state"]),
            models.Index(Lower("family_name"), name="case_family_name_lower"),
        ]

    def __str__(self) -> str:
        return self.case_id

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        # The search column derives from three fields: written wherever a case is
        # saved (services, import, admin, API), so no save path can leave it stale.
        self.fill_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & SEARCH_SOURCE_FIELDS:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def fill_search_text(self) -> None:
        """Derive the search column; ``save`` calls it, bulk inserts must too."""
        self.search_text = case_search_text(
            case_id=self.case_id,
            given_name=self.given_name,
            family_name=self.family_name,
        )

    @property
    def display_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def age_at_evaluation(self) -> int | None:
        if self.birth_date is None or self.evaluation_date is None:
            return None
        return years_between(self.birth_date, self.evaluation_date)

    @property
    def outside_aya(self) -> bool:
        """Age outside 15-39 is allowed: flagged, never clamped (ALERT-OUTSIDE-AYA)."""
        age = self.age_at_evaluation
        return age is not None and not AYA_MIN_AGE <= age <= AYA_MAX_AGE

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        birth, evaluation = self.birth_date, self.evaluation_date
        diagnosis, relapse = self.diagnosis_date, self.latest_relapse_date
        if birth and evaluation and evaluation < birth:
            add("evaluation_date", MSG_DATE_BEFORE_BIRTH.format(birth=birth))
        if birth and diagnosis and diagnosis < birth:
            add("diagnosis_date", MSG_DIAGNOSIS_BEFORE_BIRTH)
        if evaluation:
            for field in ("diagnosis_date", "latest_relapse_date", "markers_tested_on"):
                value = getattr(self, field)
                if value and value > evaluation:
                    add(field, MSG_DATE_AFTER_EVALUATION.format(evaluation=evaluation))
        tested = self.markers_tested_on
        if birth and tested and tested < birth:
            add("markers_tested_on", MSG_DATE_BEFORE_BIRTH.format(birth=birth))
        if diagnosis and relapse and relapse < diagnosis:
            add(
                "latest_relapse_date",
                MSG_RELAPSE_BEFORE_DIAGNOSIS.format(diagnosis=diagnosis),
            )
        relapse_states = {
            choices.DiseaseState.RELAPSE,
            choices.DiseaseState.REMISSION_AFTER_RELAPSE,
        }
        if self.disease_state in relapse_states and self.relapse_count == 0:
            add(
                "relapse_count",
                MSG_RELAPSE_STATE_WITHOUT_RELAPSE.format(state=self.disease_state),
            )
        if errors:
            raise ValidationError(errors)


class Event(models.Model):
    """A dated timeline entry: therapy, relapse, CNS, response, toxicity, work-up."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=20, choices=choices.EventType.choices)
    date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    agent = models.CharField(
        max_length=100,
        blank=True,
        help_text="CAR-T product, TKI, chemotherapy regimen…",
    )
    cycles = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    donor = models.CharField(max_length=20, choices=choices.Donor.choices, blank=True)
    response = models.CharField(
        max_length=12, choices=choices.Response.choices, blank=True
    )
    mrd = models.CharField(
        "MRD", max_length=10, choices=choices.Mrd.choices, blank=True
    )
    mrd_level = models.FloatField(
        "MRD level",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    toxicity = models.CharField(
        max_length=12, choices=choices.Toxicity.choices, blank=True
    )
    grade = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    cns_kind = models.CharField(
        "CNS finding", max_length=25, choices=choices.CnsKind.choices, blank=True
    )
    test = models.CharField(
        max_length=30,
        choices=choices.WorkupTest.choices,
        blank=True,
        help_text="For a work-up event: which relapse work-up item was done.",
    )
    result = models.CharField(
        max_length=200,
        blank=True,
        help_text="For a work-up event: the result in words, as reported.",
    )
    note = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["case", "date"])]

    def __str__(self) -> str:
        return f"{self.get_type_display()} on {self.date}"

    @property
    def is_therapy(self) -> bool:
        return self.type in choices.THERAPY_EVENT_TYPES

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        case = self.case if self.case_id or _has_cached_case(self) else None
        if self.date and self.end_date and self.end_date < self.date:
            errors.setdefault("end_date", []).append(MSG_END_BEFORE_START)
        if self.type == choices.EventType.WORKUP:
            if not self.test:
                errors.setdefault("test", []).append(MSG_WORKUP_NEEDS_TEST)
        elif self.type:
            if self.test:
                errors.setdefault("test", []).append(MSG_TEST_ONLY_ON_WORKUP)
            if self.result:
                errors.setdefault("result", []).append(MSG_RESULT_ONLY_ON_WORKUP)
        if case is not None and self.date:
            evaluation = case.evaluation_date
            for field in ("date", "end_date"):
                value = getattr(self, field)
                if not value:
                    continue
                if case.birth_date and value < case.birth_date:
                    errors.setdefault(field, []).append(
                        MSG_DATE_BEFORE_BIRTH.format(birth=case.birth_date)
                    )
                elif case.diagnosis_date and value < case.diagnosis_date:
                    message = (
                        MSG_RELAPSE_BEFORE_DIAGNOSIS
                        if self.type == choices.EventType.RELAPSE
                        else MSG_EVENT_BEFORE_DIAGNOSIS
                    )
                    errors.setdefault(field, []).append(
                        message.format(diagnosis=case.diagnosis_date)
                    )
                if evaluation and value > evaluation:
                    errors.setdefault(field, []).append(
                        MSG_DATE_AFTER_EVALUATION.format(evaluation=evaluation)
                    )
        if errors:
            raise ValidationError(errors)


def _has_cached_case(event: Event) -> bool:
    """True when an unsaved case object is attached (import validates before saving)."""
    return Event.case.is_cached(event)


class Referral(models.Model):
    """A psychosocial or supportive-care referral, chased by the coordinators."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    kind = models.CharField(max_length=20, choices=choices.ReferralKind.choices)
    status = models.CharField(
        max_length=10,
        choices=choices.ReferralStatus.choices,
        default=choices.ReferralStatus.NEEDED,
    )
    date = models.DateField(
        null=True,
        blank=True,
        help_text="The date the referral reached its current status (needed for "
        "every status but needed).",
    )
    appointment_date = models.DateField(
        null=True,
        blank=True,
        help_text="For a scheduled referral: the appointment (may lie ahead).",
    )
    note = models.TextField(blank=True, validators=[MaxLengthValidator(2000)])
    declined_reason = models.CharField(
        max_length=500,
        blank=True,
        help_text="For a declined referral: why it was declined, in words.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_referrals",
        help_text="The coordinator who chases this referral.",
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["case", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def clean(self) -> None:
        """The catalogue's 2026.2 rule: every status but ``needed`` carries its date.

        ``date`` is the day the referral reached its status, so it is a fact like any
        other and never lies after the evaluation date; only a scheduled referral's
        ``appointment_date`` may lie ahead.
        """
        errors: dict[str, list[str]] = {}
        status = self.status
        scheduled = status == choices.ReferralStatus.SCHEDULED
        counts = status in choices.ReferralStatus.values
        if counts and status != choices.ReferralStatus.NEEDED and not self.date:
            label = choices.ReferralStatus(status).label.lower()
            errors["date"] = [MSG_REFERRAL_NEEDS_DATE.format(status=label)]
        if self.appointment_date and not scheduled:
            errors["appointment_date"] = [MSG_APPOINTMENT_ONLY_WHEN_SCHEDULED]
        if self.declined_reason and status != choices.ReferralStatus.DECLINED:
            errors["declined_reason"] = [MSG_REASON_ONLY_WHEN_DECLINED]
        elif (
            scheduled and self.date and (self.appointment_date or self.date) < self.date
        ):
            errors["appointment_date"] = [
                MSG_APPOINTMENT_BEFORE_SCHEDULED.format(date=self.date)
            ]
        case = self.case if self.case_id or Referral.case.is_cached(self) else None
        if case is not None and self.date and "date" not in errors:
            if case.birth_date and self.date < case.birth_date:
                errors["date"] = [MSG_DATE_BEFORE_BIRTH.format(birth=case.birth_date)]
            elif case.evaluation_date and self.date > case.evaluation_date:
                message = (
                    MSG_SCHEDULED_DATE_AFTER_EVALUATION
                    if scheduled
                    else MSG_DATE_AFTER_EVALUATION
                )
                errors["date"] = [message.format(evaluation=case.evaluation_date)]
        if errors:
            raise ValidationError(errors)


MSG_AUDIT_APPEND_ONLY = (
    "The audit trail is append-only: its entries are never changed or deleted."
)


class AuditAppendOnly(Exception):  # noqa: N818 - reads as the rule it enforces
    """Raised when the application tries to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet):
    """Refuses bulk changes: an audit entry, once written, stays as written.

    Deletions that cascade from a user, case or program go through the base manager
    (a plain queryset), so their ``SET_NULL`` still applies; the copied username and
    case identifier keep naming who and which case.
    """

    def update(self, **kwargs):  # noqa: ANN003, ANN201
        raise AuditAppendOnly(MSG_AUDIT_APPEND_ONLY)

    def bulk_update(self, objs, fields, batch_size=None):  # noqa: ANN001, ANN201
        raise AuditAppendOnly(MSG_AUDIT_APPEND_ONLY)

    def delete(self):  # noqa: ANN201
        raise AuditAppendOnly(MSG_AUDIT_APPEND_ONLY)


class AuditEntry(models.Model):
    """Who read or changed which case, when and from where. Never values.

    ``detail`` names fields and counts, never values. A list or search page is one
    entry per program whose cases it showed, listing them in ``cases_shown``.
    """

    class Action(models.TextChoices):
        VIEWED = "viewed", "Viewed"
        VIEWED_LIST = "viewed_list", "Viewed a list"
        SEARCHED = "searched", "Searched"
        CREATED = "created", "Created"
        UPDATED = "updated", "Changed"
        DELETED = "deleted", "Deleted"
        IMPORTED = "imported", "Imported"
        EXPORTED = "exported", "Exported"
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
        SIGNED_OUT = "signed_out", "Signed out"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_username = models.CharField(
        max_length=150,
        blank=True,
        db_index=True,
        help_text="The actor's username, kept after the user is deleted (for a "
        "failed sign-in: the username that was tried).",
    )
    remote_addr = models.GenericIPAddressField(
        "from address",
        null=True,
        blank=True,
        help_text="The address the request came from (REMOTE_ADDR).",
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL)
    case_ref = models.CharField(
        max_length=64, blank=True, help_text="The case identifier, kept after deletion."
    )
    cases_shown = models.TextField(
        blank=True,
        default="",
        help_text="For a list or search: the keys of the cases it showed, each "
        "between spaces (' 3 17 42 '), so one row records a whole page.",
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    target = models.CharField(
        max_length=40, blank=True, help_text="What was acted on: case, event, referral…"
    )
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        who = self.actor_username or "system"
        return f"{self.at:%Y-%m-%d %H:%M} {who} {self.action} {self.case_ref}"

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        if not self._state.adding:
            raise AuditAppendOnly(MSG_AUDIT_APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise AuditAppendOnly(MSG_AUDIT_APPEND_ONLY)

    @staticmethod
    def encode_cases(pks: list[int]) -> str:
        """The ``cases_shown`` text for these case keys (empty for none)."""
        return f" {' '.join(str(pk) for pk in pks)} " if pks else ""

    @property
    def shown_case_pks(self) -> list[int]:
        return [int(pk) for pk in self.cases_shown.split()]
