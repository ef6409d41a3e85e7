"""Referrals end to end: Stuttgart refers a client to Mannheim under a consent naming Mannheim
and the fields to share; Mannheim sees exactly those and answers; withdrawal stops sharing."""

import pytest
from django.test import Client as WebClient
from django.utils import timezone

from lotse.accounts.services import organisation_upsert
from lotse.casework import services
from lotse.casework.models import Referral
from lotse.core.models import AuditEvent
from lotse.training.models import QualificationOffer
from tests.casework.workspace_helpers import open_case, page_text

RECEIVED = "/en/staff/referrals/received/"


def referral_consent(client_record, user, receiver, fields=("name", "email", "cases")):
    return services.consent_record(
        client=client_record, user=user, purpose="referral", given_on=timezone.localdate(),
        receiving_organisation=receiver, shared_fields=list(fields),
    )  # fmt: skip


def refer(web, client_record, **data):
    return web.post(f"/en/staff/clients/{client_record.pk}/referrals/",
                    {f"r-{k}": v for k, v in data.items()})  # fmt: skip


def test_referral_to_another_organisation_shares_only_the_agreed_fields(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, org_mannheim,
    reference_data, login_verified,
):  # fmt: skip
    open_case(client_stuttgart, counsellor_stuttgart)
    services.client_update(client=client_stuttgart, user=counsellor_stuttgart,
                           values={"phone": "0711 123456", "work_experience": "ICU"})  # fmt: skip
    referral_consent(client_stuttgart, counsellor_stuttgart, org_mannheim)
    login_verified(counsellor_stuttgart)
    response = refer(
        client,
        client_stuttgart,
        kind="organisation",
        receiving_organisation=org_mannheim.pk,
        note="Moving to Mannheim",
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert set(referral.shared_data) == {"name", "email", "cases"}
    assert referral.shared_data["cases"][0]["occupation"].startswith("Pflegefachm")

    mannheim = login_verified(counsellor_mannheim, WebClient())
    text = page_text(mannheim.get(RECEIVED))
    assert "Olga Petrenko" in text and "olga@example.org" in text
    assert "Moving to Mannheim" in text
    assert "0711" not in text and "ICU" not in text and client_stuttgart.number not in text
    listed = AuditEvent.objects.get(action="referral.list_viewed")
    assert listed.organisation_id == org_mannheim.pk and listed.extra["rows"] == 1

    assert mannheim.post(f"/en/staff/referrals/{referral.pk}/answer/",
                         {"decision": "accept"}).status_code == 302  # fmt: skip
    referral.refresh_from_db()
    assert (referral.status, referral.decided_by) == ("accepted", counsellor_mannheim)
    answered = AuditEvent.objects.get(action="referral.accepted")
    assert answered.organisation_id == org_mannheim.pk
    # The sender sees the answer on the client page.
    assert "accepted" in page_text(client.get(f"/en/staff/clients/{client_stuttgart.pk}/"))


def test_withdrawing_the_referral_consent_stops_sharing_and_is_logged(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, org_mannheim,
    login_verified,
):  # fmt: skip
    consent = referral_consent(client_stuttgart, counsellor_stuttgart, org_mannheim)
    services.referral_create(client=client_stuttgart, user=counsellor_stuttgart,
                             kind="organisation", receiving_organisation=org_mannheim)  # fmt: skip
    login_verified(counsellor_stuttgart)
    url = f"/en/staff/clients/{client_stuttgart.pk}/consents/{consent.pk}/withdraw/"
    response = client.post(url, follow=True)
    assert "1 referral stopped; the receiver no longer sees the data." in page_text(response)
    referral = Referral.objects.get()
    assert (referral.status, referral.shared_data) == ("stopped", {})
    stopped = AuditEvent.objects.get(action="referral.stopped")
    assert stopped.extra == {"reason": "consent_withdrawn", "receiver": org_mannheim.pk}
    mannheim = login_verified(counsellor_mannheim, WebClient())
    assert "Olga" not in page_text(mannheim.get(RECEIVED))
    assert mannheim.post(f"/en/staff/referrals/{referral.pk}/answer/",
                         {"decision": "accept"}).status_code == 404  # fmt: skip
    # No new referral under the withdrawn consent.
    with pytest.raises(services.CaseworkError, match="no consent to pass"):
        services.referral_create(
            client=client_stuttgart,
            user=counsellor_stuttgart,
            kind="organisation",
            receiving_organisation=org_mannheim,
        )


def test_no_referral_to_an_organisation_the_consent_does_not_name(
    client, counsellor_stuttgart, client_stuttgart, org_mannheim, org_coordination,
    login_verified,
):  # fmt: skip
    karlsruhe, _ = organisation_upsert(slug="ka", name="Beratung Karlsruhe", kind="counselling")
    referral_consent(client_stuttgart, counsellor_stuttgart, karlsruhe)
    login_verified(counsellor_stuttgart)
    response = refer(client, client_stuttgart, kind="organisation",
                     receiving_organisation=org_mannheim.pk)  # fmt: skip
    assert response.status_code == 400
    assert "There is no consent to pass this client&#x27;s data on to Beratung Mannheim" in (
        page_text(response)
    )
    coordination = refer(client, client_stuttgart, kind="organisation",
                         receiving_organisation=org_coordination.pk)  # fmt: skip
    assert "Select a valid choice" in page_text(coordination)
    assert Referral.objects.count() == 0


def test_referrals_to_a_course_an_employer_or_an_offer_need_their_target(
    client, counsellor_stuttgart, client_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    missing = refer(client, client_stuttgart, kind="language_course", target="  ")
    assert "Name the course, employer or contact person" in page_text(missing)
    assert "Choose the qualification offer" in page_text(refer(client, client_stuttgart,
                                                                kind="offer"))  # fmt: skip
    assert refer(client, client_stuttgart, kind="employer", target="Klinikum Stuttgart",
                 note="Interview on Monday").status_code == 302  # fmt: skip
    referral = Referral.objects.get()
    assert (referral.kind, referral.target, referral.shared_data) == (
        "employer",
        "Klinikum Stuttgart",
        {},
    )
    assert refer(client, client_stuttgart, kind="carrier pigeon").status_code == 400


def test_referral_to_a_qualification_offer(
    client, counsellor_stuttgart, client_stuttgart, login_verified
):
    offer = QualificationOffer.objects.create(
        title="Kenntnisprüfung Pflege", kind="exam_preparation", provider="Akademie Stuttgart",
        occupation_slugs=["pflegefachmann"],
    )  # fmt: skip
    login_verified(counsellor_stuttgart)
    assert refer(client, client_stuttgart, kind="offer", offer=offer.pk).status_code == 302
    assert Referral.objects.get().offer == offer
    assert "Kenntnisprüfung Pflege" in page_text(
        client.get(f"/en/staff/clients/{client_stuttgart.pk}/")
    )


def test_only_the_receiving_organisation_may_answer(
    client, counsellor_stuttgart, client_stuttgart, org_mannheim, login_verified
):
    referral_consent(client_stuttgart, counsellor_stuttgart, org_mannheim)
    referral = services.referral_create(client=client_stuttgart, user=counsellor_stuttgart,
                                        kind="organisation",
                                        receiving_organisation=org_mannheim)  # fmt: skip
    login_verified(counsellor_stuttgart)
    answer = client.post(f"/en/staff/referrals/{referral.pk}/answer/", {"decision": "accept"})
    assert answer.status_code == 404
    assert Referral.objects.get().status == "sent"


def test_a_declined_referral_cannot_be_answered_again(
    client, counsellor_stuttgart, counsellor_mannheim, client_stuttgart, org_mannheim,
    login_verified,
):  # fmt: skip
    referral_consent(client_stuttgart, counsellor_stuttgart, org_mannheim)
    referral = services.referral_create(client=client_stuttgart, user=counsellor_stuttgart,
                                        kind="organisation",
                                        receiving_organisation=org_mannheim)  # fmt: skip
    login_verified(counsellor_mannheim)
    url = f"/en/staff/referrals/{referral.pk}/answer/"
    assert "Choose to accept or to decline" in page_text(
        client.post(url, {"decision": "maybe"}, follow=True)
    )
    client.post(url, {"decision": "decline"})
    again = client.post(url, {"decision": "accept"}, follow=True)
    assert "already been answered" in page_text(again)
    assert Referral.objects.get().status == "declined"
