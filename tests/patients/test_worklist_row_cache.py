"""Worklist rows are kept rendered by what they show; each request gets its own token.

``worklist_tags.worklist_row`` (``patients.fragments``) keeps a row's HTML under
its ``WorklistRow`` value and the filters it returns to. These tests hold it to three
things: a kept row is the same HTML a fresh render gives, a change to the row shows
at once, and no request ever receives another request's CSRF token (nor the
placeholder).
"""

from __future__ import annotations

import re

import pytest
from django.middleware.csrf import _unmask_cipher_token

from evaluations.services import case_evaluation_refresh
from patients import fragments
from patients.templatetags import worklist_tags
from tests.factories import CaseFactory, ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _forget() -> None:
    worklist_tags.ROWS.clear()
    for kept in worklist_tags.KEPT.values():
        kept.clear()


@pytest.fixture(autouse=True)
def _no_kept_rows():
    _forget()
    yield
    _forget()


@pytest.fixture
def case(program):
    return CaseFactory(program=program, given_name="Maya", family_name="Tester")


def _row_html(html: str, pk: int) -> str:
    start = html.index(f'<li class="wl-row" id="row-{pk}"')
    return html[start : html.index("</article>", start)]


def _secrets(client, html: str) -> set[str]:
    return {_unmask_cipher_token(token) for token in TOKEN.findall(html)}


def test_a_kept_row_is_the_html_a_fresh_render_gives(client, member, case):
    client.force_login(member)
    first = client.get("/").content.decode()
    assert len(worklist_tags.ROWS), "the row was kept"
    assert all(len(kept) for kept in worklist_tags.KEPT.values())
    again = client.get("/").content.decode()
    _forget()
    fresh = client.get("/").content.decode()

    def without_tokens(html: str) -> str:
        return TOKEN.sub("", _row_html(html, case.pk))

    assert without_tokens(first) == without_tokens(again) == without_tokens(fresh)
    assert "Maya Tester" in _row_html(again, case.pk)
    assert _main(first) == _main(again) == _main(fresh)


def test_the_kept_cards_and_filters_change_with_what_they_show(
    client, member, program, case
):
    client.force_login(member)
    before = client.get("/").content.decode()
    assert "Ines Duarte" not in before
    UserFactory(first_name="Ines", last_name="Duarte", programs=[program])
    other = CaseFactory(program=program)
    case_evaluation_refresh(case_ids=[other.pk])
    after = client.get("/").content.decode()
    # A new member is a new owner to filter by; the cards count the new state.
    assert ">Ines Duarte</option>" in after
    assert _cards(before) != _cards(after)
    filtered = client.get("/", {"kind": "fertility"}).content.decode()
    assert '<option value="fertility" selected>' in filtered


def test_a_kept_part_is_keyed_by_values_never_by_a_model(program):
    with pytest.raises(TypeError, match="Program"):
        fragments.frozen({"programs": [program]})
    key = fragments.frozen({"a": [1, {"b": (2, 3)}]})
    assert key == (("a", (1, (("b", (2, 3)),))),)


def _main(html: str) -> str:
    """The page's content without its CSRF tokens (each request has its own)."""
    return TOKEN.sub("", html[html.index("<main") : html.index("</main>")])


def _cards(html: str) -> str:
    start = html.index('<nav id="worklist-cards"')
    return html[start : html.index("</nav>", start)]


def test_every_request_gets_its_own_csrf_token_in_kept_rows(client, member, program):
    case = CaseFactory(program=program)
    other = UserFactory(username="other-coordinator", programs=[program])
    client.force_login(member)
    mine = client.get("/").content.decode()
    my_secret = client.cookies["csrftoken"].value
    other_client = type(client)()
    other_client.force_login(other)
    theirs = other_client.get("/").content.decode()
    their_secret = other_client.cookies["csrftoken"].value
    assert my_secret != their_secret
    assert fragments.CSRF_PLACEHOLDER not in mine + theirs
    assert f'id="row-{case.pk}"' in theirs
    assert _secrets(client, _row_html(mine, case.pk)) == {my_secret}
    assert _secrets(other_client, _row_html(theirs, case.pk)) == {their_secret}


def test_a_changed_row_shows_at_once(client, member, case):
    client.force_login(member)
    before = _row_html(client.get("/").content.decode(), case.pk)
    assert 'data-kind="fertility" data-status="none"' in before
    ReferralFactory(case=case, kind="fertility", status="referred")
    # Factories bypass the services: store the evaluation they would have written.
    case_evaluation_refresh(case_ids=[case.pk])
    after = _row_html(client.get("/").content.decode(), case.pk)
    assert 'data-kind="fertility" data-status="referred"' in after
