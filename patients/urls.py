"""URLs of the clinic pages. Only numeric keys appear in paths, never identifiers."""

from django.urls import path

from patients import audit_views, views, worklist_views

urlpatterns = [
    path("", worklist_views.worklist_page, name="worklist"),
    path("worklist/status/", worklist_views.worklist_status, name="worklist-status"),
    path(
        "cases/<int:pk>/worklist/",
        worklist_views.worklist_panel,
        name="worklist-panel",
    ),
    path(
        "worklist/status/all/",
        worklist_views.worklist_status_all,
        name="worklist-status-all",
    ),
    path("worklist/assign/", worklist_views.worklist_assign, name="worklist-assign"),
    path("worklist/undo/", worklist_views.worklist_undo, name="worklist-undo"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case-edit"),
    path("cases/<int:pk>/workup/", views.workup_record, name="workup-record"),
    path("cases/<int:pk>/events/add/", views.event_edit, name="event-add"),
    path(
        "cases/<int:pk>/events/<int:event_pk>/edit/",
        views.event_edit,
        name="event-edit",
    ),
    path(
        "cases/<int:pk>/events/<int:event_pk>/delete/",
        views.event_delete,
        name="event-delete",
    ),
    path("cases/<int:pk>/referrals/add/", views.referral_edit, name="referral-add"),
    path(
        "cases/<int:pk>/referrals/<int:referral_pk>/edit/",
        views.referral_edit,
        name="referral-edit",
    ),
    path(
        "cases/<int:pk>/referrals/<int:referral_pk>/delete/",
        views.referral_delete,
        name="referral-delete",
    ),
    path(
        "cases/<int:pk>/referrals/status/",
        views.referral_quick_status,
        name="referral-quick-status",
    ),
    path("audit/", audit_views.audit_list, name="audit-list"),
]
