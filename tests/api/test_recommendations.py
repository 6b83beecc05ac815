"""Recommendation evaluation, snapshots and the guideline library through the API."""

from __future__ import annotations

from patients.models import Case
from recommendations import engine
from recommendations.models import RecommendationSnapshot
from recommendations.selectors import evaluate_document


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def test_a_stored_case_is_evaluated_with_catalogue_ids(api, case):
    response = api.get(f"/api/v1/cases/{case.pk}/recommendations/?as_of=2026-11-01")

    assert response.status_code == 200
    body = response.json()
    assert body["ruleset_version"] == engine.RULESET_VERSION
    assert body["decision_point"] == "REINDUCTION"
    assert "RR-B-IMMUNO-REINDUCTION" in ids(body["recommendations"])
    assert body["derived"]["as_of"] == "2026-11-01"


def test_an_unreal_as_of_date_is_a_400(api, case):
    response = api.get(f"/api/v1/cases/{case.pk}/recommendations/?as_of=2026-02-30")

    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "query.as_of"


def test_a_posted_document_is_evaluated_and_nothing_is_stored(api, case_document):
    response = api.post("/api/v1/recommendations/evaluate/", case_document)

    assert response.status_code == 200
    expected = evaluate_document(document=case_document)
    assert ids(response.json()["recommendations"]) == ids(expected["recommendations"])
    assert ids(response.json()["alerts"]) == ids(expected["alerts"])
    assert not Case.objects.exists()


def test_a_posted_document_breaking_the_rules_is_a_422(api, case_document, member):
    case_document["birth_date"] = "2027-01-01"

    response = api.post("/api/v1/recommendations/evaluate/", case_document)

    assert response.status_code == 422
    assert {"$.evaluation_date", "$.diagnosis.date"} <= {
        error["path"] for error in response.json()["errors"]
    }


def test_a_snapshot_is_saved_listed_and_read_with_its_facts(api, case, member):
    created = api.post(f"/api/v1/cases/{case.pk}/snapshots/", {"as_of": "2026-11-01"})
    listed = api.get(f"/api/v1/cases/{case.pk}/snapshots/")
    read = api.get(created["Location"])

    assert created.status_code == 201
    snapshot = RecommendationSnapshot.objects.get()
    assert created["Location"] == f"/api/v1/snapshots/{snapshot.pk}/"
    assert (snapshot.as_of.isoformat(), snapshot.created_by) == ("2026-11-01", member)
    assert ids(listed.json()["results"]) == [snapshot.pk]
    assert read.json()["facts"]["case_id"] == case.case_id
    assert read.json()["result"]["decision_point"] == "REINDUCTION"


def test_snapshots_are_listed_newest_first(api, case):
    first = api.post(f"/api/v1/cases/{case.pk}/snapshots/", {}).json()
    second = api.post(f"/api/v1/cases/{case.pk}/snapshots/", {}).json()

    listed = api.get(f"/api/v1/cases/{case.pk}/snapshots/").json()["results"]

    assert ids(listed) == [second["id"], first["id"]]


def test_the_guideline_library_lists_every_rule_and_the_research_priorities(api):
    body = api.get("/api/v1/guideline/").json()

    assert ids(body["rules"]) == [rule.id for rule in engine.CATALOGUE]
    research = next(r for r in body["rules"] if r["id"] == "RR-RESEARCH-PRIORITIES")
    assert research["case_facing"] is False
    assert {s["key"] for s in body["sources"]} == set(engine.SOURCES)


def test_one_rule_is_read_by_its_public_id(api):
    response = api.get("/api/v1/guideline/rules/RR-CNS-ISOLATED-IT/")

    assert response.status_code == 200
    assert response.json()["differs_from"][0]["source"] == "REF-ADULT-RR"


def test_an_unknown_rule_id_is_a_404(api):
    assert api.get("/api/v1/guideline/rules/RR-NOPE/").status_code == 404


def test_the_library_shows_the_administrators_wording(api):
    from recommendations.models import RuleContent

    RuleContent.objects.update_or_create(
        rule_id="RR-CLINICAL-TRIAL",
        defaults={
            "statement": "Offer a clinical trial at every decision point.",
            "strength": "good_practice",
            "strength_stated": True,
            "is_override": True,
        },
    )

    rule = api.get("/api/v1/guideline/rules/RR-CLINICAL-TRIAL/").json()

    assert rule["statement"] == "Offer a clinical trial at every decision point."
    assert rule["content"] == "override"
