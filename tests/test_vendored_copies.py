"""The project's copies of the shared catalogue files: all there, and not drifted.

The repository carries what its code, tests, benchmarks and README read: the catalogue
(``patients/domain/README.md``), the case schema, the worked vignettes and the
WeasyPrint floor script (``bench/weasyprint_floor.py``). Their source is ``../shared``
next to the repository; a clone has none, so the one comparison with it is skipped
there (``AYA_SHARED_DIR`` names another place to compare with).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import DOMAIN_DIR, REPO_ROOT, VIGNETTE_COUNT, VIGNETTE_FILES

SHARED_DIR = Path(os.environ.get("AYA_SHARED_DIR") or REPO_ROOT.parent / "shared")
BENCH_DIR = REPO_ROOT / "bench"
# The shared bench's files the project vendors; bench/ also holds its own scripts.
VENDORED_BENCH_FILES = ("weasyprint_floor.py",)


def _files(root: Path) -> set[str]:
    """Every file under ``root``, relative; Python's byte-code caches are not files."""
    return {
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def drift(*, vendored: Path, shared: Path, names: set[str]) -> list[str]:
    """One line per file that differs or is missing on either side."""
    problems = []
    for name in sorted(names):
        ours, theirs = vendored / name, shared / name
        if not theirs.is_file():
            problems.append(f"missing in {shared}: {name} (the repository has it)")
        elif not ours.is_file():
            problems.append(f"missing in {vendored}: {name} (copy it from {theirs})")
        elif ours.read_bytes() != theirs.read_bytes():
            problems.append(f"differs: {ours} and {theirs}")
    return problems


def test_the_vendored_domain_holds_the_catalogue_schema_and_every_vignette():
    assert (DOMAIN_DIR / "README.md").is_file()
    assert (DOMAIN_DIR / "case.schema.json").is_file()
    assert (DOMAIN_DIR / "vignettes" / "README.md").is_file()
    assert len(VIGNETTE_FILES) == VIGNETTE_COUNT, [p.name for p in VIGNETTE_FILES]
    assert all((BENCH_DIR / name).is_file() for name in VENDORED_BENCH_FILES)


def test_the_drift_check_names_each_differing_and_missing_file(tmp_path):
    # given two folders that differ in every way a copy can
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for folder in (ours, theirs):
        (folder / "vignettes").mkdir(parents=True)
        (folder / "same.json").write_text("{}")
    (ours / "vignettes" / "a.json").write_text('{"a": 1}')
    (theirs / "vignettes" / "a.json").write_text('{"a": 2}')
    (ours / "only_ours.json").write_text("{}")
    (theirs / "vignettes" / "only_theirs.json").write_text("{}")

    # when they are compared
    problems = drift(vendored=ours, shared=theirs, names=_files(ours) | _files(theirs))

    # then each difference is named, and the identical file is not
    assert problems == [
        f"missing in {theirs}: only_ours.json (the repository has it)",
        f"differs: {ours / 'vignettes/a.json'} and {theirs / 'vignettes/a.json'}",
        f"missing in {ours}: vignettes/only_theirs.json "
        f"(copy it from {theirs / 'vignettes/only_theirs.json'})",
    ]


def test_the_vendored_copies_match_shared_when_it_is_next_to_the_repository():
    """The only test that reads ../shared; every file, both ways, byte for byte."""
    if not SHARED_DIR.is_dir():
        pytest.skip(
            f"{SHARED_DIR} does not exist (a clone has no ../shared): the vendored "
            "copies in patients/domain/ and bench/ are not compared with their source"
        )
    shared_domain, shared_bench = SHARED_DIR / "domain", SHARED_DIR / "bench"

    problems = drift(
        vendored=DOMAIN_DIR,
        shared=shared_domain,
        names=_files(DOMAIN_DIR) | _files(shared_domain),
    )
    problems += drift(
        vendored=BENCH_DIR,
        shared=shared_bench,
        names=set(VENDORED_BENCH_FILES) | _files(shared_bench),
    )

    assert problems == [], "\n".join(problems)
