"""Registry pages; every one requires sign-in (LoginRequiredMiddleware)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from patients.selectors import case_list_for_user, program_list_for_user


def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's programs and their cases."""
    cases = case_list_for_user(user=request.user).order_by("family_name", "case_id")
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "patients/home.html",
        {"programs": program_list_for_user(user=request.user), "page": page},
    )
