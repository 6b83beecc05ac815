"""Load the demo program, its fictional cases and a demo login (safe to run again)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from patients import demo, errors, services
from patients.access import ROLE_GROUPS
from patients.models import Program, ProgramMembership

DEMO_PROGRAM_SLUG = "demo"
DEMO_USERNAME = "demo"


class Command(BaseCommand):
    help = "Create the demo AYA program with ~30 fictional cases and a demo user."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=None,
            help="Demo user's password (default: DEMO_PASSWORD or 'aya-demo-2026').",
        )

    def handle(self, *args, password: str | None, **options):
        password = password or getattr(settings, "DEMO_PASSWORD", "aya-demo-2026")
        with transaction.atomic():
            program, _ = Program.objects.get_or_create(
                slug=DEMO_PROGRAM_SLUG, defaults={"name": "Demo AYA Leukemia Program"}
            )
            # A program admin may have set the contact already; only fill blanks.
            if not program.care_team_name and not program.care_team_phone:
                program.care_team_name = demo.CARE_TEAM_NAME
                program.care_team_phone = demo.CARE_TEAM_PHONE
                program.full_clean()
                program.save(update_fields=["care_team_name", "care_team_phone"])
            user_model = get_user_model()
            user, created = user_model.objects.get_or_create(
                username=DEMO_USERNAME,
                defaults={
                    "first_name": "Demo",
                    "last_name": "Coordinator",
                    "is_staff": True,
                },
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(*Group.objects.filter(name__in=ROLE_GROUPS))
            ProgramMembership.objects.get_or_create(program=program, user=user)
            try:
                result = services.case_import(
                    payload=demo.demo_documents(), program=program, actor=user
                )
            except errors.DocumentInvalid as exc:
                for problem in exc.errors:
                    self.stderr.write(str(problem))
                raise CommandError(exc.message) from exc
        self.stdout.write(
            f"Demo program '{program.name}': {len(result.created)} case(s) created, "
            f"{len(result.updated)} updated."
        )
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo login: username '{DEMO_USERNAME}', password '{password}'"
                )
            )
        else:
            self.stdout.write(
                f"Demo login: username '{DEMO_USERNAME}' "
                "(password unchanged since it was created)"
            )
