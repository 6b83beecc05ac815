"""Reads for decision aids: evidence as render input, jobs and their status text."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet

from decisionaids.inputs import CareTeam, Evidence
from decisionaids.models import DecisionAidJob, EvidenceFigure
from patients.models import Case, Program

MSG_STATUS_QUEUED = "Waiting for a worker to print this decision aid."
MSG_STATUS_NOT_SENT = (
    "Accepted. The print service cannot be reached right now; this decision aid "
    "will print when it is back, without asking again."
)
MSG_STATUS_RENDERING = "Printing the decision aid now (attempt {attempts})."
MSG_STATUS_READY = "Ready to print."
MSG_STATUS_FAILED = (
    "This decision aid could not be printed after {attempts} attempt(s). Request it "
    "again; if it fails again, tell the support team (job {job_id})."
)


def care_team_for(*, program: Program) -> CareTeam:
    """The program's care team contact, printed on every page of its aids.

    ``Program.care_team_name`` / ``care_team_phone`` are program settings (issue 9);
    read here, in one place, so an aid says plainly when they are not set.
    """
    return CareTeam(
        name=getattr(program, "care_team_name", "") or "",
        phone=getattr(program, "care_team_phone", "") or "",
    )


def evidence_for_render() -> dict[str, Evidence]:
    """Every stored EV row as plain data by EV ID (the renderer's only source)."""
    return {
        row.ev_id: Evidence(
            ev_id=row.ev_id,
            statement=row.statement,
            measures=tuple(row.measures),
            population_plain=dict(row.population_plain),
            study=row.study,
            design=row.design,
            source=row.source,
            reviewed_at=row.reviewed_at,
        )
        for row in EvidenceFigure.objects.all()
    }


def aid_job_list(*, case: Case) -> QuerySet[DecisionAidJob]:
    return DecisionAidJob.objects.filter(case=case).select_related(
        "requested_by", "given_by", "snapshot"
    )


# What the case page's panel shows of a job (decisionaids/_aid_panel.html) and its
# status message reads: the whole rows, with their snapshot's two documents and
# two users, cost the page more than its query.
PANEL_JOB_FIELDS = (
    "case_id",
    "aid_id",
    "language",
    "paper",
    "status",
    "enqueued_at",
    "attempts",
    "given_at",
    "given_by__username",
)


def _panel_jobs(case: Case) -> list[DecisionAidJob]:
    """The case's latest ten jobs, newest first, as the panel lists them."""
    jobs = DecisionAidJob.objects.filter(case=case).select_related("given_by")
    return list(jobs.only(*PANEL_JOB_FIELDS)[:10])


def aid_job_status_message(*, job: DecisionAidJob) -> str:
    """What the user is told about a job (no patient data)."""
    status = DecisionAidJob.Status
    if job.status == status.QUEUED:
        return MSG_STATUS_QUEUED if job.enqueued_at else MSG_STATUS_NOT_SENT
    if job.status == status.RENDERING:
        return MSG_STATUS_RENDERING.format(attempts=job.attempts)
    if job.status == status.READY:
        return MSG_STATUS_READY
    return MSG_STATUS_FAILED.format(attempts=job.attempts, job_id=job.pk)


def aid_panel_for_case(
    *, case: Case, result: dict, document: Mapping | None = None
) -> dict:
    """Context for ``decisionaids/_aid_panel.html`` on the case page.

    Which aids apply now, the one that fits the case first (the form's default),
    why the others do not apply, the form choices, and this case's print jobs with
    their status in plain words. ``document``: the case's document, when the
    caller has made it already.
    """
    from decisionaids.content import text_for
    from decisionaids.content.aids import AID_IDS
    from decisionaids.fit import applicability, applicable_aids
    from patients.documents import case_to_document

    if document is None:
        document = case_to_document(case)
    titles = text_for("en")["aids"]
    ordered = applicable_aids(document=document, result=result)
    applicable = [
        {"id": aid_id, "title": titles[aid_id]["title"], "first": index == 0}
        for index, aid_id in enumerate(ordered)
    ]
    not_applicable = [
        {
            "id": aid_id,
            "title": titles[aid_id]["title"],
            "reason": applicability(aid_id, document=document, result=result),
        }
        for aid_id in AID_IDS
        if aid_id not in ordered
    ]
    jobs = [
        {"job": job, "message": aid_job_status_message(job=job)}
        for job in _panel_jobs(case)
    ]
    return {
        "aid_panel": {
            "applicable": applicable,
            "not_applicable": not_applicable,
            "languages": DecisionAidJob.Language.choices,
            "papers": DecisionAidJob.Paper.choices,
            "default_language": case.preferred_language or "en",
            "jobs": jobs,
        }
    }


def aid_given_for_current_point(*, case: Case) -> bool:
    """Whether an aid was given for the case's current decision point and episode.

    The episode starts at the latest relapse (or the diagnosis); an aid given before it
    was for an earlier decision.
    """
    from recommendations.engine.vocabulary import DECISION_POINT_BY_STATE

    point = str(DECISION_POINT_BY_STATE.get(case.disease_state, "NONE"))
    since = case.latest_relapse_date or case.diagnosis_date
    given = DecisionAidJob.objects.filter(
        case=case, given_at__isnull=False, snapshot__as_of__gte=since
    ).select_related("snapshot")
    return any(job.snapshot.decision_point == point for job in given)


def evidence_figures_for_items(*, items: list[dict]) -> dict[str, list[dict]]:
    """The reviewed evidence figures behind each result item, by rule ID (one query).

    Only stored ``EvidenceFigure`` rows are shown, each with its study design as its
    certainty; an item with no figure maps to an empty list.
    """
    from decisionaids.rule_evidence import DESIGN_WORDS, evidence_ids_for

    wanted = {item["id"]: evidence_ids_for(item) for item in items}
    ids = {ev_id for ev_ids in wanted.values() for ev_id in ev_ids}
    rows = (
        {row.ev_id: row for row in EvidenceFigure.objects.filter(ev_id__in=ids)}
        if ids
        else {}
    )
    return {
        rule_id: [
            {
                "ev_id": ev_id,
                "statement": rows[ev_id].statement,
                "population": rows[ev_id].population,
                "design": DESIGN_WORDS.get(rows[ev_id].design, rows[ev_id].design),
                "source": rows[ev_id].source,
            }
            for ev_id in ev_ids
            if ev_id in rows
        ]
        for rule_id, ev_ids in wanted.items()
    }
