"""Follow-ups ("my tasks due this week", overdue first), the lead's team page, and the way into
the workspace from the staff start page."""

from datetime import timedelta

import pytest
from django.test import Client as WebClient
from django.utils import timezone

from lotse.accounts.models import Role
from lotse.casework import services
from lotse.casework.models import FollowUp
from lotse.casework.selectors import team_figures
from lotse.core.models import AuditEvent
from tests.casework.workspace_helpers import days_ago, open_case, page_text
from tests.conftest import make_user

TASKS = "/en/staff/tasks/"


def task(client_record, assignee, title, due_on, done=False):
    return FollowUp.objects.create(
        client=client_record, organisation_id=client_record.organisation_id, assignee=assignee,
        title=title, due_on=due_on, done_on=timezone.localdate() if done else None,
    )  # fmt: skip


def test_my_tasks_show_overdue_first_then_this_week_and_nothing_else(
    client, counsellor_stuttgart, lead_stuttgart, client_stuttgart, login_verified
):
    today = timezone.localdate()
    task(client_stuttgart, counsellor_stuttgart, "Due in three days", today + timedelta(days=3))
    task(client_stuttgart, counsellor_stuttgart, "Overdue by a week", days_ago(7))
    task(client_stuttgart, counsellor_stuttgart, "Due today", today)
    task(client_stuttgart, counsellor_stuttgart, "Next month", today + timedelta(days=30))
    task(client_stuttgart, counsellor_stuttgart, "Already done", days_ago(1), done=True)
    task(client_stuttgart, lead_stuttgart, "Someone else's", today)
    login_verified(counsellor_stuttgart)
    text = page_text(client.get(TASKS))
    positions = [text.index(t) for t in ("Overdue by a week", "Due today", "Due in three days")]
    assert positions == sorted(positions)
    for absent in ("Next month", "Already done", "Someone else&#x27;s"):
        assert absent not in text
    assert "Overdue (1)" in text and "Due this week (2)" in text
    assert client_stuttgart.number in text
    assert AuditEvent.objects.get(action="follow_up.list_viewed").extra == {"rows": 3}


def test_a_task_is_added_on_the_client_page_and_marked_done_from_my_tasks(
    client, counsellor_stuttgart, lead_stuttgart, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    due = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/tasks/", {
        "f-title": "Send the checklist", "f-due_on": due, "f-assignee": counsellor_stuttgart.pk,
    })  # fmt: skip
    assert response["Location"].endswith("#follow-ups")
    added = FollowUp.objects.get()
    assert (added.assignee, added.created_by) == (counsellor_stuttgart, counsellor_stuttgart)
    assert "Send the checklist" in page_text(client.get(TASKS))
    done = client.post(f"/en/staff/tasks/{added.pk}/done/", {"next": "tasks"})
    assert done["Location"] == TASKS
    assert FollowUp.objects.get().done_on == timezone.localdate()
    assert "Send the checklist" not in page_text(client.get(TASKS))
    again = client.post(f"/en/staff/tasks/{added.pk}/done/", {"next": "tasks"}, follow=True)
    assert "already done" in page_text(again)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"f-title": ""}, "This field is required"),
        ({"f-due_on": "2000-01-01"}, "cannot be in the past"),
        ({"f-due_on": "3000-01-01"}, "Please check the year"),
        ({"f-due_on": "soon"}, "Enter a valid date"),
        ({"f-assignee": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_task_input_is_explained(
    client, counsellor_stuttgart, client_stuttgart, login_verified, overrides, message
):
    login_verified(counsellor_stuttgart)
    data = {"f-title": "Call", "f-due_on": timezone.localdate().isoformat(),
            "f-assignee": counsellor_stuttgart.pk, **overrides}  # fmt: skip
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/tasks/", data)
    assert response.status_code == 400
    assert message in page_text(response)
    assert FollowUp.objects.count() == 0


def test_tasks_go_only_to_members_of_the_clients_organisation(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    response = client.post(f"/en/staff/clients/{client_stuttgart.pk}/tasks/", {
        "f-title": "Call", "f-due_on": timezone.localdate().isoformat(),
        "f-assignee": counsellor_mannheim.pk,
    })  # fmt: skip
    assert response.status_code == 400
    with pytest.raises(services.CaseworkError):
        services.follow_up_create(client=client_stuttgart, user=counsellor_stuttgart,
                                  assignee=counsellor_mannheim, title="Call",
                                  due_on=timezone.localdate())  # fmt: skip
    assert FollowUp.objects.count() == 0


def test_another_organisation_cannot_close_a_task(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, login_verified
):
    mine = task(client_stuttgart, counsellor_stuttgart, "Call", timezone.localdate())
    login_verified(counsellor_mannheim)
    assert client.post(f"/en/staff/tasks/{mine.pk}/done/").status_code == 404
    assert FollowUp.objects.get().done_on is None


def test_lead_sees_per_counsellor_clients_cases_and_overdue_tasks(
    client, counsellor_stuttgart, lead_stuttgart, make_client, reference_data, login_verified
):
    first = make_client(counsellor_stuttgart, name="Anna One", email="1@example.org")
    make_client(counsellor_stuttgart, name="Ben Two", email="2@example.org")
    open_case(first, counsellor_stuttgart)
    task(first, counsellor_stuttgart, "Late", days_ago(2))
    closed = make_client(lead_stuttgart, name="Cleo Three", email="3@example.org")
    services.client_close(client=closed, user=lead_stuttgart, closed_on=timezone.localdate())
    login_verified(lead_stuttgart)
    response = client.get("/en/staff/team/")
    rows = {row["member"].username: row for row in response.context["rows"]}
    assert (rows["aylin"]["active_clients"], rows["aylin"]["open_cases"]) == (2, 1)
    assert rows["aylin"]["overdue_tasks"] == 1
    assert (rows["maria"]["active_clients"], rows["maria"]["open_cases"]) == (0, 0)
    text = page_text(response)
    assert "Anna" not in text  # counts only, no client names
    assert f"?counsellor={counsellor_stuttgart.pk}&amp;status=active" in text


def test_team_figures_take_the_same_queries_for_a_bigger_team(
    lead_stuttgart, org_stuttgart, django_assert_num_queries
):
    with django_assert_num_queries(4):
        team_figures(lead_stuttgart)
    for i in range(5):
        make_user(f"extra{i}", Role.COUNSELLOR, org_stuttgart)
    with django_assert_num_queries(4):
        assert len(team_figures(lead_stuttgart)) == 6


def test_counsellors_do_not_see_the_team_page_or_its_link(
    client, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    assert client.get("/en/staff/team/").status_code == 403
    text = page_text(client.get(TASKS))
    assert "/en/staff/team/" not in text and "/en/staff/monitoring/" not in text


def test_the_casework_navigation_links_every_page_and_marks_the_current_one(
    client, lead_stuttgart, login_verified
):
    login_verified(lead_stuttgart)
    text = page_text(client.get(TASKS))
    for url in ("inbox/", "clients/", "clients/new/", "tasks/", "calendar/",
                "referrals/received/", "team/", "monitoring/"):  # fmt: skip
        assert f'href="/en/staff/{url}"' in text, url
    assert '<a href="/en/staff/tasks/" aria-current="page">' in text


def test_the_workspace_leads_counsellors_to_their_clients(
    client, counsellor_stuttgart, trainer, login_verified
):
    login_verified(counsellor_stuttgart)
    text = page_text(client.get("/en/staff/"))
    assert 'href="/en/staff/inbox/"' in text and 'href="/en/staff/clients/"' in text
    other = login_verified(trainer, WebClient())
    assert 'href="/en/staff/clients/"' not in page_text(other.get("/en/staff/"))
