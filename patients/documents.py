"""The case document (patients/domain/case.schema.json): parsing, validation, mapping.

One table (``CASE_FIELDS``) says where each case model field lives in the document, so
import, export and the JSON paths of validation errors all read from the same place.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from jsonschema import Draft202012Validator

from patients import errors
from patients.choices import ReferralStatus
from patients.models import (
    MSG_REFERRAL_NEEDS_DATE,
    MSG_WORKUP_NEEDS_TEST,
    Case,
    Event,
    Referral,
)

SCHEMA_PATH = Path(__file__).resolve().parent / "domain" / "case.schema.json"


@dataclass(frozen=True, slots=True)
class DocumentError:
    """One problem in a document: where (a JSON path, ``$.diagnosis.date``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Field:
    """A case model field and its place in the document (a tuple of keys)."""

    model: str
    path: tuple[str, ...]
    kind: str = "str"  # str | date | number | int | bool | list | enum
    default: Any = None  # the schema's default, written on export when unset


CASE_FIELDS: tuple[Field, ...] = (
    Field("case_id", ("case_id",)),
    Field("given_name", ("given_name",)),
    Field("family_name", ("family_name",)),
    Field("birth_date", ("birth_date",), "date"),
    Field("sex", ("sex",)),
    Field("can_become_pregnant", ("can_become_pregnant",), "bool"),
    Field("preferred_language", ("preferred_language",), "enum", "en"),
    Field("weight_kg", ("weight_kg",), "number"),
    Field("evaluation_date", ("evaluation_date",), "date"),
    Field("diagnosis_date", ("diagnosis", "date"), "date"),
    Field("lineage", ("diagnosis", "lineage"), "enum"),
    Field("ph_status", ("diagnosis", "ph_status"), "enum", "unknown"),
    Field("initial_regimen", ("diagnosis", "initial_regimen")),
    Field("disease_state", ("disease", "state"), "enum"),
    Field("relapse_count", ("disease", "relapse_count"), "int"),
    Field("latest_relapse_date", ("disease", "latest_relapse_date"), "date"),
    Field("sites", ("disease", "sites"), "list"),
    Field("marrow_blast_percent", ("disease", "marrow_blast_percent"), "number"),
    Field(
        "testicular_disease_after_induction",
        ("disease", "testicular_disease_after_induction"),
        "bool",
    ),
    Field("cd19", ("markers", "cd19"), "enum", "unknown"),
    Field("cd22", ("markers", "cd22"), "enum", "unknown"),
    Field("cd20", ("markers", "cd20"), "enum", "unknown"),
    Field("kmt2a_rearranged", ("markers", "kmt2a_rearranged"), "enum", "unknown"),
    Field("abl1_mutations", ("markers", "abl1_mutations"), "list"),
    Field("markers_tested_on", ("markers", "tested_on"), "date"),
    Field("ecog", ("fitness", "ecog"), "int"),
    Field("hct_ci", ("fitness", "hct_ci"), "int"),
    Field("fitness_category", ("fitness", "category"), "enum", "unknown"),
    Field("transplant_eligible", ("fitness", "transplant_eligible"), "enum", "unknown"),
    Field("prior_neuropathy", ("fitness", "prior_neuropathy"), "bool"),
    Field(
        "strong_cyp3a4_inhibitor", ("medications", "strong_cyp3a4_inhibitor"), "bool"
    ),
    Field("hsct_planned", ("plans", "hsct_planned"), "bool"),
    Field("next_treatment_start", ("plans", "next_treatment_start"), "date"),
    Field(
        "school_or_work_disrupted", ("psychosocial", "school_or_work_disrupted"), "bool"
    ),
    Field(
        "clinical_trial_screened", ("psychosocial", "clinical_trial_screened"), "bool"
    ),
)
CASE_FIELD_PATHS = {field.model: field.path for field in CASE_FIELDS}

# Member order on export follows the schema, so exports are stable and diffable.
TOP_LEVEL_ORDER = (
    "case_id",
    "given_name",
    "family_name",
    "birth_date",
    "sex",
    "can_become_pregnant",
    "preferred_language",
    "weight_kg",
    "evaluation_date",
    "diagnosis",
    "disease",
    "markers",
    "fitness",
    "medications",
    "plans",
    "events",
    "referrals",
    "psychosocial",
)
# Objects exported even when all their members are unset, because the schema
# requires them or their defaults say something ("unknown").
ALWAYS_EXPORTED = {"diagnosis", "disease", "markers", "fitness"}

EVENT_FIELDS: tuple[Field, ...] = (
    Field("type", ("type",)),
    Field("date", ("date",), "date"),
    Field("end_date", ("end_date",), "date"),
    Field("agent", ("agent",)),
    Field("cycles", ("cycles",), "int"),
    Field("donor", ("donor",)),
    Field("response", ("response",)),
    Field("mrd", ("mrd",)),
    Field("mrd_level", ("mrd_level",), "number"),
    Field("toxicity", ("toxicity",)),
    Field("grade", ("grade",), "int"),
    Field("cns_kind", ("cns_kind",)),
    Field("note", ("note",)),
    Field("test", ("test",)),
    Field("result", ("result",)),
)
REFERRAL_FIELDS: tuple[Field, ...] = (
    Field("kind", ("kind",)),
    Field("status", ("status",)),
    Field("date", ("date",), "date"),
    Field("note", ("note",)),
    Field("appointment_date", ("appointment_date",), "date"),
)


@functools.cache
def case_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.cache
def _validator() -> Draft202012Validator:
    schema = case_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the member {key!r} appears twice in one object")
        result[key] = value
    return result


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json_bytes(raw: bytes, *, limit: int | None = None) -> object:
    """Parse uploaded JSON, refusing what no case can hold (raises ApplicationError)."""
    if limit is not None and len(raw) > limit:
        raise errors.ApplicationError(
            errors.MSG_TOO_LARGE.format(size=len(raw), limit=limit)
        )
    if b"\x00" in raw:
        raise errors.ApplicationError(errors.MSG_NUL_BYTE)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise errors.ApplicationError(errors.MSG_NOT_UTF8) from exc
    try:
        data = json.loads(
            text,
            object_pairs_hook=_reject_duplicate_keys,
            parse_constant=_reject_constant,
        )
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise errors.ApplicationError(
            errors.MSG_NOT_JSON.format(detail=detail)
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise errors.ApplicationError(errors.MSG_NOT_JSON.format(detail=exc)) from exc
    if _contains_nul(data):
        raise errors.ApplicationError(errors.MSG_NUL_BYTE)
    return data


def _contains_nul(value: object) -> bool:
    """Any NUL in a string or member name, walking the tree without recursion."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------


def json_path(parts: Iterator | tuple | list, *, prefix: str = "$") -> str:
    path = prefix
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _schema_message(error) -> str:  # noqa: ANN001 - jsonschema's ValidationError
    """Plain words for the schema's complaints; falls back to jsonschema's own text."""
    validator = error.validator
    if validator == "required" and "then" in error.schema_path:
        return _conditional_required_message(error)
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"The member '{missing}' is required."
    if validator == "additionalProperties":
        return f"Unknown member(s): {error.message.split('(')[-1].rstrip(')')}."
    if validator == "format" and error.validator_value == "date":
        return f"{error.instance!r} is not a real date in the form YYYY-MM-DD."
    if validator == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value)
        return f"{_short(error.instance)} is not one of the allowed values: {allowed}."
    if validator == "type":
        return f"{_short(error.instance)} should be of type {error.validator_value}."
    if validator == "maxLength":
        return f"Too long: at most {error.validator_value} characters are allowed."
    if validator == "minLength":
        return "Must not be empty."
    if validator in {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}:
        words = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "more than",
            "exclusiveMaximum": "less than",
        }[validator]
        bound = f"{words} {error.validator_value}"
        return f"{_short(error.instance)} is out of range: must be {bound}."
    if validator == "uniqueItems":
        return "Each value may appear only once."
    if validator == "pattern":
        return f"{_short(error.instance)} is not in the expected form."
    return error.message


def _conditional_required_message(error) -> str:  # noqa: ANN001
    """The model's words for the schema's if/then rules (a referral's date, a test)."""
    instance = error.instance if isinstance(error.instance, dict) else {}
    status = instance.get("status")
    if "'date'" in error.message and status in ReferralStatus.values:
        label = ReferralStatus(status).label.lower()
        return MSG_REFERRAL_NEEDS_DATE.format(status=label)
    if "'test'" in error.message:
        return MSG_WORKUP_NEEDS_TEST
    return error.message


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def schema_errors(document: object, *, prefix: str = "$") -> list[DocumentError]:
    found = sorted(
        _validator().iter_errors(document),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    return [
        DocumentError(json_path(_error_path(e), prefix=prefix), _schema_message(e))
        for e in found
    ]


def _error_path(error) -> list:  # noqa: ANN001 - jsonschema's ValidationError
    """Where a problem is; a member the if/then rules require is named itself.

    ``$.referrals[0].date: A referral that is referred needs the date…`` points at
    the member as the model's own check does, so every reader (the import's JSON
    paths, the API, the spreadsheet's cells) lands on the same field.
    """
    path = list(error.absolute_path)
    if error.validator == "required" and "then" in error.schema_path:
        missing = error.message.split("'")[1] if "'" in error.message else None
        if missing:
            path.append(missing)
    return path


def validate_case_document(
    document: object, *, prefix: str = "$"
) -> list[DocumentError]:
    """Every problem with one case document: the schema's, then the registry's rules.

    Needs no database: the model rules run on unsaved instances.
    """
    if _contains_nul(document):
        return [DocumentError(prefix, errors.MSG_NUL_BYTE)]
    problems = schema_errors(document, prefix=prefix)
    if problems:
        return problems
    case, events, referrals = instances_from_document(document)
    return model_errors(case, events, referrals, prefix=prefix)


def model_errors(
    case: Case, events: list[Event], referrals: list[Referral], *, prefix: str = "$"
) -> list[DocumentError]:
    problems: list[DocumentError] = []
    problems += _instance_errors(case, CASE_FIELD_PATHS, prefix)
    for index, event in enumerate(events):
        paths = {f.model: ("events", index, *f.path) for f in EVENT_FIELDS}
        problems += _instance_errors(event, paths, prefix)
    for index, referral in enumerate(referrals):
        paths = {f.model: ("referrals", index, *f.path) for f in REFERRAL_FIELDS}
        problems += _instance_errors(referral, paths, prefix)
    return problems


def _instance_errors(
    instance, paths: Mapping[str, tuple], prefix: str
) -> list[DocumentError]:  # noqa: ANN001
    try:
        # Foreign keys and uniqueness need the database; the import service checks them.
        instance.full_clean(
            exclude=["program", "case", "owner"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        found = []
        for field, messages in exc.message_dict.items():
            where = json_path(paths.get(field, ()), prefix=prefix)
            found += [DocumentError(where, message) for message in messages]
        return found
    return []


# ---------------------------------------------------------------------------
# Document -> model instances
# ---------------------------------------------------------------------------


def _get(document: Mapping, path: tuple[str, ...]) -> Any:
    value: Any = document
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


def _to_model(field: Field, value: Any) -> Any:
    if value is None:
        return field.default if field.default is not None else _empty(field)
    if field.kind == "date":
        return dt.date.fromisoformat(value)
    if field.kind == "number":
        return float(value)
    if field.kind == "list":
        return list(value)
    return value


def _empty(field: Field) -> Any:
    return "" if field.kind in {"str", "enum"} else None


def _assign(instance, fields: tuple[Field, ...], document: Mapping) -> None:  # noqa: ANN001
    for field in fields:
        setattr(instance, field.model, _to_model(field, _get(document, field.path)))


def instances_from_document(
    document: Mapping, *, case: Case | None = None
) -> tuple[Case, list[Event], list[Referral]]:
    """Unsaved instances for a schema-valid document (``case`` is updated in place)."""
    case = case if case is not None else Case()
    _assign(case, CASE_FIELDS, document)
    events = []
    for item in document.get("events", []):
        event = Event(case=case)
        _assign(event, EVENT_FIELDS, item)
        events.append(event)
    referrals = []
    for item in document.get("referrals", []):
        referral = Referral(case=case)
        _assign(referral, REFERRAL_FIELDS, item)
        referrals.append(referral)
    return case, events, referrals


# ---------------------------------------------------------------------------
# Model -> document
# ---------------------------------------------------------------------------


def _to_document(field: Field, value: Any) -> Any:
    if value is None or value == "":
        return field.default
    if field.kind == "date":
        return value.isoformat()
    if field.kind == "number":
        # 62.0 is written 62 so an exported document reads like a hand-written one.
        return int(value) if float(value).is_integer() else value
    if field.kind == "list":
        return list(value)
    return value


def _put(document: dict, path: tuple[str, ...], value: Any) -> None:
    target = document
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _export_plan(fields: tuple[Field, ...]) -> tuple[tuple, ...]:
    """Each field as (field, attribute, top-level key or None, needs conversion)."""
    return tuple(
        (
            f,
            f.model,
            f.path[0] if len(f.path) == 1 else None,
            f.kind in {"date", "number", "list"},
        )
        for f in fields
    )


# Worked out once: the export runs once per event at scale (a re-evaluation).
_CASE_PLAN = _export_plan(CASE_FIELDS)
_EVENT_PLAN = _export_plan(EVENT_FIELDS)
_REFERRAL_PLAN = _export_plan(REFERRAL_FIELDS)


def _object_from(instance, plan: tuple[tuple, ...]) -> dict:  # noqa: ANN001
    """``_to_document`` of every field of an ``_export_plan``."""
    result: dict = {}
    for field, attribute, key, convert in plan:
        value = getattr(instance, attribute)
        if value is None or value == "":
            value = field.default
            if value is None:
                continue
        elif convert:
            value = _to_document(field, value)
        if key is not None:
            result[key] = value
        else:
            _put(result, field.path, value)
    return result


def case_to_document(case: Case, *, events=None, referrals=None) -> dict:  # noqa: ANN001
    """The case as a schema-valid document; events and referrals in timeline order."""
    flat = _object_from(case, _CASE_PLAN)
    for key in ALWAYS_EXPORTED:
        flat.setdefault(key, {})
    events = case.events.all() if events is None else events
    referrals = case.referrals.all() if referrals is None else referrals
    flat["events"] = [_object_from(event, _EVENT_PLAN) for event in events]
    flat["referrals"] = [
        _object_from(referral, _REFERRAL_PLAN) for referral in referrals
    ]
    return {key: flat[key] for key in TOP_LEVEL_ORDER if key in flat}


def dumps_documents(documents: list[dict] | dict) -> str:
    """The one serialisation of exports: stable, UTF-8, newline-terminated."""
    return json.dumps(documents, indent=2, ensure_ascii=False) + "\n"
