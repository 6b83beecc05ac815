"""Settings for a developer's machine and the demo: debug on, a local-only key."""

from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="local-only-insecure-key-never-used-in-production"
)
