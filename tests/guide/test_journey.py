import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

RESULT = "/{lang}/guide/result/"


def result(client, lang="en", **params):
    return client.get(RESULT.format(lang=lang), params)


def test_steps_lead_from_profession_to_result(client, guide_data):
    html = client.get("/en/guide/", {"q": "nurse"}).content.decode()
    assert "/en/guide/country/?occupation=pflegefachmann" in html
    response = client.get("/en/guide/country/", {"occupation": "pflegefachmann", "country": "SY"})
    assert response["Location"] == "/en/guide/district/?occupation=pflegefachmann&country=SY"
    response = client.get(
        "/en/guide/district/",
        {"occupation": "pflegefachmann", "country": "SY", "district": "08111"},
    )
    assert response["Location"] == (
        "/en/guide/result/?occupation=pflegefachmann&country=SY&district=08111"
    )


def test_country_list_is_in_the_users_language(client, guide_data):
    html = client.get("/ar/guide/country/", {"occupation": "arzt"}).content.decode()
    assert "سوريا" in html
    assert "ألمانيا" in html


def test_districts_can_be_found_by_main_town(client, guide_data):
    html = client.get(
        "/de/guide/district/", {"occupation": "arzt", "country": "SY"}
    ).content.decode()
    assert "Rhein-Neckar-Kreis" in html
    assert "Ich lebe noch im Ausland" in html or "abroad" in html


@pytest.mark.parametrize(
    ("params", "message_fragment"),
    [
        ({"occupation": "arzt", "country": "SY", "district": "99999"}, "district"),
        ({"occupation": "no-such-job", "country": "SY", "district": "08111"}, "profession"),
        ({"occupation": "arzt", "country": "QQ", "district": "08111"}, "country"),
    ],
)
def test_unknown_choices_send_the_person_back_with_a_clear_message(
    client, guide_data, params, message_fragment
):
    response = client.get(RESULT.format(lang="en"), params, follow=True)
    assert response.status_code == 200
    assert message_fragment in response.content.decode()


def test_empty_profession_is_explained(client, guide_data):
    html = client.get("/de/guide/", {"q": ""}).content.decode()
    assert "Bitte" in html


def test_result_for_a_regulated_profession_from_a_third_country(client, guide_data):
    html = result(client, occupation="arzt", country="SY", district="08111").content.decode()
    assert "Regulated profession: you need the recognition" in html
    assert "Regierungspräsidium Stuttgart" in html
    assert "knowledge test" in html
    assert "Documents checklist" in html
    assert "three months" in html
    assert "Anerkennungszuschuss" in html
    assert "The competent authority always decides" in html
    assert "Checked on" in html and "2026-11-25" in html
    assert "AWO" in html  # counselling for Stuttgart


def test_eu_qualification_takes_the_automatic_route(client, guide_data):
    html = result(client, occupation="arzt", country="FR", district="08111").content.decode()
    assert "recognised automatically under the EU directive" in html


def test_non_regulated_academic_degree_leads_to_the_statement_of_comparability(client, guide_data):
    html = result(
        client, occupation="informatiker", country="IN", district="08222"
    ).content.decode()
    assert "ZAB" in html and "Zeugnisbewertung" in html


def test_crafts_are_decided_by_the_chamber_of_the_district(client, guide_data):
    html = result(client, occupation="tischler", country="TR", district="08222").content.decode()
    assert "Handwerkskammer Mannheim" in html


def test_people_still_abroad_see_statewide_offers_and_no_grant_yet(client, guide_data):
    html = result(
        client, occupation="pflegefachmann", country="PH", district="abroad"
    ).content.decode()
    assert "cannot get the grant yet" in html
    assert "Arbeiten und Leben in Deutschland" in html


def test_share_link_rebuilds_the_result_without_personal_data(client, guide_data):
    html = result(client, occupation="arzt", country="SY", district="08111").content.decode()
    assert "occupation=arzt&amp;country=SY&amp;district=08111" in html


def test_api_returns_the_same_facts_as_the_page(client, guide_data):
    body = client.get(
        "/api/v1/guide", {"occupation": "arzt", "country": "SY", "district": "08111"}
    ).json()
    keys = ["regulated", "authority", "legal_basis", "documents", "fees"]
    keys += ["compensation_measures", "centres", "sources"]
    assert set(keys) <= set(body)
    assert body["regulated"] is True
    assert body["route"] == "regulated_third_country"
    assert "Regierungspräsidium Stuttgart" in body["authority"]["name"]
    assert body["centres"][0]["kind"] == "counselling"
    assert any(d["key"] == "diploma" for d in body["documents"])


@pytest.mark.parametrize(
    "params",
    [
        {"occupation": "arzt", "country": "SYR", "district": "08111"},
        {"occupation": "arzt", "country": "SY", "district": "8111"},
        {"occupation": "arzt", "country": "XQ", "district": "08111"},
        {"occupation": "nope", "country": "SY", "district": "08111"},
        {"occupation": "arzt", "country": "SY"},
    ],
)
def test_api_rejects_bad_input_with_422(client, guide_data, params):
    assert client.get("/api/v1/guide", params).status_code == 422


def test_cli_prints_the_same_json(guide_data):
    out = StringIO()
    call_command("guide", "--occupation", "arzt", "--country", "SY", "--district", "08111",
                 "--json", stdout=out)  # fmt: skip
    body = json.loads(out.getvalue())
    assert body["occupation"]["slug"] == "arzt"
    assert body["district"]["code"] == "08111"
    with pytest.raises(CommandError):
        call_command("guide", "--occupation", "arzt", "--country", "SY", "--district", "1")


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_checklist_pdf_has_the_translation_and_the_german_terms(client, guide_data, lang):
    response = client.get(
        f"/{lang}/guide/result/checklist.pdf",
        {"occupation": "pflegefachmann", "country": "SY", "district": "08111"},
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Pflegefachmann" in text
    assert "Antragsformular" in text  # German term beside the translation
    assert "Regierungspräsidium Stuttgart" in text
