"""CAR-T product table (catalogue "CAR-T products"; REF-ADULT-RR): eligibility as data.

Each product's labelled eligibility is a named predicate in three states, so
RR-B-CART-OPTION can name the products that fit a case, those that do not, and those
whose fit cannot be told from the recorded facts. Labels read only age, refractory
disease and relapse count (``LabelFacts``), so the rows for each mix of those are built
once and shared.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from recommendations.engine.facts import CaseFacts
from recommendations.engine.logic import (
    APPLIES,
    DOES_NOT_APPLY,
    Finding,
    applies,
    does_not_apply,
    insufficient,
)
from recommendations.engine.vocabulary import REF_ADULT_RR

# REF-ADULT-RR: tisagenlecleucel is labelled for patients aged 25 or younger with
# refractory B-ALL or in second or later relapse.
TISAGENLECLEUCEL_MAX_AGE = 25
TISAGENLECLEUCEL_MIN_RELAPSES = 2
# Catalogue / REF-ADULT-RR: brexucabtagene and obecabtagene autoleucel are for adults.
ADULT_AGE = 18


class LabelFacts(NamedTuple):
    """The only case facts the product labels read."""

    age_years: int
    refractory: bool
    relapse_count: int | None

    @classmethod
    def of(cls, facts: CaseFacts) -> LabelFacts:
        return cls(facts.age_years, facts.refractory, facts.relapse_count)


@dataclass(frozen=True, slots=True)
class CarTProduct:
    """One CD19 CAR-T product: labelled eligibility and notable toxicity."""

    name: str
    eligibility: str
    toxicity: str
    evidence_id: str
    source: str
    is_eligible: Callable[[LabelFacts], Finding]

    def assess(self, facts: CaseFacts) -> Finding:
        return self.is_eligible(LabelFacts.of(facts))


def tisagenlecleucel_eligible(facts: LabelFacts) -> Finding:
    """Age <= 25 and (refractory disease or >= 2nd relapse)."""
    age = facts.age_years
    if age > TISAGENLECLEUCEL_MAX_AGE:
        return does_not_apply(f"age {age} (label: 25 or younger)")
    if facts.refractory:
        return applies(f"age {age}", "refractory disease")
    count = facts.relapse_count
    if count is None:
        return insufficient("relapse count unknown")
    if count >= TISAGENLECLEUCEL_MIN_RELAPSES:
        return applies(f"age {age}", f"relapse count {count}")
    return does_not_apply(
        f"relapse count {count}",
        "label: refractory disease or second or later relapse",
    )


def adult_eligible(facts: LabelFacts) -> Finding:
    """Labelled for adults (18 years or older)."""
    if facts.age_years >= ADULT_AGE:
        return applies(f"age {facts.age_years} (adult)")
    return does_not_apply(f"age {facts.age_years} (label: adults)")


CART_PRODUCTS: tuple[CarTProduct, ...] = (
    CarTProduct(
        name="tisagenlecleucel",
        eligibility="age 25 or younger, refractory or in second or later relapse",
        toxicity="CRS 77 % (46 % grade 3 or higher); neurologic events 40 %",
        evidence_id="EV-TISAGEN",
        source=REF_ADULT_RR,
        is_eligible=tisagenlecleucel_eligible,
    ),
    CarTProduct(
        name="brexucabtagene autoleucel",
        eligibility="adults (18 or older) with relapsed/refractory B-ALL",
        toxicity="grade 3 or higher CRS 24 %; grade 3 or higher neurologic events 25 %",
        evidence_id="EV-BREXU",
        source=REF_ADULT_RR,
        is_eligible=adult_eligible,
    ),
    CarTProduct(
        name="obecabtagene autoleucel",
        eligibility="adults with relapsed/refractory B-ALL",
        toxicity="grade 3 or higher CRS 2.4 %; grade 3 or higher ICANS 7.1 %",
        evidence_id="EV-OBE",
        source=REF_ADULT_RR,
        is_eligible=adult_eligible,
    ),
)


def _eligible(found: Finding) -> bool | None:
    if found.outcome is APPLIES:
        return True
    if found.outcome is DOES_NOT_APPLY:
        return False
    return None


def product_eligibility(facts: CaseFacts) -> tuple[Mapping[str, object], ...]:
    """Every product with this case's eligibility: True, False or None (unknown)."""
    return eligibility_rows(LabelFacts.of(facts))


@functools.lru_cache(maxsize=1024)
def eligibility_rows(facts: LabelFacts) -> tuple[Mapping[str, object], ...]:
    """The product rows for one mix of label facts; read-only, so safe to share."""
    rows = []
    for product in CART_PRODUCTS:
        found = product.is_eligible(facts)
        rows.append(
            MappingProxyType(
                {
                    "product": product.name,
                    "eligible": _eligible(found),
                    "because": found.reasons,
                    "label": product.eligibility,
                    "toxicity": product.toxicity,
                    "evidence": product.evidence_id,
                    "source": product.source,
                }
            )
        )
    return tuple(rows)
