"""The WSGI module leaves what it loaded to the cyclic collector's frozen generation."""

from __future__ import annotations

import subprocess
import sys

from tests.servers import REPO_ROOT, child_environment


def test_loading_the_wsgi_application_freezes_what_it_loaded():
    script = (
        "import gc; before = gc.get_freeze_count(); import config.wsgi; "
        "print(before, gc.get_freeze_count(), len(gc.get_objects()))"
    )
    env = child_environment(DJANGO_SETTINGS_MODULE="config.settings.test")
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    before, frozen, tracked = map(int, done.stdout.split()[-3:])
    assert before == 0
    # Django, the apps and the catalogue: tens of thousands of objects, frozen;
    # what the collector still walks is a small remainder.
    assert frozen > 50_000
    assert tracked < frozen / 5
