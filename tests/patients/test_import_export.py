"""import_cases/export_cases: validation, all-or-nothing, idempotence, round trip."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from patients import demo, documents, errors
from patients.models import AuditEntry, Case, Event, Referral
from tests.conftest import VIGNETTE_COUNT, VIGNETTE_FILES, vignette_case
from tests.factories import ProgramFactory, UserFactory

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, payload: object, name: str = "cases.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


def run_import(path: Path, program_slug: str = "north") -> tuple[str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command(
            "import_cases", str(path), program=program_slug, stdout=out, stderr=err
        )
    except CommandError as exc:
        raise ImportFailed(str(exc), err.getvalue()) from exc
    return out.getvalue(), err.getvalue()


class ImportFailed(Exception):
    def __init__(self, message: str, stderr: str) -> None:
        super().__init__(message)
        self.message = message
        self.stderr = stderr


def export_text(
    tmp_path: Path, program_slug: str = "north", name: str = "out.json"
) -> str:
    out = tmp_path / name
    call_command("export_cases", program=program_slug, out=out, stderr=StringIO())
    return out.read_text(encoding="utf-8")


def registry_state() -> tuple:
    """Everything import could touch, to show a failed import changed nothing."""
    return (
        sorted(
            Case.objects.values_list(
                "case_id", "version", "family_name", "disease_state"
            )
        ),
        Event.objects.count(),
        sorted(Referral.objects.values_list("case__case_id", "kind", "status")),
    )


def test_import_creates_cases_with_their_timeline_and_referrals(tmp_path, program):
    # given every vignette case in one file
    payload = [vignette_case(p.name) for p in VIGNETTE_FILES]
    # when it is imported
    out, _ = run_import(write(tmp_path, payload))
    # then every case, event and referral is stored under the program
    assert f"{VIGNETTE_COUNT} created, 0 updated" in out
    assert Case.objects.filter(program=program).count() == VIGNETTE_COUNT
    ino = Case.objects.get(case_id="PUB-004")
    assert [e.type for e in ino.events.all()] == ["inotuzumab", "response"]
    assert ino.events.get(type="response").mrd == "negative"
    assert sorted(ino.referrals.values_list("kind", flat=True)) == [
        "fertility",
        "mental_health",
        "social_work",
    ]
    assert ino.hsct_planned is True
    assert AuditEntry.objects.filter(action="imported").count() == VIGNETTE_COUNT


def test_import_accepts_a_single_case_object(tmp_path, program, case_document):
    out, _ = run_import(write(tmp_path, case_document))
    assert "1 created" in out
    assert Case.objects.get().case_id == "PUB-001"


def test_reimporting_the_same_case_id_updates_never_duplicates(
    tmp_path, program, case_document
):
    # given an imported case
    run_import(write(tmp_path, case_document))
    # when the same case_id comes again with changed facts and a new event
    case_document["disease"]["marrow_blast_percent"] = 55
    case_document["events"] = [{"type": "blinatumomab", "date": "2026-10-25"}]
    out, _ = run_import(write(tmp_path, case_document))
    # then the one case is updated in place
    assert "0 created, 1 updated" in out
    case = Case.objects.get()
    assert case.marrow_blast_percent == 55
    assert case.version == 2
    assert [e.type for e in case.events.all()] == ["blinatumomab"]


def test_reimport_keeps_the_owner_of_a_matching_referral(tmp_path, program, member):
    document = vignette_case("remission_after_ino_hsct_planned.json")
    run_import(write(tmp_path, document))
    referral = Referral.objects.get(kind="social_work")
    referral.owner = member
    referral.save()
    run_import(write(tmp_path, document))
    assert Referral.objects.get(kind="social_work").owner == member
    assert Referral.objects.count() == 3


def test_export_import_export_is_byte_identical(tmp_path, program):
    # given the whole demo set imported
    run_import(write(tmp_path, demo.demo_documents()))
    # when it is exported, imported again and exported again
    first = export_text(tmp_path, name="first.json")
    run_import(tmp_path / "first.json")
    second = export_text(tmp_path, name="second.json")
    # then the two exports are the same bytes
    assert first == second
    exported = json.loads(first)
    assert len(exported) == len(demo.demo_documents())
    # and the catalogue 2026.2 members travel with them
    workups = [e for d in exported for e in d["events"] if e["type"] == "workup"]
    assert workups
    assert all(e["test"] and e["result"] for e in workups)
    assert any("tested_on" in d["markers"] for d in exported)
    appointments = [
        r for d in exported for r in d["referrals"] if "appointment_date" in r
    ]
    assert appointments
    assert {r["status"] for r in appointments} == {"scheduled"}


def test_exported_documents_are_schema_valid_and_keep_unknowns(
    tmp_path, program, case_document
):
    del case_document["markers"]["cd20"]
    del case_document["disease"]["sites"]
    run_import(write(tmp_path, case_document))
    exported = json.loads(export_text(tmp_path))[0]
    assert documents.validate_case_document(exported) == []
    assert exported["markers"]["cd20"] == "unknown"
    assert "sites" not in exported["disease"], "unrecorded sites stay unrecorded"


def test_export_of_one_case_by_id(tmp_path, program):
    run_import(write(tmp_path, [vignette_case(p.name) for p in VIGNETTE_FILES]))
    out = tmp_path / "one.json"
    call_command(
        "export_cases",
        program="north",
        case_id=["PUB-003"],
        out=out,
        stderr=StringIO(),
    )
    assert [d["case_id"] for d in json.loads(out.read_text())] == ["PUB-003"]
    with pytest.raises(CommandError, match="No case with case_id NOPE"):
        call_command("export_cases", program="north", case_id=["NOPE"])


def test_import_and_export_stay_inside_the_named_program(
    tmp_path, program, case_document
):
    other = ProgramFactory(name="South", slug="south")
    run_import(write(tmp_path, case_document), program_slug="south")
    assert Case.objects.get().program == other
    assert json.loads(export_text(tmp_path, program_slug="north")) == []
    # the same identifier may exist independently in another program
    run_import(write(tmp_path, case_document), program_slug="north")
    assert Case.objects.filter(case_id="PUB-001").count() == 2


def test_unknown_program_is_a_clear_error(tmp_path, program, case_document):
    with pytest.raises(CommandError, match="No program has the slug 'nowhere'"):
        call_command(
            "import_cases", str(write(tmp_path, case_document)), program="nowhere"
        )


def test_import_records_the_acting_user(tmp_path, program, case_document):
    UserFactory(username="importer", programs=[program])
    call_command(
        "import_cases",
        str(write(tmp_path, case_document)),
        program="north",
        as_user="importer",
        stdout=StringIO(),
    )
    assert AuditEntry.objects.get(action="imported").actor.username == "importer"


def test_an_age_outside_15_to_39_is_imported_but_flagged(
    tmp_path, program, case_document
):
    case_document["birth_date"] = "1985-01-01"  # 41 at evaluation
    _, err = run_import(write(tmp_path, case_document))
    case = Case.objects.get()
    assert case.birth_date.isoformat() == "1985-01-01", "never clamped"
    assert case.outside_aya
    assert "$.birth_date" in err
    assert "outside the guideline's 15-39" in err


# --------------------------------------------------------------------------------------
# Bad input: a clear error with its JSON path, and the registry unchanged
# --------------------------------------------------------------------------------------


def _bad_documents() -> list:
    def mutate(change):
        document = vignette_case("b_first_relapse_cd19_cd22.json")
        change(document)
        return document

    return [
        pytest.param(
            mutate(lambda d: d.update(weight_kg="sixty")),
            "$.weight_kg",
            "should be of type",
            id="wrong-type-string-for-number",
        ),
        pytest.param(
            mutate(lambda d: d["disease"].update(relapse_count=1.5)),
            "$.disease.relapse_count",
            "should be of type integer",
            id="wrong-type-float-for-integer",
        ),
        pytest.param(
            mutate(lambda d: d.update(events={"type": "relapse"})),
            "$.events",
            "should be of type array",
            id="wrong-type-object-for-list",
        ),
        pytest.param(
            mutate(lambda d: d.update(favourite_colour="blue")),
            "$",
            "Unknown member(s): 'favourite_colour'",
            id="unknown-field",
        ),
        pytest.param(
            mutate(lambda d: d["markers"].update(cd33="positive")),
            "$.markers",
            "Unknown member(s): 'cd33'",
            id="unknown-nested-field",
        ),
        pytest.param(
            mutate(lambda d: d.pop("birth_date")),
            "$",
            "The member 'birth_date' is required",
            id="missing-required",
        ),
        pytest.param(
            mutate(lambda d: d["diagnosis"].pop("lineage")),
            "$.diagnosis",
            "The member 'lineage' is required",
            id="missing-required-nested",
        ),
        pytest.param(
            mutate(lambda d: d.update(birth_date="2026-02-30")),
            "$.birth_date",
            "'2026-02-30' is not a real date",
            id="impossible-calendar-date",
        ),
        pytest.param(
            mutate(lambda d: d.update(evaluation_date="01/11/2026")),
            "$.evaluation_date",
            "is not a real date in the form YYYY-MM-DD",
            id="date-in-wrong-form",
        ),
        pytest.param(
            mutate(lambda d: d.update(given_name="A" * 101)),
            "$.given_name",
            "Too long: at most 100 characters",
            id="huge-string-name",
        ),
        pytest.param(
            mutate(
                lambda d: d.update(
                    events=[
                        {"type": "relapse", "date": "2026-10-20", "note": "x" * 200_000}
                    ]
                )
            ),
            "$.events[0].note",
            "Too long: at most 2000 characters",
            id="huge-string-note",
        ),
        pytest.param(
            mutate(lambda d: d["diagnosis"].update(lineage="X")),
            "$.diagnosis.lineage",
            "'X' is not one of the allowed values: 'B', 'T'",
            id="unknown-enum",
        ),
        pytest.param(
            mutate(lambda d: d["fitness"].update(ecog=7)),
            "$.fitness.ecog",
            "out of range: must be at most 4",
            id="out-of-range",
        ),
        pytest.param(
            mutate(
                lambda d: d.update(events=[{"type": "toxicity", "date": "2002-01-01"}])
            ),
            "$.events[0].date",
            "before the birth date",
            id="event-before-birth",
        ),
        pytest.param(
            mutate(lambda d: d["disease"].update(latest_relapse_date="2023-06-01")),
            "$.disease.latest_relapse_date",
            "relapse date is before the diagnosis",
            id="relapse-before-diagnosis",
        ),
        pytest.param(
            mutate(
                lambda d: d.update(events=[{"type": "relapse", "date": "2023-12-01"}])
            ),
            "$.events[0].date",
            "relapse date is before the diagnosis",
            id="relapse-event-before-diagnosis",
        ),
        pytest.param(
            mutate(
                lambda d: d.update(
                    events=[{"type": "blinatumomab", "date": "2026-12-01"}]
                )
            ),
            "$.events[0].date",
            "after the evaluation date",
            id="event-in-the-future",
        ),
        pytest.param(
            mutate(
                lambda d: d.update(
                    events=[
                        {
                            "type": "blinatumomab",
                            "date": "2026-10-21",
                            "end_date": "2026-10-01",
                        }
                    ]
                )
            ),
            "$.events[0].end_date",
            "end date is before the start date",
            id="end-before-start",
        ),
        pytest.param(
            mutate(lambda d: d["disease"].update(relapse_count=0)),
            "$.disease.relapse_count",
            "must have at least one relapse",
            id="relapse-state-without-relapse",
        ),
        pytest.param(
            mutate(lambda d: d["diagnosis"].update(date="2001-01-01")),
            "$.diagnosis.date",
            "diagnosis date is before the birth date",
            id="diagnosis-before-birth",
        ),
        pytest.param(
            [vignette_case("t_all_relapse.json"), vignette_case("t_all_relapse.json")],
            "$[1].case_id",
            "appears more than once",
            id="duplicate-case-id-in-file",
        ),
        pytest.param(
            [vignette_case("t_all_relapse.json"), "not a case"],
            "$[1]",
            "should be of type object",
            id="list-with-a-non-object",
        ),
    ]


@pytest.mark.parametrize(("payload", "path", "message"), _bad_documents())
def test_bad_document_is_refused_with_path_and_message(
    tmp_path, program, payload, path, message
):
    # given a registry holding one case already
    run_import(write(tmp_path, vignette_case("t_all_relapse.json"), "existing.json"))
    before = registry_state()
    # when a bad document is imported
    with pytest.raises(ImportFailed) as failure:
        run_import(write(tmp_path, payload))
    # then the error names the place and the problem, and nothing changed
    assert failure.value.message.startswith("Nothing was imported")
    lines = failure.value.stderr.splitlines()
    assert any(line.startswith(f"{path}: ") and message in line for line in lines), (
        lines
    )
    assert registry_state() == before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param(b'{"case_id": "A",', "not valid JSON", id="truncated-json"),
        pytest.param(b"{'case_id': 'A'}", "not valid JSON", id="single-quotes"),
        pytest.param(b"", "not valid JSON", id="empty-file"),
        pytest.param(b'{"case_id": "A\x00"}', "NUL byte", id="raw-nul-byte"),
        pytest.param(b'{"case_id": "A\\u0000"}', "NUL byte", id="escaped-nul"),
        pytest.param(b"\xff\xfe{}", "not UTF-8", id="not-utf8"),
        pytest.param(b'{"weight_kg": NaN}', "not valid JSON", id="nan"),
        pytest.param(b'{"a": 1, "a": 2}', "appears twice", id="duplicate-key"),
        pytest.param(b"[]", "empty list", id="empty-list"),
        pytest.param(
            b"[" * 100_000 + b"]" * 100_000, "not valid JSON", id="deep-nesting"
        ),
    ],
)
def test_malformed_file_is_refused_and_changes_nothing(tmp_path, program, raw, message):
    run_import(write(tmp_path, vignette_case("t_all_relapse.json"), "existing.json"))
    before = registry_state()
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(ImportFailed, match=message):
        run_import(path)
    assert registry_state() == before


def test_file_over_the_size_limit_is_refused(
    tmp_path, program, settings, case_document
):
    settings.AYA_MAX_IMPORT_BYTES = 1000
    path = write(tmp_path, [case_document] * 5)
    with pytest.raises(ImportFailed, match=r"the largest accepted is 1000 bytes"):
        run_import(path)
    assert Case.objects.count() == 0


def test_one_bad_case_in_a_list_means_none_is_written(tmp_path, program):
    # given two good cases and one bad one in the same file
    good = [
        vignette_case("t_all_relapse.json"),
        vignette_case("isolated_cns_relapse.json"),
    ]
    bad = vignette_case("kmt2a_antigen_negative.json")
    bad["evaluation_date"] = "2026-13-01"
    # when the file is imported
    with pytest.raises(ImportFailed) as failure:
        run_import(write(tmp_path, [*good, bad]))
    # then the error points at the third item and no case was written
    assert "$[2].evaluation_date: " in failure.value.stderr
    assert Case.objects.count() == 0


def test_failed_update_leaves_the_existing_case_as_it_was(
    tmp_path, program, case_document
):
    run_import(write(tmp_path, case_document))
    before = registry_state()
    case_document["disease"]["marrow_blast_percent"] = 80
    case_document["events"] = [{"type": "relapse", "date": "1999-01-01"}]
    with pytest.raises(ImportFailed):
        run_import(write(tmp_path, case_document))
    assert registry_state() == before
    assert Case.objects.get().marrow_blast_percent == 30


def test_unreadable_file_is_a_clear_error(tmp_path, program):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_cases", str(tmp_path / "missing.json"), program="north")


def test_load_json_bytes_returns_the_parsed_document():
    assert documents.load_json_bytes(b'{"a": [1, 2]}') == {"a": [1, 2]}
    with pytest.raises(errors.ApplicationError) as failure:
        documents.load_json_bytes(b"{")
    assert failure.value.message.startswith("The file is not valid JSON")


def test_load_json_bytes_checks_deep_nesting_without_recursing():
    """A RecursionError escaped at about 900 levels (the NUL check recursed);
    deeper than the parser goes is a message."""
    assert documents.load_json_bytes(b"[" * 900 + b"]" * 900)
    with pytest.raises(errors.ApplicationError, match="not valid JSON"):
        documents.load_json_bytes(b"[" * 5000 + b"]" * 5000)


def test_load_json_bytes_finds_a_nul_however_deep():
    with pytest.raises(errors.ApplicationError, match="NUL"):
        documents.load_json_bytes(b'{"a": ' * 500 + b'"x\\u0000"' + b"}" * 500)
