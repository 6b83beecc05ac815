"""Import pages for coordinators: upload, dry-run preview, one import click.

The upload's contents never go in a URL or a log: the preview is the answer to the
upload's POST, and the import click posts the pending upload's random token in the
form body.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interop import errors, selectors, services
from interop.forms import SheetUploadForm
from interop.sheets import compare
from interop.sheets.template import template_csv_zip, template_xlsx
from patients.errors import ApplicationError

MSG_NO_PROGRAM = "You cannot import cases into any of your programs."
MSG_IMPORTED = (
    "Imported into {program}: {created} new case(s), {updated} updated, "
    "{unchanged} unchanged."
)
TEMPLATES = {
    "xlsx": (
        template_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "aya-cases-template.xlsx",
    ),
    "csv": (template_csv_zip, "application/zip", "aya-cases-template-csv.zip"),
}


def _upload_page(request: HttpRequest, form, *, status: int = 200) -> HttpResponse:  # noqa: ANN001
    return render(request, "interop/upload.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def sheet_upload(request: HttpRequest) -> HttpResponse:
    programs = selectors.import_program_list_for_user(user=request.user)
    if not programs:
        return render(
            request, "interop/upload.html", {"form": None, "no_program": MSG_NO_PROGRAM}
        )
    form = SheetUploadForm(
        request.POST or None, request.FILES or None, programs=programs
    )
    if request.method != "POST":
        return _upload_page(request, form)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    files = [(upload.name, upload.read()) for upload in form.cleaned_data["files"]]
    try:
        preview, pending = services.sheet_preview_create(
            files=files,
            program=form.cleaned_data["program"],
            actor=request.user,
            now=timezone.now(),
        )
    except errors.SheetRefused as refused:
        form.add_error("files", refused.message)
        return _upload_page(request, form, status=400)
    return render(
        request,
        "interop/preview.html",
        {
            "preview": preview,
            "pending": pending,
            "counts": {
                "new": preview.count(compare.NEW),
                "updated": preview.count(compare.UPDATED),
                "unchanged": preview.count(compare.UNCHANGED),
                "invalid": preview.count("invalid"),
            },
            "nothing_to_import": errors.MSG_NOTHING_TO_IMPORT,
            "pending_minutes": settings.AYA_SHEET_PENDING_MINUTES,
        },
    )


@require_POST
def sheet_import(request: HttpRequest) -> HttpResponse:
    token = request.POST.get("token", "")
    try:
        result = services.sheet_import_commit(
            token=token, actor=request.user, now=timezone.now()
        )
    except services.SheetImportFailed as failed:
        return render(
            request,
            "interop/failed.html",
            {"message": failed.message, "problems": failed.problems},
            status=409,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("sheet-upload")
    messages.success(
        request,
        MSG_IMPORTED.format(
            program=result.program,
            created=len(result.created),
            updated=len(result.updated),
            unchanged=result.unchanged,
        ),
    )
    return redirect("sheet-upload")


@require_GET
def sheet_template(request: HttpRequest, kind: str) -> HttpResponse:
    build, content_type, filename = TEMPLATES[kind]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
