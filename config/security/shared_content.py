"""Admin rules for content every program shares (guideline wording, evidence figures).

Only superusers change it; anyone the admin lets view it (a program admin) reads
it and its history (docs/adr/0011). django-simple-history's "revert" form saves
on POST for a user who may only view the history, so the POST is refused here too.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class SuperuserEditsMixin:
    """For a ``SimpleHistoryAdmin``: change and revert for superusers only."""

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return request.user.is_active and request.user.is_superuser

    def history_form_view(self, request, object_id, version_id, extra_context=None):  # noqa: ANN001, ANN201
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(
            request, object_id, version_id, extra_context=extra_context
        )
