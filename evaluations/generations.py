"""What a read may reuse from the cache until the next write of a program's rows.

Each program has a generation number in the cache, advanced after every commit
that writes or deletes its stored evaluations. Values derived from those rows
(the worklist's cards) are cached under the generation they were computed at: a
read that began before a commit stores its result under the old number, which no
later read asks for, so nothing stale is ever served. Without a working cache
(Redis stopped) every read computes afresh.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

log = logging.getLogger(__name__)

DEFAULT_TTL_SECONDS = 300
# How often a page read looks for cases written around the services (a bulk
# loader) that have no stored evaluation yet; the daily job finds them as well.
DEFAULT_MISSING_CHECK_SECONDS = 60


def _shared() -> bool:
    """Only a cache every process shares (Redis) can carry generations: with a
    per-process cache (development, the test suite) a write in one process would
    leave another's values current."""
    return "redis" in settings.CACHES["default"]["BACKEND"].lower()


def _ttl() -> int:
    if not _shared():
        return 0
    return getattr(settings, "AYA_EVALUATION_CACHE_SECONDS", DEFAULT_TTL_SECONDS)


def _key(program_id: int) -> str:
    return f"evaluations:generation:{program_id}"


# Advanced after every commit that changes rule wording, which every program's
# stored results depend on.
RULES_KEY = "evaluations:generation:rules"


def noop() -> None:
    return None


def advance_on_commit(program_ids: Iterable[int]) -> None:
    """After this transaction commits, values cached for these programs are old."""
    _advance_keys_on_commit([_key(pk) for pk in set(program_ids)])


def _advance_keys_on_commit(keys: list[str]) -> None:
    """After this transaction commits, advance these generation counters."""
    if not keys or not _shared():
        return

    def advance() -> None:
        for key in keys:
            try:
                cache.add(key, 0, timeout=None)
                cache.incr(key)
            except Exception:  # noqa: BLE001 - a cache outage must not fail a write
                # The old generation may then be served until its entries expire
                # (the TTL): bounded, and logged.
                log.warning("evaluation cache generation not advanced", exc_info=True)

    transaction.on_commit(advance)


def advance_rules_on_commit() -> None:
    """After this transaction commits, every program's "current" mark is old."""
    _advance_keys_on_commit([RULES_KEY])


def cached_per_program(
    name: str,
    program_ids: Iterable[int],
    compute: Callable[[list[int]], dict[int, object]],
) -> dict[int, object]:
    """``compute(program_ids)`` per program, reusing what this generation cached."""
    program_ids = sorted(set(program_ids))
    ttl = _ttl()
    if ttl <= 0 or not program_ids:
        return compute(program_ids)
    try:
        generations = cache.get_many([_key(pk) for pk in program_ids])
        keys = {
            pk: f"evaluations:{name}:{pk}:{generations.get(_key(pk), 0)}"
            for pk in program_ids
        }
        found = cache.get_many(list(keys.values()))
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        log.warning("evaluation cache unavailable; computing", exc_info=True)
        return compute(program_ids)
    values = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in program_ids if pk not in values]
    if missing:
        computed = compute(missing)
        values.update(computed)
        try:
            cache.set_many({keys[pk]: computed[pk] for pk in missing}, timeout=ttl)
        except Exception:  # noqa: BLE001
            log.warning("evaluation cache unavailable; not stored", exc_info=True)
    return values


def _check_seconds() -> int:
    return getattr(
        settings, "AYA_EVALUATION_MISSING_CHECK_SECONDS", DEFAULT_MISSING_CHECK_SECONDS
    )


def missing_check_due(program_ids: Iterable[int]) -> bool:
    """True at most once a period per set of programs (always, without a cache)."""
    seconds = _check_seconds()
    if seconds <= 0 or not _shared():
        return True
    key = "evaluations:missing-checked:" + ",".join(map(str, sorted(set(program_ids))))
    try:
        return bool(cache.add(key, 1, timeout=seconds))
    except Exception:  # noqa: BLE001 - check rather than trust a broken cache
        return True


def known_current(
    intervals: Mapping[int, int], as_of: dt.date
) -> tuple[bool, Callable[[], None]]:
    """Whether a read already found every one of these programs current for
    ``as_of`` since their rows, and the rule wording, were last written.

    Returns ``(True, no-op)`` when it did. Otherwise ``(False, remember)``:
    ``remember()`` records them current under the generations read here, for the
    caller to call once its own check found nothing stale. A write committed
    meanwhile has advanced a generation, so such a mark is never read. What else
    a result depends on is in the mark's key: the date, the program's
    mental-health interval and the rule set in code.

    A mark lasts one missing-check period (a minute by default), not the cache's
    TTL: a generation whose advance failed (Redis unreachable at that commit) is
    then trusted for at most that long, as cases written around the services are.
    """
    from recommendations.engine import RULESET_VERSION

    ttl = _ttl()
    if ttl <= 0 or not intervals:
        return False, noop
    try:
        generations = cache.get_many([_key(pk) for pk in intervals] + [RULES_KEY])
        rules = generations.get(RULES_KEY, 0)
        keys = [
            f"evaluations:current:{pk}:{generations.get(_key(pk), 0)}:{rules}:"
            f"{interval}:{RULESET_VERSION}:{as_of.isoformat()}"
            for pk, interval in sorted(intervals.items())
        ]
        if len(cache.get_many(keys)) == len(keys):
            return True, noop
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        log.warning("evaluation cache unavailable; checking", exc_info=True)
        return False, noop

    def remember() -> None:
        try:
            cache.set_many(dict.fromkeys(keys, 1), timeout=min(ttl, _check_seconds()))
        except Exception:  # noqa: BLE001
            log.warning("evaluation cache unavailable; not stored", exc_info=True)

    return False, remember
