"""Evaluate the guideline catalogue for one case file and print it (no database)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from patients import documents, errors
from recommendations.engine import (
    RULESET_VERSION,
    EvaluationResult,
    evaluate,
    facts_from_document,
)
from recommendations.engine.rule import DEFAULT_MENTAL_HEALTH_INTERVAL_DAYS

MSG_CANNOT_READ = "Cannot read {path}: {reason}."
MSG_NOT_A_CASE = (
    "The file holds neither a case document nor a vignette (an object with a 'case'"
    " member)."
)
MSG_INVALID = "The case document is invalid: {count} problem(s), listed above."
MSG_BAD_AS_OF = "--as-of must be a date in the form YYYY-MM-DD, not {value!r}."
MSG_AS_OF_BEFORE_DIAGNOSIS = (
    "--as-of {as_of} is before the diagnosis date {diagnosis}; there is nothing to "
    "evaluate yet."
)
MSG_BAD_INTERVAL = "--mental-health-interval-days must be a whole number of days >= 1."


def case_document_from(payload: object) -> tuple[object, str]:
    """The case document in a file and the JSON path prefix for its errors.

    A vignette (``{"description", "case", "expect"}``) holds its case under ``case``;
    anything else is taken as the case document itself.
    """
    if isinstance(payload, dict) and "case" in payload and "case_id" not in payload:
        return payload["case"], "$.case"
    if isinstance(payload, dict):
        return payload, "$"
    raise CommandError(MSG_NOT_A_CASE)


def parse_as_of(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(MSG_BAD_AS_OF.format(value=value)) from exc


class Command(BaseCommand):
    help = (
        "Evaluate the R/R ALL AYA catalogue for one case document (or a vignette file) "
        "and print recommendations, alerts and referrals due. Reads no database."
    )
    # The command only reads a file; it needs neither system checks nor the database.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--case-file",
            required=True,
            type=Path,
            help="A case document (case.schema.json) or a vignette holding one.",
        )
        parser.add_argument(
            "--format",
            choices=("json", "text"),
            default="json",
            help="json (default; stable, sorted keys) or text for a clinician.",
        )
        parser.add_argument(
            "--as-of",
            help="Evaluate as of this date (YYYY-MM-DD); default: evaluation_date.",
        )
        parser.add_argument(
            "--mental-health-interval-days",
            type=int,
            default=DEFAULT_MENTAL_HEALTH_INTERVAL_DAYS,
            help="Program's mental-health screening interval (PSY-MENTAL-HEALTH).",
        )

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["case_file"]  # type: ignore[assignment]
        as_of = parse_as_of(options.get("as_of"))  # type: ignore[arg-type]
        interval = options["mental_health_interval_days"]
        if not isinstance(interval, int) or interval < 1:
            raise CommandError(MSG_BAD_INTERVAL)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                MSG_CANNOT_READ.format(path=path, reason=exc.strerror or exc)
            ) from exc
        try:
            payload = documents.load_json_bytes(raw)
        except errors.ApplicationError as exc:
            raise CommandError(exc.message) from exc

        document, prefix = case_document_from(payload)
        problems = documents.validate_case_document(document, prefix=prefix)
        if problems:
            for problem in problems:
                self.stderr.write(f"{problem.path}: {problem.message}")
            raise CommandError(MSG_INVALID.format(count=len(problems)))

        diagnosis = date.fromisoformat(document["diagnosis"]["date"])  # type: ignore[index]
        if as_of is not None and as_of < diagnosis:
            raise CommandError(
                MSG_AS_OF_BEFORE_DIAGNOSIS.format(
                    as_of=as_of.isoformat(), diagnosis=diagnosis.isoformat()
                )
            )
        facts = facts_from_document(document, as_of=as_of)  # type: ignore[arg-type]
        result = evaluate(facts, mental_health_interval_days=interval)
        if options["format"] == "text":
            self.stdout.write(render_text(result))
        else:
            self.stdout.write(
                json.dumps(
                    result.to_dict(), indent=2, sort_keys=True, ensure_ascii=False
                )
            )


# --- Text rendering -------------------------------------------------------------


def _yes_no(value: object) -> str:
    if value is None:
        return "unknown"
    return "yes" if value else "no"


def _date_or(value: object, missing: str = "not recorded") -> str:
    return missing if value is None else str(value)


def _strength(item: dict) -> str:
    words = str(item["strength"]).replace("_", " ")
    if not item["strength_stated"]:
        words += " (strength not stated by the source)"
    if item.get("certainty"):
        words += f", {item['certainty']} certainty"
    return words


def _positions(item: dict, indent: str) -> list[str]:
    lines = []
    for position in item["concordant_with"]:
        lines.append(
            f"{indent}Concordant: {position['source']}: {position['position']}"
        )
    for position in item["differs_from"]:
        lines.append(
            f"{indent}SOURCES DIFFER: {position['source']}: {position['position']}"
        )
    return lines


# Detail members worth a line of their own in the text format, with their labels.
TEXT_DETAIL_LABELS = {
    "agents": "Agents",
    "given_before": "Given before (earlier episode)",
    "left_out": "Left out",
    "eligible_products": "CAR-T products whose label fits",
    "intensity": "Chemotherapy intensity",
    "regimen": "Regimen that brought that remission",
    "tkis_given": "TKIs given",
    "options": "Options",
    "not_settled": "Not settled yet",
    "dose": "Dose",
}


def _detail_lines(item: dict, indent: str) -> list[str]:
    detail = item.get("detail") or {}
    lines = []
    for key, label in TEXT_DETAIL_LABELS.items():
        value = detail.get(key)
        if value is None or value == "" or (not value and hasattr(value, "__len__")):
            continue
        lines.append(f"{indent}{label}: {_detail_text(value)}")
    return lines


def _detail_text(value: object) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    if isinstance(value, list):
        return "; ".join(
            _detail_text(item) if isinstance(item, dict) else str(item)
            for item in value
        )
    return str(value)


def _derived_lines(derived: dict) -> list[str]:
    months = derived["months_to_relapse"]
    relapse = "none recorded"
    if derived["latest_relapse_date"]:
        relapse = derived["latest_relapse_date"]
        if months is not None:
            relapse += f", {months} months after diagnosis"
    remission_months = derived["remission_before_relapse_months"]
    if remission_months is not None:
        remission_before = (
            f"{remission_months} months (from "
            f"{derived['remission_before_relapse_start']}, "
            f"{derived['remission_before_relapse_basis']})"
        )
    else:
        remission_before = derived["remission_before_relapse_basis"]
    count = derived["relapse_count"]
    prior = ", ".join(derived["prior_therapies"]) or "none recorded"
    remission = derived["remission_reached_with"]
    return [
        f"  Age: {derived['age_years']}"
        + (" (OUTSIDE 15-39)" if derived["outside_aya"] else " (within 15-39)"),
        f"  Lineage: {derived['lineage']}; disease state: {derived['disease_state']}",
        f"  Relapse count: {'unknown' if count is None else count}"
        f" ({derived['relapse_count_basis']}); latest relapse: {relapse}",
        f"  Remission before the latest relapse: {remission_before}"
        f" (late relapse: {_yes_no(derived['late_relapse'])})",
        "  Current episode from: "
        + _date_or(derived["current_episode_start"], "unknown"),
        f"  Prior therapy: {prior}",
        f"  CNS involved: {_yes_no(derived['cns_involved'])}; isolated CNS "
        f"relapse: {_yes_no(derived['isolated_cns_relapse'])}",
        f"  Latest response: {_date_or(derived['latest_response'])}"
        f"; MRD of this episode: {_date_or(derived['latest_mrd'])}",
        "  Remission reached with: "
        + ("unknown" if remission is None else ", ".join(remission)),
        "  Referrals that count: "
        + (", ".join(derived["referrals_counted"]) or "none"),
    ]


def render_text(result: EvaluationResult) -> str:
    """The result for a clinician: decision point, derived facts, then each item."""
    data = result.to_dict()
    lines = [
        f"Case {result.facts.case_id}, as of {result.as_of.isoformat()} "
        f"(ruleset {RULESET_VERSION})",
        f"Decision point: {data['decision_point']}",
        "",
        "Derived facts",
        *_derived_lines(data["derived"]),
        "",
        f"Recommendations ({len(data['recommendations'])})",
    ]
    for number, item in enumerate(data["recommendations"], start=1):
        lines += [
            f"  {number}. {item['id']} [{item['source']}; {_strength(item)}]",
            f"     {item['statement']}",
            f"     Because: {'; '.join(item['because'])}",
            *_detail_lines(item, "     "),
            *_positions(item, "     "),
        ]
    lines += ["", f"Alerts ({len(data['alerts'])})"]
    for item in data["alerts"]:
        lines += [
            f"  ! {item['severity'].upper()} {item['id']} [{item['source']}]",
            f"    {item['message']}",
            f"    Because: {'; '.join(item['because'])}",
            *_detail_lines(item, "    "),
        ]
    lines += ["", f"Referrals due ({len(data['referrals_due'])})"]
    for item in data["referrals_due"]:
        when = f"due {item['due']}"
        if item["due_basis"] == "now":
            when += " (now)"
        if item["overdue"]:
            when += f", OVERDUE since {item['overdue_since']}"
        lines += [
            f"  - {item['id']} [{item['source']}]: {when}",
            f"    {item['reason']}",
            f"    Because: {'; '.join(item['because'])}",
        ]
    workup = data["workup"]
    open_items = [item for item in workup if item["status"] == "open"]
    lines += ["", f"Relapse work-up ({len(open_items)} open of {len(workup)} due)"]
    for item in workup:
        if item["status"] == "open":
            lines.append(f"  [ ] {item['id']}: {item['statement']}")
        else:
            result = f": {item['result']}" if item["result"] else ""
            lines.append(f"  [x] {item['id']}: done {item['done_on']}{result}")
    lines += ["", f"Checks to do: insufficient data ({len(data['checks'])})"]
    for item in data["checks"]:
        lines.append(f"  ? {item['id']}: {'; '.join(item['missing'])}")
    lines += [
        "",
        f"Not applicable: {len(data['not_applicable'])} rule(s); "
        "--format json lists each with its reasons.",
    ]
    return "\n".join(lines)
