"""Template helpers for the dashboard: whether to show its link in the navigation."""

from django import template

from dashboard.access import dashboard_role_check

register = template.Library()


@register.filter
def may_see_dashboard(user) -> bool:  # noqa: ANN001
    """Coordinators and program admins (a member of no program finds it empty)."""
    return dashboard_role_check(user)
