import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotse.accounts.models import Role
from lotse.quality import services
from lotse.quality.models import Assessment, FeedbackLink, FeedbackResponse, Rating
from lotse.quality.selectors import network_medians
from tests.conftest import make_user
from tests.quality.conftest import institution

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def start(client, year=2026):
    return client.post("/en/staff/quality/start/", {"period": year})


def rate_all(client, assessment, level=2, submit=False, **extra):
    data = {f"level_{r.pk}": level for r in assessment.ratings.all()}
    data.update(extra)
    if submit:
        data["submit"] = "1"
    return client.post(f"/en/staff/quality/assessments/{assessment.pk}/", data)


def test_lead_rates_saves_a_draft_and_submits(client, catalogue, lead_stuttgart, login_verified):
    login_verified(lead_stuttgart)
    assert start(client).status_code == 302
    assessment = Assessment.objects.get()
    rating = assessment.ratings.first()
    client.post(
        f"/en/staff/quality/assessments/{assessment.pk}/", {f"level_{rating.pk}": 3, "save": "1"}
    )
    assert Rating.objects.get(pk=rating.pk).level == 3
    # Submitting with criteria left unrated is refused, with the number missing.
    response = client.post(
        f"/en/staff/quality/assessments/{assessment.pk}/",
        {f"level_{rating.pk}": 3, "submit": "1"},
        follow=True,
    )
    assert "2 missing" in response.content.decode()
    assert Assessment.objects.get().status == "draft"
    rate_all(client, assessment, submit=True)
    assert Assessment.objects.get().status == "submitted"


def test_submitted_assessment_cannot_be_changed(client, catalogue, lead_stuttgart, login_verified):
    login_verified(lead_stuttgart)
    start(client)
    assessment = Assessment.objects.get()
    rate_all(client, assessment, submit=True)
    assert rate_all(client, assessment, level=0).status_code == 403
    assert set(Rating.objects.values_list("level", flat=True)) == {2}


def test_coordinator_returns_with_comment_then_locks(
    client, catalogue, lead_stuttgart, network_coordinator, login_verified
):
    from django.test import Client

    login_verified(lead_stuttgart)
    start(client)
    assessment = Assessment.objects.get()
    rate_all(client, assessment, submit=True)
    coordinator = login_verified(network_coordinator, Client())
    url = f"/en/staff/quality/assessments/{assessment.pk}/review/"
    coordinator.post(url, {"decision": "return", "comment": ""})
    assert Assessment.objects.get().status == "submitted"  # returning needs a comment
    coordinator.post(url, {"decision": "return", "comment": "Please add evidence."})
    assert Assessment.objects.get().status == "returned"
    rate_all(client, assessment, level=3, submit=True)
    coordinator.post(url, {"decision": "lock", "comment": ""})
    locked = Assessment.objects.get()
    assert locked.status == "locked" and not locked.editable


def test_publishing_a_new_catalogue_version_never_changes_a_submitted_assessment(
    client, catalogue, lead_stuttgart, quality_manager, login_verified
):
    from django.test import Client

    login_verified(lead_stuttgart)
    start(client, 2025)
    assessment = Assessment.objects.get()
    rate_all(client, assessment, submit=True)
    before = sorted(assessment.ratings.values_list("criterion__text_en", flat=True))
    qm = login_verified(quality_manager, Client())
    qm.post("/en/staff/quality/catalogue/", {"action": "draft"})
    draft = catalogue.__class__.objects.get(published_at__isnull=True)
    criterion = draft.areas.get(key="access").criteria.get(key="access-free")
    change = {"action": "criterion", "criterion": criterion.pk}
    qm.post("/en/staff/quality/catalogue/", {**change, "text_de": "Neu", "text_en": "Changed text"})
    qm.post("/en/staff/quality/catalogue/", {"action": "publish", "version": draft.pk})
    assessment.refresh_from_db()
    assert assessment.version.number == 1
    assert sorted(assessment.ratings.values_list("criterion__text_en", flat=True)) == before
    # A published criterion cannot be edited any more.
    old = catalogue.areas.get(key="access").criteria.get(key="access-free")
    qm.post("/en/staff/quality/catalogue/", {
        "action": "criterion", "criterion": old.pk, "text_de": "X", "text_en": "X",
    })  # fmt: skip
    old.refresh_from_db()
    assert old.text_en == "Free of charge"
    # The next assessment uses the new version.
    start(client, 2026)
    assert Assessment.objects.get(period=2026).version.number == 2


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 this is an exe"), "Only PDF, PNG or JPEG"),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
        (SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024)), "larger than 5 MB"),
    ],
)
def test_evidence_files_are_checked_by_content(
    client, catalogue, lead_stuttgart, login_verified, upload, message
):
    login_verified(lead_stuttgart)
    start(client)
    assessment = Assessment.objects.get()
    rating = assessment.ratings.first()
    response = client.post(
        f"/en/staff/quality/assessments/{assessment.pk}/",
        {f"file_{rating.pk}": upload, "save": "1"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Rating.objects.get(pk=rating.pk).evidence_file


def test_evidence_file_is_served_only_to_its_institution(
    client, catalogue, lead_stuttgart, counsellor_mannheim, login_verified, settings, tmp_path
):
    from django.test import Client

    settings.MEDIA_ROOT = tmp_path
    login_verified(lead_stuttgart)
    start(client)
    assessment = Assessment.objects.get()
    rating = assessment.ratings.first()
    client.post(
        f"/en/staff/quality/assessments/{assessment.pk}/",
        {f"file_{rating.pk}": SimpleUploadedFile("proof.pdf", PDF), "save": "1"},
    )
    url = f"/en/staff/quality/evidence/{rating.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    other = login_verified(counsellor_mannheim, Client())
    assert other.get(url).status_code == 404


ROLES = [Role.COUNSELLOR, Role.LEAD, Role.TRAINER, Role.QUALITY, Role.COORDINATOR]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("own", [True, False])
def test_who_sees_and_edits_an_assessment(
    client, catalogue, org_stuttgart, org_mannheim, login_verified, role, own
):
    assessment = services.assessment_start(organisation=org_stuttgart, period=2026, user=None)
    network_role = role in (Role.QUALITY, Role.COORDINATOR)
    org = org_coordination_for(network_role, org_stuttgart if own else org_mannheim)
    user = make_user(f"u-{role}-{own}", role, org)
    login_verified(user)
    view = client.get(f"/en/staff/quality/assessments/{assessment.pk}/")
    may_view = network_role or own
    assert view.status_code == (200 if may_view else 404)
    edit = client.post(f"/en/staff/quality/assessments/{assessment.pk}/", {"save": "1"})
    may_edit = own and role == Role.LEAD
    assert (edit.status_code == 302) is may_edit
    review = client.post(
        f"/en/staff/quality/assessments/{assessment.pk}/review/", {"decision": "lock"}
    )
    assert (review.status_code == 302) is (role == Role.COORDINATOR)


def org_coordination_for(network_role: bool, org):
    return institution("koordination-netz") if network_role else org


def test_network_median_appears_only_with_five_institutions(db, catalogue):
    for i in range(4):
        org = institution(f"inst-{i}")
        a = services.assessment_start(organisation=org, period=2026, user=None)
        a.ratings.update(level=i % 4)
        services.assessment_submit(assessment=a, user=None)
    assert network_medians(period=2026) == (None, 4)
    org = institution("inst-4")
    a = services.assessment_start(organisation=org, period=2026, user=None)
    a.ratings.update(level=3)
    services.assessment_submit(assessment=a, user=None)
    medians, count = network_medians(period=2026)
    assert count == 5
    # levels 0,1,2,3,3 → percents 0,33,67,100,100 → median 67
    assert medians == {"access": 67, "intercultural": 67}


def test_network_export_suppresses_small_counts(client, catalogue, lead_stuttgart, login_verified):
    a = services.assessment_start(organisation=lead_stuttgart.organisation, period=2026, user=None)
    a.ratings.update(level=2)
    services.assessment_submit(assessment=a, user=None)
    login_verified(lead_stuttgart)
    body = client.get("/en/staff/quality/network.csv").content.decode()
    assert "2026,,1,." in body
    assert ",67" not in body
    xlsx = client.get("/en/staff/quality/network.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]] == ["year", "area", "institutions", "median_percent"]


def test_results_show_chart_with_table_and_pdf(client, catalogue, lead_stuttgart, login_verified):
    from pypdf import PdfReader

    login_verified(lead_stuttgart)
    start(client)
    assessment = Assessment.objects.get()
    rate_all(client, assessment, level=3)
    html = client.get(f"/en/staff/quality/assessments/{assessment.pk}/results/").content.decode()
    assert "<svg" in html and "<table" in html
    assert "Access and reach" in html and ">100<" in html
    pdf = client.get(f"/en/staff/quality/assessments/{assessment.pk}/results.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Beratung Stuttgart" in text


def test_action_plan_items_have_owner_due_date_and_status(
    client, catalogue, lead_stuttgart, counsellor_mannheim, login_verified
):
    from django.test import Client

    login_verified(lead_stuttgart)
    start(client)
    assessment = Assessment.objects.get()
    action = {"title": "Train staff", "owner": lead_stuttgart.pk, "due": "2026-12-31"}
    client.post(f"/en/staff/quality/assessments/{assessment.pk}/actions/", action)
    action = assessment.actions.get()
    client.post(f"/en/staff/quality/actions/{action.pk}/status/", {"status": "done"})
    action.refresh_from_db()
    assert action.status == "done"
    other = login_verified(counsellor_mannheim, Client())
    other.post(f"/en/staff/quality/actions/{action.pk}/status/", {"status": "open"})
    action.refresh_from_db()
    assert action.status == "done"


def test_client_survey_is_anonymous_and_comments_stay_with_the_institution(
    client, catalogue, lead_stuttgart, network_coordinator, login_verified
):
    from django.test import Client

    link = FeedbackLink.objects.create(organisation=lead_stuttgart.organisation)
    public = Client()
    url = f"/ar/feedback/{link.token}/"
    assert public.get(url).status_code == 200
    bad = public.post(url, {"understood": "9"})
    assert bad.status_code == 200
    assert not FeedbackResponse.objects.exists()
    answers = dict.fromkeys(
        ["understood", "time", "clear_next_steps", "respect", "language", "recommend"], "5"
    )
    public.post(url, {**answers, "free_text": "شكرا"}, REMOTE_ADDR="203.0.113.9")
    stored = FeedbackResponse.objects.get()
    assert stored.answers["understood"] == 5
    assert "203.0.113.9" not in str(FeedbackResponse.objects.values())
    login_verified(lead_stuttgart)
    assert "شكرا" in client.get("/en/staff/quality/feedback/").content.decode()
    coordinator = login_verified(network_coordinator, Client())
    assert coordinator.get("/en/staff/quality/feedback/").status_code == 403


def test_unknown_survey_link_is_404(client, db):
    assert client.get("/en/feedback/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_overdue_actions_are_reminded_once_a_day(
    catalogue, lead_stuttgart, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.core import mail
    from django.core.management import call_command

    assessment = services.assessment_start(
        organisation=lead_stuttgart.organisation, period=2026, user=None
    )
    lead_stuttgart.email = "maria@example.org"
    lead_stuttgart.save()
    overdue = services.action_create(assessment=assessment, user=None, title="Train staff",
                                     owner=lead_stuttgart, due=dt.date(2020, 1, 1))  # fmt: skip
    services.action_create(assessment=assessment, user=None, title="Later", owner=lead_stuttgart,
                           due=dt.date(2100, 1, 1))  # fmt: skip
    call_command("send_quality_reminders", stdout=io.StringIO())
    call_command("send_quality_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "Train staff" in mail.outbox[0].subject
    overdue.refresh_from_db()
    assert overdue.reminded_on is not None


def test_shipped_starter_catalogue_loads_with_sources(db):
    from django.core.management import call_command

    from lotse.quality.models import CatalogueVersion, Criterion

    call_command("load_quality_catalogue", stdout=io.StringIO())
    call_command("load_quality_catalogue", stdout=io.StringIO())
    version = CatalogueVersion.objects.get()
    assert version.is_published
    assert version.areas.count() == 9
    criteria = Criterion.objects.filter(area__version=version)
    assert criteria.count() >= 30
    assert all(c.source for c in criteria)
    assert criteria.filter(area__key="intercultural", staff_competence=True).exists()


def test_trainings_attended_by_staff_appear_as_evidence(
    client, catalogue, lead_stuttgart, login_verified
):
    from lotse.training.models import Registration
    from lotse.training.services import attendance_mark
    from tests.training.conftest import new_event

    lead_stuttgart.email = "maria@example.org"
    lead_stuttgart.save()
    event = new_event(days=1, deadline_days=0)
    registration = Registration.objects.create(
        event=event, name="Maria", email="Maria@Example.org", organisation_name="Beratung",
        status="confirmed",
    )  # fmt: skip
    attendance_mark(registration=registration, present=True, user=None)
    login_verified(lead_stuttgart)
    start(client, event.starts_at.year)
    assessment = Assessment.objects.get()
    html = client.get(f"/en/staff/quality/assessments/{assessment.pk}/").content.decode()
    assert "1 training attendance by your staff" in html
    assert "Anerkennungsrecht" in html


def test_network_median_takes_a_fixed_number_of_queries(db, catalogue, django_assert_num_queries):
    for i in range(7):
        a = services.assessment_start(organisation=institution(f"q-{i}"), period=2027, user=None)
        a.ratings.update(level=2)
        services.assessment_submit(assessment=a, user=None)
    with django_assert_num_queries(2):
        medians, count = network_medians(period=2027)
    assert count == 7 and medians == {"access": 67, "intercultural": 67}
