"""Who reaches which statistics: every role against every page and download (generated)."""

import pytest

from lotse.reports.models import Snapshot
from lotse.reports.services import statistics_refresh
from tests.reports.conftest import YEAR

PAGES = [
    "/en/staff/statistics/",
    "/en/staff/statistics/recognition/",
    "/en/staff/statistics/training/",
    "/en/staff/statistics/quality/",
    f"/en/staff/statistics/tables/clients-gender.csv?year={YEAR}",
    f"/en/staff/statistics/tables/cases-status.xlsx?year={YEAR}",
    f"/en/staff/statistics/tables/registrations-module.csv?year={YEAR}",
    f"/en/staff/statistics/tables.xlsx?year={YEAR}",
    f"/en/staff/statistics/report.pdf?year={YEAR}",
]
ALLOWED = {"coordinator", "lead_stuttgart"}
REFUSED = {"counsellor_stuttgart", "counsellor_mannheim", "trainer", "administrator"}


@pytest.fixture
def figures(world):
    statistics_refresh(year=YEAR)
    return world


@pytest.mark.parametrize("persona", sorted(ALLOWED | REFUSED))
def test_only_coordinators_and_leads_reach_the_statistics(
    figures, request, login_verified, client, persona
):
    login_verified(request.getfixturevalue(persona))
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == (200 if persona in ALLOWED else 403), (persona, url)


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_only_coordinators_see_the_network_by_organisation(
    figures, login_verified, client, coordinator, lead_stuttgart
):
    url = f"/en/staff/statistics/tables/clients-organisation.csv?year={YEAR}"
    login_verified(coordinator)
    answer = client.get(url)
    assert answer.status_code == 200
    assert "Beratung Mannheim" in answer.content.decode()
    assert "Beratung Mannheim" in client.get(f"/en/staff/statistics/?year={YEAR}").content.decode()
    client.logout()
    login_verified(lead_stuttgart)
    assert client.get(url).status_code == 404
    page = client.get(f"/en/staff/statistics/?year={YEAR}&scope=network").content.decode()
    assert "Beratung Mannheim" not in page


def test_a_lead_sees_their_own_figures_and_the_network(
    figures, login_verified, client, lead_stuttgart
):
    login_verified(lead_stuttgart)
    own = client.get(f"/en/staff/statistics/tables/clients-region.csv?year={YEAR}&scope=own")
    network = client.get(
        f"/en/staff/statistics/tables/clients-region.csv?year={YEAR}&scope=network"
    )
    assert own.content.decode().splitlines()[1] == "total,Total,11"
    assert network.content.decode().splitlines()[1] == "total,Total,24"


def test_a_coordinator_asking_for_own_figures_gets_the_network(
    figures, login_verified, client, coordinator
):
    login_verified(coordinator)
    answer = client.get(f"/en/staff/statistics/tables/clients-region.csv?year={YEAR}&scope=own")
    assert answer.content.decode().splitlines()[1] == "total,Total,24"


def test_no_page_or_download_shows_a_clients_name(figures, login_verified, client, coordinator):
    login_verified(coordinator)
    for url in PAGES[:-1]:
        assert "Olga" not in client.get(url).content.decode("utf-8", "replace"), url


def test_exports_and_pages_are_audited_without_personal_data(
    figures, login_verified, client, coordinator
):
    from lotse.core.models import AuditEvent

    login_verified(coordinator)
    client.get(f"/en/staff/statistics/tables/clients-gender.csv?year={YEAR}")
    event = AuditEvent.objects.filter(action="reports.exported").latest("id")
    assert event.extra == {"table": "clients-gender", "format": "csv", "year": YEAR, "own": False}


def test_odd_filters_answer_with_a_message_and_defaults_never_an_error(
    figures, login_verified, client, coordinator
):
    login_verified(coordinator)
    for query in ("year=abc", "year=1999", "region=%3Cb%3E", "scope=nobody", "year=2025&region=x"):
        response = client.get(f"/en/staff/statistics/?{query}")
        assert response.status_code == 200, query
        assert b"<b>" not in response.content
    assert b"error-summary" in client.get("/en/staff/statistics/?year=abc").content


@pytest.mark.parametrize(
    "url",
    [
        "/en/staff/statistics/nowhere/",
        "/en/staff/statistics/tables/clients-shoesize.csv",
        "/en/staff/statistics/tables/nothing.csv",
        "/en/staff/statistics/tables/clients-gender.pdf",
        "/en/staff/statistics/tables/attendance-registered.csv",
    ],
)
def test_unknown_sections_tables_and_formats_answer_404(
    figures, login_verified, client, coordinator, url
):
    login_verified(coordinator)
    assert client.get(url).status_code == 404


def test_coordinators_can_recompute_a_year_and_leads_cannot(
    figures, login_verified, client, coordinator, lead_stuttgart
):
    before = Snapshot.objects.get(year=YEAR).refreshed_at
    login_verified(lead_stuttgart)
    assert client.post("/en/staff/statistics/refresh/", {"year": YEAR}).status_code == 403
    client.logout()
    login_verified(coordinator)
    response = client.post("/en/staff/statistics/refresh/", {"year": YEAR})
    assert response.status_code == 302
    assert Snapshot.objects.get(year=YEAR).refreshed_at > before
    assert client.get("/en/staff/statistics/refresh/").status_code == 405


def test_the_workspace_links_to_the_statistics_for_those_who_may_see_them(
    db, login_verified, client, coordinator, counsellor_stuttgart
):
    login_verified(coordinator)
    assert b"/en/staff/statistics/" in client.get("/en/staff/").content
    client.logout()
    login_verified(counsellor_stuttgart)
    assert b"/en/staff/statistics/" not in client.get("/en/staff/").content


@pytest.fixture
def worker_elsewhere(settings):
    """Tasks queued for a worker that has not run yet (not run inline)."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]


def test_a_year_never_computed_is_queued_once_and_readers_are_told_to_wait(
    world, login_verified, client, coordinator, worker_elsewhere
):
    login_verified(coordinator)
    page = client.get(f"/en/staff/statistics/?year={YEAR}")
    assert b"being computed" in page.content
    client.get(f"/en/staff/statistics/recognition/?year={YEAR}")
    download = client.get(f"/en/staff/statistics/tables/clients-gender.csv?year={YEAR}")
    assert download.status_code == 302
    assert [r.task.name for r in worker_elsewhere.results] == ["refresh_statistics"]
