"""Faithful to the patient, read back from the real PDFs: facts, options, figures.

For every vignette and case of ``cases`` and every aid that fits it, in English and
Spanish: the aid states this patient's own facts (worked out here from the case
document), offers exactly the options the engine leaves open (worked out here from the
engine's result), prints figures only beside the options they describe, keeps the
"of 100" frame, and shows internal IDs only in its sources section.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from decisionaids.content import text_for
from decisionaids.content.aids import CART_PRODUCT_KEYS
from decisionaids.formatting import format_month, ordinal
from tests.conftest import VIGNETTE_FILES
from tests.decisionaids.cases import EXTRA_CASES
from tests.decisionaids.conftest import applicable_combinations, combo_id
from tests.decisionaids.test_personalise import EXPECTED_AIDS

pytestmark = pytest.mark.django_db

COMBINATIONS = applicable_combinations()
EXTRA_AIDS = {
    "ines": 2,  # DA-REINDUCTION, DA-FERTILITY
    "t_all_with_cns": 3,  # DA-REINDUCTION-T, DA-CNS-RELAPSE, DA-FERTILITY
    "many_options": 2,  # DA-REINDUCTION, DA-FERTILITY
}
INTERNAL_ID = re.compile(r"\b(?:EV|RR|DA|ALERT|PSY|WU)-[A-Z0-9]")


def test_every_fitting_aid_of_every_case_is_printed_in_both_languages():
    expected = sum(len(EXPECTED_AIDS[path.name]) for path in VIGNETTE_FILES) + sum(
        EXTRA_AIDS.values()
    )

    assert set(EXTRA_AIDS) == set(EXTRA_CASES)
    assert len(COMBINATIONS) == 2 * expected
    assert {aid for _, aid, _ in COMBINATIONS} == {
        "DA-REINDUCTION",
        "DA-REINDUCTION-T",
        "DA-TRANSPLANT",
        "DA-CNS-RELAPSE",
        "DA-FERTILITY",
    }


def section(text: str, start: str, end: str) -> str:
    """The text between two headings (the first ``start``, the next ``end``)."""
    head = text.index(start)
    return text[head : text.index(end, head)]


# --- The patient's own facts --------------------------------------------------


def _episode_start(aid) -> dt.date | None:  # noqa: ANN001
    value = aid.result["derived"].get("current_episode_start")
    return None if value is None else dt.date.fromisoformat(value)


def expected_facts(aid) -> list[str]:  # noqa: ANN001
    """Sentences the aid must print, worked out from the case document."""
    language = aid.language
    text = text_for(language)
    facts = text["facts"]
    document = aid.document
    disease = document["disease"]
    out = []
    if aid.aid_id == "DA-FERTILITY":
        return out
    count = disease.get("relapse_count")
    relapse = disease.get("latest_relapse_date")
    if disease["state"] == "relapse" and count and relapse:
        out.append(
            facts["relapse_n"].format(
                nth=ordinal(count, language), date=format_month(relapse, language)
            )
        )
    if disease["state"] == "primary_refractory":
        out.append(facts["refractory"])
    if disease["state"] == "remission_after_relapse" and count:
        out.append(facts["remission_again"].format(nth=ordinal(count, language)))
    if document["diagnosis"]["lineage"] == "T" and aid.aid_id != "DA-TRANSPLANT":
        out.append(facts["t_cell"])
    markers = document.get("markers") or {}
    has = [text["markers"][m] for m in ("cd19", "cd22") if markers.get(m) == "positive"]
    if (
        document["diagnosis"]["lineage"] == "B"
        and has
        and aid.aid_id != "DA-TRANSPLANT"
    ):
        out.append(facts["markers_has"].split("{")[0] + has[0])
    latest: dict[str, dict] = {}
    shown = [
        "chemotherapy",
        "blinatumomab",
        "inotuzumab",
        "car_t",
        "revumenib",
        "nelarabine",
        "tki",
        "dli",
    ]
    if aid.aid_id == "DA-CNS-RELAPSE":
        shown += ["it_chemotherapy", "cranial_rt"]
    for event in document.get("events") or ():
        if event["type"] in shown and event["date"] >= latest.get(
            event["type"], {}
        ).get("date", ""):
            latest[event["type"]] = event
        if event["type"] == "allo_hsct":
            out.append(
                facts["transplant"].format(
                    date=format_month(event["date"], language),
                    donor=text["donors"][event.get("donor", "unknown")],
                )
            )
        if event["type"] == "toxicity" and event.get("toxicity") == "vod_sos":
            severe = (event.get("grade") or 0) >= 3
            out.append(
                facts["had_vod_sos_severe" if severe else "had_vod_sos"].format(
                    date=format_month(event["date"], language)
                )
            )
    start = _episode_start(aid)
    for kind, event in latest.items():
        inside = start is not None and dt.date.fromisoformat(event["date"]) >= start
        name = text["treatments"][kind]
        product = CART_PRODUCT_KEYS.get((event.get("agent") or "").lower())
        if kind == "car_t" and product:
            name += f" ({text['products_short'][product]})"
        key = "treatment_this_episode" if inside else "treatment_before"
        out.append(
            facts[key].format(
                treatment=name, date=format_month(event["date"], language)
            )
        )
    if aid.aid_id == "DA-TRANSPLANT":
        mrd = aid.result["derived"].get("latest_mrd")
        key = {"negative": "mrd_negative", "positive": "mrd_positive"}
        out.append(facts[key.get(mrd, "mrd_unknown")])
    return out


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_the_aid_states_the_patients_own_facts(rendered_aids, combo):
    aid = rendered_aids[combo]
    about = aid.text

    missing = [fact for fact in expected_facts(aid) if fact not in about]

    assert missing == []


def test_ines_aid_tells_her_history_not_a_first_relapse(rendered_aids):
    text = rendered_aids[("ines", "DA-REINDUCTION", "en")].text

    assert "Your leukemia came back for the second time in October 2026." in text
    assert "You had blinatumomab in March 2025." in text
    assert "You had inotuzumab in May 2025." in text
    assert "You had a transplant in August 2025, from your brother or sister." in text
    assert "You had serious liver damage called VOD in August 2025." in text
    assert "You had it before, in March 2025." in text  # in the options grid
    assert "Donor lymphocytes" in text


# --- Options exactly those the engine leaves open -----------------------------


def _recommended(aid) -> dict[str, dict]:  # noqa: ANN001
    return {
        item["id"]: item.get("detail") or {} for item in aid.result["recommendations"]
    }


def _given_in_episode(aid, agent: str) -> bool:  # noqa: ANN001
    """From the engine (2026.2 ``derived.agents``), else from the case's own events."""
    rows = aid.result["derived"].get("agents")
    if isinstance(rows, dict) and agent in rows:
        return rows[agent]["given_in_episode"] is True
    start = _episode_start(aid)
    return start is not None and any(
        e["type"] == agent and dt.date.fromisoformat(e["date"]) >= start
        for e in aid.document.get("events") or ()
    )


def expected_options(aid) -> list[str]:  # noqa: ANN001
    """The option names the aid must offer, from the engine's result (2026.2)."""
    options = text_for(aid.language)["options"]
    variants = text_for(aid.language)["option_variants"]
    recommended = _recommended(aid)
    names = [options["trial"]["name"]]
    if aid.aid_id == "DA-REINDUCTION":
        immuno = recommended.get("RR-B-IMMUNO-REINDUCTION")
        if immuno is not None:
            for agent in immuno.get("agents", ()):
                key = {"inotuzumab ozogamicin": "inotuzumab"}.get(agent, agent)
                if key not in immuno.get("left_out", {}) and not _given_in_episode(
                    aid, key
                ):
                    names.append(options[key]["name"])
        cart = recommended.get("RR-B-CART-OPTION")
        if cart and any(row["eligible"] is not False for row in cart["products"]):
            names.append(options["car_t"]["name"])
        multiply = recommended.get("RR-MULTIPLY-RELAPSED", {})
        if "RR-KMT2A-REVUMENIB" in recommended or "revumenib" in multiply.get(
            "agents", ()
        ):
            names.append(options["revumenib"]["name"])
        if "RR-POST-HSCT-DLI" in recommended:
            names.append(options["dli"]["name"])
        names.append(options["chemotherapy"]["name"])
    elif aid.aid_id == "DA-REINDUCTION-T":
        if "RR-T-NELARABINE" in recommended and not _given_in_episode(
            aid, "nelarabine"
        ):
            names.append(options["nelarabine"]["name"])
        if "RR-POST-HSCT-DLI" in recommended:
            names.append(options["dli"]["name"])
        names.append(variants["chemotherapy"]["t_other"]["name"])
    elif aid.aid_id == "DA-TRANSPLANT":
        if aid.document["fitness"].get("transplant_eligible") != "no":
            names.append(options["hsct"]["name"])
        names.append(options["no_hsct"]["name"])
    elif aid.aid_id == "DA-CNS-RELAPSE":
        isolated = aid.result["derived"].get("isolated_cns_relapse")
        it = options["it_systemic"]["name"]
        if not isolated:
            it = variants["it_systemic"]["involved"]["name"]
        names += [it, options["cranial_rt"]["name"]]
    else:
        names = [
            options["fertility_counselling"]["name"],
            _preservation_name(aid),
            options["fertility_not_now"]["name"],
        ]
    return names


def _preservation_name(aid) -> str:  # noqa: ANN001
    text = text_for(aid.language)
    sex = aid.document.get("sex")
    pregnant = aid.document.get("can_become_pregnant")
    if pregnant is True or (sex == "female" and pregnant is None):
        return text["option_variants"]["fertility_preservation"]["female"]["name"]
    if sex == "male":
        return text["option_variants"]["fertility_preservation"]["male"]["name"]
    return text["options"]["fertility_preservation"]["name"]


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_the_aid_offers_exactly_the_options_the_engine_leaves_open(
    rendered_aids, combo
):
    aid = rendered_aids[combo]
    common = text_for(combo[2])["common"]
    # "Which option are you leaning toward?" lists every option offered, once.
    leaning = section(aid.text, common["leaning"], common["not_sure"])
    leaning = leaning.removeprefix(common["leaning"]).replace("☐", "")

    for name in sorted(expected_options(aid), key=len, reverse=True):
        assert name in leaning, name
        leaning = leaning.replace(name, "", 1)
    assert leaning.strip() == ""


# --- Figures only beside the options they describe ----------------------------


def allowed_labels(aid) -> set[str]:  # noqa: ANN001
    """The figure labels the options offered may carry."""
    text = text_for(aid.language)
    arms = text["arms"]
    names = set(expected_options(aid))
    options = text["options"]
    labels = set()
    for key in ("blinatumomab", "inotuzumab", "revumenib", "nelarabine"):
        if options[key]["name"] in names:
            labels.add(arms[key])
    if options["car_t"]["name"] in names:
        cart = _recommended(aid).get("RR-B-CART-OPTION", {})
        for row in cart.get("products", ()):
            if row["eligible"] is not False:
                labels.add(arms[CART_PRODUCT_KEYS[row["product"]]])
    if options["chemotherapy"]["name"] in names and labels & {
        arms["blinatumomab"],
        arms["inotuzumab"],
    }:
        labels.add(arms["chemotherapy"])
    if options["hsct"]["name"] in names:
        labels |= {
            arms[key]
            for key in ("hsct", "hsct_sibling", "hsct_unrelated", "chemotherapy_only")
        }
    return labels


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_a_figure_is_printed_only_beside_an_option_it_describes(rendered_aids, combo):
    aid = rendered_aids[combo]
    text = text_for(combo[2])
    common = text["common"]
    numbers = section(aid.text, common["h_numbers"], common["h_values"])
    figure = r"[:,] (?:about |cerca de |entre |half |la mitad )?\d"
    labels = set(text["arms"].values()) | {
        option["name"] for option in text["options"].values()
    }

    shown = {label for label in labels if re.search(re.escape(label) + figure, numbers)}

    assert shown <= allowed_labels(aid)
    for never in ("no_hsct", "dli", "trial"):
        assert not re.search(
            re.escape(text["options"][never]["name"]) + figure, numbers
        )


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_every_figure_keeps_the_of_100_frame_and_carries_its_certainty(
    rendered_aids, stored_evidence, combo
):
    aid = rendered_aids[combo]
    language = combo[2]
    text = text_for(language)
    common = text["common"]
    body = re.sub(
        rf"{common['page']} \d+ {common['of']} \d+", "", aid.text
    )  # page numbers

    of_100 = "of 100" if language == "en" else "de cada 100"
    # No fraction of a person.
    assert not re.search(rf"\d[.,]\d+ {of_100}", body)
    # A count out of another group only follows its "of 100" form: "(10 of 48 ...".
    word = "of" if language == "en" else "de"
    for match in re.finditer(rf"\b(\d+) {word} (\d+)\b", body):
        if match.group(2) != "100":
            assert body[: match.start()].endswith(f"{of_100} ("), match.group(0)
    # Every number of 100 is a stored figure, a stored figure rounded to whole
    # people, or a stored count out of a group put in people of 100.
    allowed = set()
    for row in stored_evidence.values():
        for measure in row.measures:
            for arm in measure["arms"]:
                values = (
                    arm["value"] if isinstance(arm["value"], list) else [arm["value"]]
                )
                for value in [*values, arm.get("also", 0)]:
                    allowed |= {float(value), float(int(value + 0.5))}
                if "of" in arm:
                    allowed.add(float(int(arm["value"] * 100 / arm["of"] + 0.5)))
    printed = re.findall(rf"(\d+) (?:{of_100}|to \d+ of 100|y \d+ de cada 100)", body)
    assert {float(number) for number in printed} <= allowed
    # Each study design behind the figures shown is named beside them.
    if "EV-" in aid.text:
        sources = aid.text[aid.text.rindex(common["h_sources"]) :]
        numbers = section(aid.text, common["h_numbers"], common["h_values"])
        for ev_id in set(re.findall(r"EV-[A-Z0-9-]+[A-Z0-9]", sources)):
            design = stored_evidence[ev_id].design
            assert text["certainty"][design] in numbers, ev_id


@pytest.mark.parametrize("combo", COMBINATIONS, ids=combo_id)
def test_internal_ids_appear_only_in_the_sources_section(rendered_aids, combo):
    aid = rendered_aids[combo]
    common = text_for(combo[2])["common"]
    head = aid.text.rindex(common["h_sources"])

    assert INTERNAL_ID.findall(aid.text[:head]) == []
    assert combo[1] in aid.text[head:]


def test_options_never_compared_are_said_to_be_so(rendered_aids):
    for combo in (
        ("b_first_relapse_cd19_cd22.json", "DA-REINDUCTION", "en"),
        ("ines", "DA-REINDUCTION", "es"),
    ):
        aid = rendered_aids[combo]
        assert text_for(combo[2])["common"]["not_compared"] in aid.text


def test_the_transplant_aid_puts_each_figure_with_its_population(rendered_aids):
    aid = rendered_aids[
        ("remission_after_ino_hsct_planned.json", "DA-TRANSPLANT", "en")
    ]
    text = text_for("en")
    numbers = section(aid.text, text["common"]["h_numbers"], text["common"]["h_values"])

    # No figure for "no transplant"; the chemotherapy arm only as what it was.
    assert "No transplant:" not in numbers
    assert text["arms"]["chemotherapy_only"] in numbers
    assert text["row_notes"]["alive_5y"] in numbers
    assert text["row_notes"]["alive_3y_transplanted"] in numbers
    # This remission is MRD-negative: the MRD-negative figure is shown.
    assert text["outcome_rows"]["alive_3y_mrdneg"] in numbers


def test_a_partial_response_is_not_drawn_as_a_remission(rendered_aids):
    aid = rendered_aids[("t_all_with_cns", "DA-REINDUCTION-T", "en")]
    text = text_for("en")

    assert "Nelarabine: 36 of 100 one group" in aid.text
    assert (
        "Nelarabine: 14 of 100 more had their leukemia shrink (partial response). "
        "That is not a remission."
    ) in aid.text
    assert text["also_legend"].split("{")[0] not in aid.text
    assert 'alt="36 of 100 people"' in aid.html
