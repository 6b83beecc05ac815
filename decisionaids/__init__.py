"""Printable, personalised shared-decision aids rendered to PDF by Celery workers."""
