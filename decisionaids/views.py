"""Decision-aid pages: request a print, follow its job, download it, mark it given.

Views parse input and call services; a job of a case in another program is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from decisionaids import selectors, services
from decisionaids.models import DecisionAidJob
from patients.audit import audit_read
from patients.errors import ApplicationError
from patients.selectors import case_get_for_user


def _job_or_404(request: HttpRequest, job_pk: int) -> DecisionAidJob:
    job = DecisionAidJob.objects.filter(pk=job_pk).select_related("case").first()
    if job is None or case_get_for_user(user=request.user, pk=job.case_id) is None:
        raise Http404("No such decision aid.")
    return job


@require_POST
def aid_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk)
    if case is None:
        raise Http404("No such case.")
    try:
        job = services.aid_job_request(
            case=case,
            aid_id=request.POST.get("aid_id", ""),
            language=request.POST.get("language", ""),
            paper=request.POST.get("paper", DecisionAidJob.Paper.LETTER),
            actor=request.user,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("case-detail", pk=case.pk)
    # The job page shows the job's progress itself: no second status message.
    return redirect("aid-job-detail", job_pk=job.pk)


def aid_job_detail(request: HttpRequest, job_pk: int) -> HttpResponse:
    """The job's progress, naming whose aid it is (first name and case ID)."""
    job = _job_or_404(request, job_pk)
    audit_read(
        request=request,
        what=services.AUDIT_TARGET,
        case=job.case,
        detail={"job": job.pk},
    )
    return render(
        request,
        "decisionaids/job_detail.html",
        {
            "job": job,
            "message": selectors.aid_job_status_message(job=job),
            "waiting": not job.is_finished,
        },
    )


def aid_job_status(request: HttpRequest, job_pk: int) -> JsonResponse:
    """The job's status for the page's progress line (no patient data)."""
    job = _job_or_404(request, job_pk)
    return JsonResponse(
        {
            "status": job.status,
            "finished": job.is_finished,
            "message": selectors.aid_job_status_message(job=job),
        }
    )


def aid_job_pdf(request: HttpRequest, job_pk: int) -> HttpResponse:
    """The stored PDF (a reprint never renders again)."""
    job = _job_or_404(request, job_pk)
    try:
        pdf = services.aid_job_reprint(job=job, actor=request.user)
    except services.AidFileMissing as error:
        # Gone for good: a plain page, not the job page that would link here again.
        return render(
            request,
            "decisionaids/pdf_missing.html",
            {"job": job, "message": error.message},
            status=410,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("aid-job-detail", job_pk=job.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="decision-aid-{job.pk}-{job.language}.pdf"'
    )
    return response


@require_POST
def aid_job_given(request: HttpRequest, job_pk: int) -> HttpResponse:
    job = _job_or_404(request, job_pk)
    try:
        services.aid_mark_given(job=job, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Marked as given to the patient.")
    return redirect("aid-job-detail", job_pk=job.pk)
