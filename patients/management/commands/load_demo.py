"""Load the demo program, its fictional cases and a demo login (safe to run again)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from patients import demo, errors, services
from patients.access import GROUP_CLINICIAN, GROUP_COORDINATOR
from patients.models import Program, ProgramMembership

DEMO_PROGRAM_SLUG = "demo"
DEMO_USERNAME = "demo"
# What the demo shows: the clinic pages, imports, snapshots and printed aids. Not
# the admin, the audit trail or the guideline wording (program admins and staff).
DEMO_ROLES = (GROUP_COORDINATOR, GROUP_CLINICIAN)
MSG_REFUSED = (
    "load_demo is refused on these settings (AYA_DEMO_ALLOWED is off, as in "
    "production): it would create a login with a published password."
)
MSG_WEAK_PASSWORD = "The demo password is refused: {problems}"  # noqa: S105


class Command(BaseCommand):
    help = "Create the demo AYA program with ~30 fictional cases and a demo user."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=None,
            help="Demo user's password (default: DEMO_PASSWORD or 'aya-demo-2026').",
        )

    def handle(self, *args, password: str | None, **options):
        if not settings.AYA_DEMO_ALLOWED:
            raise CommandError(MSG_REFUSED)
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
                defaults={"first_name": "Demo", "last_name": "Coordinator"},
            )
            if created:
                self._check_password(password, user)
                user.set_password(password)
            # Earlier versions made the demo login staff with every role.
            user.is_staff = False
            user.is_superuser = False
            user.save()
            user.groups.set(Group.objects.filter(name__in=DEMO_ROLES))
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

    def _check_password(self, password: str, user) -> None:  # noqa: ANN001
        """The site's password validators apply to the demo login too."""
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise CommandError(
                MSG_WEAK_PASSWORD.format(problems=" ".join(error.messages))
            ) from error
