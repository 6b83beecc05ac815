"""Choosing the program a command acts on."""

from django.core.management.base import CommandError

from patients.models import Program

MSG_NO_PROGRAM = "No program exists yet; create one in the admin or run load_demo."
MSG_WHICH_PROGRAM = "Several programs exist; name one with --program SLUG ({slugs})."
MSG_UNKNOWN_PROGRAM = "No program has the slug {slug!r}."


def resolve_program(slug: str | None) -> Program:
    if slug:
        program = Program.objects.filter(slug=slug).first()
        if program is None:
            raise CommandError(MSG_UNKNOWN_PROGRAM.format(slug=slug))
        return program
    programs = list(Program.objects.all()[:2])
    if not programs:
        raise CommandError(MSG_NO_PROGRAM)
    if len(programs) > 1:
        slugs = ", ".join(Program.objects.values_list("slug", flat=True))
        raise CommandError(MSG_WHICH_PROGRAM.format(slugs=slugs))
    return programs[0]
