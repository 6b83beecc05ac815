"""Create a program and name its first administrators (docs/deploy.md)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from patients import errors, services
from patients.access import GROUP_PROGRAM_ADMIN, ROLE_GROUPS

MSG_NO_SUCH_USER = (
    "No user is named {username!r}; create it first with "
    "`manage.py createsuperuser` (or in the admin)."
)
MSG_NO_SLUG = "Cannot make a slug from {name!r}; give one with --slug."


class Command(BaseCommand):
    help = (
        "Create a program (an AYA service that owns cases) and make the named "
        "existing users its members with the given roles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="e.g. 'North AYA Program'.")
        parser.add_argument(
            "--slug",
            help="Short identifier: lowercase letters, digits, hyphens "
            "(default: made from the name).",
        )
        parser.add_argument(
            "--admin",
            action="append",
            default=[],
            metavar="USERNAME",
            help="An existing user to make a member (repeat for several).",
        )
        parser.add_argument(
            "--role",
            action="append",
            default=[],
            choices=ROLE_GROUPS,
            help=f"Role given to each --admin (repeat; default {GROUP_PROGRAM_ADMIN}).",
        )

    def handle(self, *args, name, slug, admin, role, **options):
        slug = slug if slug is not None else slugify(name)
        if not slug:
            raise CommandError(MSG_NO_SLUG.format(name=name))
        roles = role or [GROUP_PROGRAM_ADMIN]
        user_model = get_user_model()
        users = []
        for username in admin:
            user = user_model.objects.filter(username=username).first()
            if user is None:
                raise CommandError(MSG_NO_SUCH_USER.format(username=username))
            users.append(user)
        try:
            with transaction.atomic():  # all or nothing
                program = services.program_create(name=name, slug=slug, actor=None)
                for user in users:
                    services.program_member_add(
                        program=program, user=user, roles=roles, actor=None
                    )
        except errors.ApplicationError as exc:
            raise CommandError(exc.message) from None
        members = ", ".join(user.get_username() for user in users) or "none yet"
        self.stdout.write(
            self.style.SUCCESS(
                f"Program {program.name!r} created (slug {program.slug!r}); "
                f"members: {members} (roles: {', '.join(roles)})."
            )
        )
