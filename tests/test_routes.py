"""Generated from the URL configuration, so that a new route without protection fails here."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE = {"pk": "1", "key": "awo-stuttgart-anerkennungsberatung", "slug": "arzt",
          "token": "00000000-0000-0000-0000-000000000000", "reference": "LT-AAAA-BBBB",
          "fmt": "csv"}  # fmt: skip


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def concrete(route: str) -> str:
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE.get(m.group(1), "1"), route)
    return "/" + route.replace("\\Z", "").lstrip("/")


ROUTES = sorted({concrete(r) for r in _walk(get_resolver().url_patterns)})
STAFF = [r for r in ROUTES if "/staff/" in r or r.startswith("/admin") or "/admin/" in r]
PUBLIC = [r for r in ROUTES if r not in STAFF and "/api/" not in r]


def with_language(route: str) -> str:
    return route if route.startswith(("/api/", "/healthz", "/readyz", "/i18n/")) else "/en" + route


def test_the_route_table_was_found():
    assert len(STAFF) > 20 and len(PUBLIC) > 20


@pytest.mark.parametrize("route", STAFF)
def test_every_staff_route_sends_anonymous_visitors_to_the_login(client, db, route):
    response = client.get(with_language(route))
    assert response.status_code in (302, 404, 405), route
    if response.status_code == 302:
        assert "/login/" in response["Location"]


ODD_QUERIES = [
    "",
    "?q=%00%27%22%3Cscript%3E&occupation=..%2F&country=%F0%9F%98%80&district=0811%27",
    "?q=" + "x" * 5000 + "&district=99999&language=zz&service=%3Cb%3E&code=%27--",
]


@pytest.mark.parametrize("route", PUBLIC)
def test_no_public_route_answers_500_to_odd_input(client, guide_data, route):
    for query in ODD_QUERIES:
        response = client.get(with_language(route) + query)
        assert response.status_code < 500, (route, query[:40], response.status_code)
        assert b"<script>" not in response.content, (route, "payload reflected unescaped")


GARBAGE = {"name": "\u202e" + "A" * 3000, "email": "a@b", "phone": "\x00", "message": "x" * 5000,
           "consent": "maybe", "token": "not-a-uuid", "language": "xx", "next": "//evil.example/",
           "understood": "99", "overall": "-1", "organisation_name": "", "website": ""}  # fmt: skip


def test_public_forms_answer_garbage_with_messages_not_errors(client, awo):
    from lotse.quality.models import FeedbackLink
    from lotse.training.models import Event
    from tests.training.conftest import new_event

    event: Event = new_event()
    link = FeedbackLink.objects.create(organisation=awo.organisation)
    for url in (
        f"/en/guide/request/{awo.key}/",
        f"/ar/trainings/events/{event.pk}/",
        f"/fa/feedback/{link.token}/",
        f"/uk/trainings/events/{event.pk}/feedback/{event.feedback_token}/",
        "/i18n/setlang/",
    ):
        response = client.post(url, GARBAGE)
        assert response.status_code < 500, url
        if response.status_code == 302:
            assert "evil.example" not in response["Location"]
