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
            "rulecontent": ("view", "change"),
            "recommendationsnapshot": ("view",),
        },
        "decisionaids": {
            "evidencefigure": ("view", "change"),
            "decisionaidjob": ("view",),
        },
    },
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
