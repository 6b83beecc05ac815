"""The project's URLs plus views that fail while holding a case (error page tests)."""

from django.core.exceptions import PermissionDenied
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import handler500
from config.urls import urlpatterns as project_urlpatterns
from patients.models import Case


@csrf_exempt
def fail_holding_a_case(request):  # noqa: ANN001, ANN201
    case = Case.objects.get(pk=int(request.GET["pk"]))
    facts = {"birth_date": case.birth_date, "family_name": case.family_name}
    raise ValueError(
        f"cannot print {case.family_name}, born {case.birth_date}: {facts}"
    )


def refuse(request):  # noqa: ANN001, ANN201
    raise PermissionDenied


urlpatterns = [
    path("test-error/", fail_holding_a_case),
    path("test-refused/", refuse),
    *project_urlpatterns,
]
__all__ = ["handler500", "urlpatterns"]
