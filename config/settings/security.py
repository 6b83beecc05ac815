"""Sign-in lockout, idle sessions and Content-Security-Policy (docs/adr/0011).

Imported by ``base``; every value can be set from the environment.
"""

from datetime import timedelta as _timedelta

import environ as _environ
from csp.constants import NONE as _NONE
from csp.constants import SELF as _SELF

_env = _environ.Env()

# django-axes: after AXES_FAILURE_LIMIT failed sign-ins for one username, or from
# one client address, further attempts (even with the right password) are refused
# for AXES_COOLOFF_TIME. One counter per parameter: a username guessed from many
# addresses and one address trying many usernames are both stopped.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "patients.auth_backend.RoleBackend",
]
AXES_FAILURE_LIMIT = _env.int("AYA_SIGNIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = _timedelta(
    minutes=_env.int("AYA_SIGNIN_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The cool-off runs from the lockout; attempts made while locked out do not
# extend it, so a user retrying the right password is let in on time.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.security.lockout.client_ip"
# Sign-ins and sign-outs are recorded in the registry's audit trail; axes keeps
# only its failure counters (AccessAttempt), which an administrator may delete
# in the admin to unlock an account.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# A signed-in session ends after this many minutes without a request; pages warn
# AYA_SESSION_WARN_SECONDS before and offer to stay signed in. SESSION_COOKIE_AGE
# (8 hours in production) caps a session however active (config/security/sessions).
AYA_SESSION_IDLE_MINUTES = _env.int("AYA_SESSION_IDLE_MINUTES", default=15)
AYA_SESSION_WARN_SECONDS = _env.int("AYA_SESSION_WARN_SECONDS", default=120)

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this
# site only; no inline script or style anywhere (templates link static files); no
# plugins, frames or foreign form targets. The API documentation pages add only
# what their bundles need (config/api/urls.py, DOCS_CSP).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "frame-ancestors": [_NONE],
        "form-action": [_SELF],
    }
}

# Error pages and reports hide request data, local variables and exception
# messages in every setting, DEBUG included (config/security/error_reports.py).
DEFAULT_EXCEPTION_REPORTER = "config.security.error_reports.PhiSafeExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = (
    "config.security.error_reports.PhiSafeExceptionReporterFilter"
)

# `load_demo` (a login with a published password) runs only where this is on;
# production settings turn it off.
AYA_DEMO_ALLOWED = True
