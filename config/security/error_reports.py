"""Error reports that never show patient data, even on the DEBUG page of `make run`.

Django's technical 500 page (DEBUG) lists the request's GET, POST and files, every
local variable of every frame and the exception's message, any of which may hold
a name, a birth date or a diagnosis. Django filters only when DEBUG is off; this
filter always hides request data (query string and referrer included) and local
variables, and the reporter hides the GET and file values and the exception's
message (the type, the traceback's code lines and the server console keep what a
developer needs).
"""

from __future__ import annotations

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

HIDDEN = "(hidden: may hold patient data)"


class PhiSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    cleansed_substitute = HIDDEN

    def is_active(self, request) -> bool:  # noqa: ANN001
        return True

    def get_post_parameters(self, request) -> dict:  # noqa: ANN001
        if request is None:
            return {}
        return dict.fromkeys(request.POST, HIDDEN)

    def get_traceback_frame_variables(self, request, tb_frame) -> list:  # noqa: ANN001
        return [(name, HIDDEN) for name in tb_frame.f_locals]

    def get_safe_request_meta(self, request) -> dict:  # noqa: ANN001
        meta = super().get_safe_request_meta(request)
        for name in ("QUERY_STRING", "HTTP_REFERER"):
            if meta.get(name):
                meta[name] = HIDDEN
        return meta


class PhiSafeExceptionReporter(ExceptionReporter):
    def get_traceback_data(self) -> dict:
        data = super().get_traceback_data()
        if data.get("request_insecure_uri"):
            uri, _, query = data["request_insecure_uri"].partition("?")
            data["request_insecure_uri"] = f"{uri}?{HIDDEN}" if query else uri
        if "request_GET_items" in data:
            data["request_GET_items"] = [(name, HIDDEN) for name in self.request.GET]
            data["request_FILES_items"] = [
                (name, HIDDEN) for name in self.request.FILES
            ]
        if "exception_value" in data:
            data["exception_value"] = HIDDEN
        data["exception_notes"] = ""
        for frame in data.get("frames", []):
            if frame.get("exc_cause") is not None:
                frame["exc_cause"] = HIDDEN
        if data.get("template_info"):
            data["template_info"] = {**data["template_info"], "message": HIDDEN}
        return data
