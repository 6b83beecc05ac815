"""The ``recommend`` command: file in, result out, clear errors (no database)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from patients import errors
from recommendations.engine import evaluate, facts_from_document
from recommendations.management.commands import recommend
from tests.recommendations.support import REPO_ROOT, VIGNETTE_DIR, case, load_vignette

VIGNETTE = VIGNETTE_DIR / "remission_after_ino_hsct_planned.json"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("recommend", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write_json(tmp_path: Path, payload: object, name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


def test_json_output_is_the_engine_result_pretty_and_sorted():
    # Given a vignette file
    # When the command evaluates it
    out, err = run("--case-file", str(VIGNETTE))

    # Then it prints the engine's result as stable, pretty, key-sorted JSON
    expected = evaluate(facts_from_document(load_vignette(VIGNETTE)["case"])).to_dict()
    assert json.loads(out) == expected
    assert (
        out == json.dumps(expected, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    )
    assert err == ""


def test_a_plain_case_document_is_accepted(tmp_path):
    out, _ = run("--case-file", str(write_json(tmp_path, case())))
    result = json.loads(out)
    assert result["decision_point"] == "REINDUCTION"
    assert "RR-B-IMMUNO-REINDUCTION" in {i["id"] for i in result["recommendations"]}


def test_text_output_reads_for_a_clinician():
    out, _ = run("--case-file", str(VIGNETTE), "--format", "text")
    assert "Decision point: CONSOLIDATION" in out
    assert "RR-HSCT-SHARED-DECISION [ASH-RR-2026;" in out
    assert "Because: decision point CONSOLIDATION" in out
    assert "Concordant: REF-ADULT-RR" in out
    assert "! HIGH ALERT-INO-VOD" in out
    assert "Age: 23 (within 15-39)" in out
    assert "Referrals due (0)" in out


def test_text_output_says_when_sources_differ(tmp_path):
    path = write_json(tmp_path, case(disease={"sites": ["cns"]}))
    out, _ = run("--case-file", str(path), "--format", "text")
    assert "SOURCES DIFFER: REF-ADULT-RR" in out


def test_as_of_moves_the_mental_health_screening_due(tmp_path):
    # Given the vignette's mental-health screening completed on 2026-09-30
    # When evaluated 90 and 91 days later
    day_90, _ = run("--case-file", str(VIGNETTE), "--as-of", "2026-12-29")
    day_91, _ = run("--case-file", str(VIGNETTE), "--as-of", "2026-12-30")

    # Then it is due only on day 91
    due_90 = {i["id"] for i in json.loads(day_90)["referrals_due"]}
    due_91 = {i["id"] for i in json.loads(day_91)["referrals_due"]}
    assert "PSY-MENTAL-HEALTH" not in due_90
    assert "PSY-MENTAL-HEALTH" in due_91


def test_mental_health_interval_is_configurable():
    out, _ = run("--case-file", str(VIGNETTE), "--mental-health-interval-days", "30")
    assert "PSY-MENTAL-HEALTH" in {i["id"] for i in json.loads(out)["referrals_due"]}


def test_invalid_document_lists_json_paths_on_stderr(tmp_path):
    # Given a case whose diagnosis date is not a real date
    path = write_json(tmp_path, case(diagnosis={"date": "2024-02-30"}))
    err = StringIO()

    # When the command runs, then it fails and names the path
    with pytest.raises(CommandError, match="1 problem"):
        call_command(
            "recommend", "--case-file", str(path), stdout=StringIO(), stderr=err
        )
    assert "$.diagnosis.date:" in err.getvalue()


def test_invalid_vignette_paths_point_inside_its_case(tmp_path):
    vignette = load_vignette(VIGNETTE)
    vignette["case"]["markers"]["cd19"] = "maybe"
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "recommend",
            "--case-file",
            str(write_json(tmp_path, vignette)),
            stdout=StringIO(),
            stderr=err,
        )
    assert "$.case.markers.cd19:" in err.getvalue()


def test_malformed_json_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_bytes(b'{"case_id": ')
    with pytest.raises(CommandError, match="The file is not valid JSON"):
        run("--case-file", str(path))


def test_nul_byte_is_refused(tmp_path):
    path = tmp_path / "nul.json"
    path.write_bytes(b'{"case_id": "A\\u0000"}')
    with pytest.raises(CommandError) as caught:
        run("--case-file", str(path))
    assert str(caught.value) == errors.MSG_NUL_BYTE


def test_a_list_is_neither_a_case_nor_a_vignette(tmp_path):
    with pytest.raises(CommandError, match="neither a case document nor a vignette"):
        run("--case-file", str(write_json(tmp_path, [case()])))


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("--case-file", str(tmp_path / "absent.json"))


@pytest.mark.parametrize("value", ["2026-13-01", "01/11/2026", "20261101"])
def test_bad_as_of_is_refused(value):
    with pytest.raises(CommandError) as caught:
        run("--case-file", str(VIGNETTE), "--as-of", value)
    assert str(caught.value) == recommend.MSG_BAD_AS_OF.format(value=value)


def test_as_of_before_diagnosis_is_refused():
    with pytest.raises(CommandError, match="before the diagnosis date"):
        run("--case-file", str(VIGNETTE), "--as-of", "2023-01-01")


def test_cli_exits_non_zero_with_paths_on_stderr(tmp_path):
    # Given an invalid case file, when manage.py runs in a separate process
    path = write_json(tmp_path, case(disease={"state": "cured"}))
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    finished = subprocess.run(  # noqa: S603 - fixed argv, our own interpreter
        [sys.executable, "manage.py", "recommend", "--case-file", str(path)],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    # Then it exits non-zero and says where the problem is
    assert finished.returncode != 0
    assert "$.disease.state:" in finished.stderr
    assert finished.stdout == ""


def test_text_output_shows_the_case_specific_detail():
    # Given the KMT2A vignette (62 kg, on a strong CYP3A4 inhibitor)
    path = VIGNETTE_DIR / "kmt2a_antigen_negative.json"

    # When printed as text, then the personalised revumenib dose is shown
    out, _ = run("--case-file", str(path), "--format", "text")
    assert "! HIGH ALERT-REVUMENIB-DOSE [REF-ADULT-RR]" in out
    assert "    Dose: 160 mg twice daily" in out
