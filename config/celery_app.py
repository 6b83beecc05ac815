"""The Celery application; configuration comes from Django settings (CELERY_*)."""

import os

from celery import Celery

from config import kombu_guard

# A broker drop mid-task must not end the worker (config/kombu_guard.py).
kombu_guard.install()

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("aya")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
