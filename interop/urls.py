"""URLs of the import pages; no identifier or upload token ever goes in a path."""

from django.urls import path

from interop import views

urlpatterns = [
    path("import/", views.sheet_upload, name="sheet-upload"),
    path("import/commit/", views.sheet_import, name="sheet-import"),
    path(
        "import/template.xlsx",
        views.sheet_template,
        {"kind": "xlsx"},
        name="sheet-template-xlsx",
    ),
    path(
        "import/template-csv.zip",
        views.sheet_template,
        {"kind": "csv"},
        name="sheet-template-csv",
    ),
]
