"""What the case page shows, built from the apps' selectors: banner, summary, cards.

The view reads the case and the engine's result; this module turns them into the
page's parts. It calls the recommendations and decision-aid selectors (their public
faces) and the pure wording modules, never their models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from patients import choices
from patients.models import Case, Event
from patients.timeline import TimelineEvent, layout, relapse_disagreement
from recommendations import wording
from recommendations.reading import engine_reading
from recommendations.selectors import alert_acknowledgements

MARKER_WORDS = {"positive": "positive", "negative": "negative", "unknown": "unknown"}


@dataclass(frozen=True, slots=True)
class Chip:
    label: str
    title: str


@dataclass(frozen=True, slots=True)
class Banner:
    """The patient banner: who, which disease, where in its course."""

    name: str
    birth_date: dt.date | None
    age: object
    outside_aya: bool
    case_id: str
    program: str
    lineage: str
    ph: str
    antigens: str
    markers_tested_on: dt.date | None
    relapse: str
    time_since_relapse: str
    transplant: str
    prior_therapies: tuple[Chip, ...] = field(default_factory=tuple)


def time_since_words(start: dt.date | None, end: dt.date) -> str:
    """ "12 days", "3 months", "2 years 1 month"; unknown when there is no start."""
    if start is None:
        return "unknown"
    days = (end - start).days
    if days < 0:
        return "after the evaluation date"
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''}"
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def _prior_therapy_chips(events: Sequence[Event], as_of: dt.date) -> tuple[Chip, ...]:
    """One chip per therapy given on or before ``as_of``, with the years given."""
    years: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for event in events:
        if event.type not in choices.THERAPY_EVENT_TYPES or event.date > as_of:
            continue
        key = f"{event.type}:{event.agent.casefold()}"
        name = choices.EventType(event.type).label
        if event.agent and event.type in {"chemotherapy", "tki", "car_t"}:
            name = f"{name}: {event.agent}"
        labels.setdefault(key, name[:1].upper() + name[1:])
        years.setdefault(key, [])
        if event.date.year not in years[key]:
            years[key].append(event.date.year)
    return tuple(
        Chip(
            label=f"{labels[key]} {', '.join(str(y) for y in years[key])}",
            title=f"{labels[key]}, given in {', '.join(str(y) for y in years[key])}",
        )
        for key in labels
    )


def _transplant_words(case: Case, derived: Mapping) -> str:
    parts = []
    hsct = derived.get("hsct_before_relapse")
    if hsct:
        donor = derived.get("hsct_before_relapse_donor")
        donor_words = (
            choices.Donor(donor).label.lower() if donor in choices.Donor.values else ""
        )
        parts.append(
            f"allogeneic HSCT {hsct}"
            + (f" ({donor_words} donor)" if donor_words else "")
        )
    elif derived.get("prior_hsct"):
        parts.append("allogeneic HSCT before")
    else:
        parts.append("no transplant recorded")
    eligible = {
        "yes": "eligible",
        "no": "not eligible",
        "unknown": "eligibility unknown",
    }
    parts.append(eligible.get(case.transplant_eligible, "eligibility unknown"))
    if case.hsct_planned:
        parts.append("transplant planned")
    return "; ".join(parts)


def banner_for(
    case: Case, *, derived: Mapping, events: Sequence[Event], as_of: dt.date
) -> Banner:
    ph = case.get_ph_status_display()
    if case.abl1_mutations:
        ph += f" ({', '.join(case.abl1_mutations)})"
    antigens = ", ".join(
        f"{name} {MARKER_WORDS.get(value, value)}"
        for name, value in (
            ("CD19", case.cd19),
            ("CD22", case.cd22),
            ("CD20", case.cd20),
        )
    )
    count = derived.get("relapse_count")
    relapse_date = derived.get("latest_relapse_date")
    if case.disease_state == choices.DiseaseState.PRIMARY_REFRACTORY:
        relapse = "primary refractory (no relapse)"
    elif count is None:
        relapse = "number of relapses unknown"
    elif count == 0:
        relapse = "no relapse"
    else:
        ordinal = {1: "first", 2: "second", 3: "third"}.get(count, f"{count}th")
        relapse = f"{ordinal} relapse"
    if relapse_date:
        relapse += f", {relapse_date}"
    return Banner(
        name=case.display_name or case.case_id,
        birth_date=case.birth_date,
        age=derived.get("age_years"),
        outside_aya=bool(derived.get("outside_aya")),
        case_id=case.case_id,
        program=case.program.name,
        lineage=case.get_lineage_display(),
        ph=ph,
        antigens=antigens,
        markers_tested_on=case.markers_tested_on,
        relapse=relapse,
        time_since_relapse=time_since_words(
            dt.date.fromisoformat(relapse_date) if relapse_date else None, as_of
        ),
        transplant=_transplant_words(case, derived),
        prior_therapies=_prior_therapy_chips(events, as_of),
    )


def _recommendation_card(item: Mapping, evidence: Mapping) -> dict:
    return {
        **item,
        "strength_words": wording.strength_words(
            item["strength"], stated=item["strength_stated"]
        ),
        "certainty_words": wording.certainty_words(item.get("certainty")),
        "evidence": evidence.get(item["id"], []),
    }


def _alert_card(item: Mapping, acknowledgement: object, evidence: Mapping) -> dict:
    return {
        **item,
        "severity_words": wording.severity_words(item["severity"]),
        "severity_hint": wording.SEVERITY_HINT.get(item["severity"], ""),
        "acknowledgement": acknowledgement,
        "evidence": evidence.get(item["id"], []),
    }


def case_page_parts(
    case: Case, *, result: Mapping, events: Sequence[Event], as_of: dt.date
) -> dict:
    """Banner, "what to do first", grouped recommendations, alerts and the reading."""
    from decisionaids.selectors import evidence_figures_for_items

    point = result["decision_point"]
    evidence = evidence_figures_for_items(
        items=[*result["recommendations"], *result["alerts"]]
    )
    acknowledged = alert_acknowledgements(case=case, result=result)
    alerts = [
        _alert_card(alert, acknowledged.get(alert["id"]), evidence)
        for alert in sorted(result["alerts"], key=lambda a: a["severity"] != "high")
    ]
    cards = {
        item["id"]: _recommendation_card(item, evidence)
        for item in result["recommendations"]
    }
    groups = [
        {"title": group.title, "items": [cards[item["id"]] for item in group.items]}
        for group in wording.group_recommendations(
            result["recommendations"], decision_point=point
        )
    ]
    options = [
        cards[item["id"]]
        for item in wording.options_at_hand(
            result["recommendations"], decision_point=point
        )
    ]
    workup_open = [item for item in result["workup"] if item["status"] == "open"]
    return {
        "banner": banner_for(
            case, derived=result["derived"], events=events, as_of=as_of
        ),
        "summary": {
            "high_alerts": [a for a in alerts if a["severity"] == "high"],
            "decision_point": point,
            "decision_words": wording.decision_point_words(point),
            "decision_question": wording.DECISION_QUESTION.get(point, ""),
            "options": options,
            "checks": result["checks"],
            "workup_open": workup_open,
        },
        "alerts": alerts,
        "new_alert_count": sum(1 for a in alerts if a["acknowledgement"] is None),
        "recommendation_groups": groups,
        "reading": engine_reading(result["derived"]),
    }


EPISODE_MARGIN_SHARE = 0.08
EPISODE_MIN_MARGIN_DAYS = 7


def _timeline_events(events: Sequence[Event]) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            type=e.type,
            date=e.date,
            end_date=e.end_date,
            agent=e.agent,
            response=e.response,
            mrd=e.mrd,
            toxicity=e.toxicity,
            grade=e.grade,
            cns_kind=e.cns_kind,
            test=e.test,
            result=e.result,
        )
        for e in events
    ]


def timeline_parts(
    case: Case, *, events: Sequence[Event], result: Mapping, today: dt.date
) -> dict:
    """The whole history and the current episode as pictures, the table, a warning.

    The episode begins at the engine's ``current_episode_start`` (the latest relapse,
    or the diagnosis for primary refractory disease); its picture starts a little
    before, so the relapse itself is not on the frame.
    """
    drawn = _timeline_events(events)
    end = max(today, case.evaluation_date)
    dates = {
        "diagnosis": case.diagnosis_date,
        "relapse_date": case.latest_relapse_date,
        "today": today,
    }
    whole = layout(drawn, start=case.diagnosis_date, end=end, **dates)
    episode_start = result["derived"].get("current_episode_start")
    episode = None
    if episode_start:
        begins = dt.date.fromisoformat(episode_start)
        margin = max(
            EPISODE_MIN_MARGIN_DAYS,
            round((end - begins).days * EPISODE_MARGIN_SHARE),
        )
        window = begins - dt.timedelta(days=margin)
        if window > case.diagnosis_date:
            episode = layout(drawn, start=window, end=end, clip=True, **dates)
            episode.episode_start = begins
    rows = [
        {"date": case.diagnosis_date, "what": "Diagnosis", "from_facts": True},
    ]
    relapse_days = {e.date for e in events if e.type == choices.EventType.RELAPSE}
    if case.latest_relapse_date and case.latest_relapse_date not in relapse_days:
        rows.append(
            {
                "date": case.latest_relapse_date,
                "what": "Latest relapse (case facts)",
                "from_facts": True,
            }
        )
    rows += [{"date": e.date, "event": e} for e in events]
    rows.sort(key=lambda row: row["date"])
    return {
        "timeline": whole,
        "timeline_episode": episode,
        "timeline_rows": rows,
        "timeline_warning": relapse_disagreement(drawn, case.latest_relapse_date),
    }
