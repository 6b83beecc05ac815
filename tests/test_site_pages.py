"""The favicon at /favicon.ico and on every page; the API docs lead back to the app."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_favicon_ico_is_a_real_icon_for_anyone(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # the ICO header: reserved 0, type 1 (icon)
    assert int.from_bytes(body[4:6], "little") >= 2  # several sizes


def test_favicon_ico_refuses_writes(client):
    assert client.post("/favicon.ico").status_code == 405


def test_every_page_links_its_icons_and_they_exist(client):
    page = client.get("/accounts/login/").content.decode()

    hrefs = re.findall(r'<link rel="icon" href="/static/([^"]+)"', page)
    assert hrefs == ["patients/favicon.svg", "patients/favicon.ico"]
    assert all(finders.find(href) for href in hrefs)


def test_the_api_docs_have_a_way_back_to_the_app(client):
    client.force_login(UserFactory())

    page = client.get("/api/v1/docs/").content.decode()

    assert '<a href="/">&larr; Back to the registry</a>' in page
    assert 'href="/favicon.ico"' in page
    assert "fonts.googleapis.com" not in page
    assert page.count("<!DOCTYPE html>") == 1
