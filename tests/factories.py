"""factory_boy factories for registry rows; use ``.build()`` when no row is needed."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from patients import choices
from patients.models import Case, Event, Program, ProgramMembership, Referral


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"AYA Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def programs(self, create: bool, extracted: list[Program] | None, **kwargs) -> None:
        if create and extracted:
            for program in extracted:
                ProgramMembership.objects.create(program=program, user=self)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    program = factory.SubFactory(ProgramFactory)
    case_id = factory.Sequence(lambda n: f"CASE-{n:04d}")
    given_name = "Alex"
    family_name = factory.Sequence(lambda n: f"Rivera{n}")
    birth_date = dt.date(2003, 4, 10)
    sex = "female"
    evaluation_date = dt.date(2026, 11, 1)
    diagnosis_date = dt.date(2024, 1, 15)
    lineage = "B"
    ph_status = "negative"
    disease_state = "relapse"
    relapse_count = 1
    latest_relapse_date = dt.date(2026, 10, 20)
    sites = factory.LazyFunction(lambda: ["marrow"])
    marrow_blast_percent = 30.0
    cd19 = "positive"
    cd22 = "positive"
    cd20 = "negative"
    kmt2a_rearranged = "no"
    fitness_category = "fit"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    case = factory.SubFactory(CaseFactory)
    type = "blinatumomab"
    date = dt.date(2026, 10, 22)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    kind = "social_work"
    status = "needed"
    # Catalogue 2026.2: every status but needed carries the date it was reached.
    date = factory.LazyAttribute(
        lambda referral: None if referral.status == "needed" else dt.date(2026, 10, 25)
    )


def every_lineage_and_state() -> list[tuple[str, str]]:
    """Each lineage with each disease state: cases that show every label a list has."""
    return [
        (lineage, state)
        for lineage in choices.Lineage.values
        for state in choices.DiseaseState.values
    ]
