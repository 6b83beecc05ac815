"""What one aid shows for one case, as plain data: options, notes, removed options.

The planner (``personalise``) fills an ``AidPlan``; the context (``context``) words
it. Notes carry a key into the wording and their parameters, never wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Note:
    """A key into the wording (``facts``, ``notes``, ``safety``…) and its parameters."""

    key: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class OptionPlan:
    key: str
    products: tuple[str, ...] = ()  # CAR-T products that fit
    products_unclear: tuple[str, ...] = ()  # CAR-T products whose fit is unknown
    needs_test: tuple[str, ...] = ()  # markers still to be tested ("cd19", "cd22")
    name_variant: str | None = None  # e.g. "male" for fertility preservation
    variant: str | None = None  # wording variant of the option for this case
    given_before: dt.date | None = None  # last given in an earlier episode
    had_before: bool = False  # given before, date unknown


@dataclass(frozen=True, slots=True)
class Removed:
    """An option the case rules out, with the key of its plain reason."""

    key: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AidPlan:
    aid_id: str
    decision_key: str
    options: tuple[OptionPlan, ...]
    removed: tuple[Removed, ...] = ()
    facts: tuple[Note, ...] = ()  # "About you": this patient's facts
    safety: tuple[Note, ...] = ()  # alerts in plain words
    notes: tuple[Note, ...] = ()  # what the sources advise for this case
    caveats: tuple[Note, ...] = ()  # a study population unlike this patient
    hidden_measures: frozenset[tuple[str, str]] = frozenset()
    params: dict = field(default_factory=dict)  # aid-level wording parameters

    @property
    def option_keys(self) -> tuple[str, ...]:
        return tuple(option.key for option in self.options)
