"""Run inside a child process on the fault test's own PostgreSQL: make a job.

    python -m tests.faults.pg_driver      # prints the new job's ID

The fault test (test_postgres_restart.py) cannot use pytest-django's database for a
server it restarts, so this child makes the rows through the services, as a request
would, with the DATABASE_URL and CELERY_BROKER_URL it was given.
"""

from __future__ import annotations

import django


def make_job() -> int:
    from django.contrib.auth.models import Group

    from decisionaids.services import aid_job_request
    from patients.access import GROUP_CLINICIAN
    from patients.services import case_import
    from tests.conftest import vignette_case
    from tests.factories import ProgramFactory, UserFactory

    program = ProgramFactory(name="Restart AYA Program", slug="restart")
    user = UserFactory(username="restartclinician", programs=[program])
    user.groups.add(Group.objects.get_or_create(name=GROUP_CLINICIAN)[0])
    document = vignette_case("isolated_cns_relapse.json")
    case_import(payload=document, program=program, actor=user)
    case = program.cases.get(case_id=document["case_id"])
    job = aid_job_request(case=case, aid_id="DA-CNS-RELAPSE", language="en", actor=user)
    return job.pk


if __name__ == "__main__":
    django.setup()
    print(make_job())  # noqa: T201
