from io import StringIO

import pytest
from django.core.management import call_command

from lotse.core.models import AuditEvent
from lotse.directory.data import read_directory
from lotse.directory.models import Centre, District


def test_every_district_has_counselling_and_a_welcome_center():
    data = read_directory()
    assert data.problems == []
    codes = {d["code"] for d in data.districts}
    assert len(codes) == 44
    for kind in ("counselling", "welcome_center"):
        served = {code for c in data.centres if c["kind"] == kind for code in c["districts"]}
        assert served == codes, kind


def test_loading_twice_changes_nothing(db):
    call_command("load_directory_data", stdout=StringIO())
    out = StringIO()
    call_command("load_directory_data", stdout=out)
    assert "no changes" in out.getvalue()
    assert District.objects.count() == 44
    assert District.objects.get(code="08111").name == "Stuttgart"
    assert District.objects.get(code="08421").region.name


def test_centre_list_filters_by_district_language_and_service(client, directory_data):
    html = client.get("/en/centres/", {"district": "08222"}).content.decode()
    assert "ikubiz" in html
    assert "IN VIA" not in html
    html = client.get("/en/centres/", {"district": "08222", "language": "fa"}).content.decode()
    assert "ikubiz" in html
    html = client.get("/en/centres/", {"service": "employer_advice"}).content.decode()
    assert "Welcome Center" in html


def test_unknown_filter_values_are_explained_not_failed(client, directory_data):
    response = client.get("/en/centres/", {"district": "99999", "service": "<script>"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.fixture
def awo(directory_data, org_stuttgart) -> Centre:
    centre = Centre.objects.get(key="awo-stuttgart-anerkennungsberatung")
    centre.organisation = org_stuttgart
    centre.save()
    return centre


def test_staff_update_their_own_centre_and_the_loader_keeps_it(
    client, awo, counsellor_stuttgart, login_verified
):
    login_verified(counsellor_stuttgart)
    url = f"/en/staff/centres/{awo.key}/edit/"
    response = client.post(url, {
        "phone": "+49 711 000000", "email": "beratung@example.org", "web": "https://example.org",
        "opening_hours_de": "Mo–Do 9–12 Uhr", "opening_hours_en": "Mon–Thu 9–12",
        "languages": "de, ar, TR", "services": ["recognition"], "modes": ["phone", "in_person"],
    })  # fmt: skip
    assert response.status_code == 302
    awo.refresh_from_db()
    assert awo.languages == ["de", "ar", "tr"]
    assert awo.opening_hours["en"] == "Mon–Thu 9–12"
    assert AuditEvent.objects.filter(action="centre.updated", target_id=str(awo.pk)).exists()
    call_command("load_directory_data", stdout=StringIO())
    awo.refresh_from_db()
    assert awo.phone == "+49 711 000000"


def test_bad_language_codes_are_explained(client, awo, counsellor_stuttgart, login_verified):
    login_verified(counsellor_stuttgart)
    response = client.post(f"/en/staff/centres/{awo.key}/edit/", {"languages": "Arabic!!"})
    assert response.status_code == 200
    assert "These are not language codes" in response.content.decode()


def test_staff_of_another_organisation_cannot_edit_the_centre(
    client, awo, counsellor_mannheim, login_verified
):
    login_verified(counsellor_mannheim)
    assert client.get(f"/en/staff/centres/{awo.key}/edit/").status_code == 404
    response = client.post(f"/en/staff/centres/{awo.key}/edit/", {"phone": "123456789"})
    assert response.status_code == 404
    awo.refresh_from_db()
    assert awo.phone != "123456789"
