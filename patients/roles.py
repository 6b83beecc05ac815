"""What each role group may do in the admin; applied after every migrate."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from patients.access import GROUP_CLINICIAN, GROUP_COORDINATOR, GROUP_PROGRAM_ADMIN

_EDIT = ("view", "add", "change")
_REGISTRY = {"patients": {"case": _EDIT, "event": _EDIT, "referral": _EDIT}}

ROLE_PERMISSIONS: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    GROUP_COORDINATOR: {**_REGISTRY},
    GROUP_CLINICIAN: {
        **_REGISTRY,
        "recommendations": {"recommendationsnapshot": ("view", "add")},
        "decisionaids": {"decisionaidjob": ("view",)},
    },
    GROUP_PROGRAM_ADMIN: {
        "patients": {
            "case": (*_EDIT, "delete"),
            "event": (*_EDIT, "delete"),
            "referral": (*_EDIT, "delete"),
            "program": ("view", "change"),
            "auditentry": ("view",),
        },
        "recommendations": {
            "rulecontent": ("view",),
            "recommendationsnapshot": ("view",),
        },
        "decisionaids": {
            "evidencefigure": ("view",),
            "decisionaidjob": ("view",),
        },
    },
}

# Guideline wording and evidence figures are shared by every program: only
# superusers change them (docs/adr/0011). A role group that was granted more by
# an earlier version loses it on the next migrate.
SUPERUSER_ONLY: dict[str, tuple[str, ...]] = {
    "recommendations": ("rulecontent",),
    "decisionaids": ("evidencefigure",),
}


def grant_role_permissions(**kwargs) -> None:
    """Give each role group its permissions (idempotent; missing models are skipped)."""
    for group_name, apps in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = []
        for app_label, models in apps.items():
            for model, actions in models.items():
                codenames = [f"{action}_{model}" for action in actions]
                wanted += Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
        group.permissions.add(*wanted)
        group.permissions.remove(*superuser_only_permissions())


def superuser_only_permissions() -> list[Permission]:
    """Add, change and delete on the models only superusers edit."""
    found = []
    for app_label, models in SUPERUSER_ONLY.items():
        codenames = [
            f"{action}_{model}"
            for model in models
            for action in ("add", "change", "delete")
        ]
        found += Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
    return found
