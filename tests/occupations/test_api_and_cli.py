import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

RESULT_KEYS = {
    "slug", "title_de", "title_de_f", "isco08", "kldb2010", "regulated", "score",
    "matched_label", "matched_lang",
}  # fmt: skip


def test_match_endpoint_returns_scored_results_with_the_matched_label(client, reference_data):
    response = client.get("/api/v1/occupations/match", {"q": "hemşire", "limit": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "hemşire"
    assert 1 <= len(body["results"]) <= 3
    first = body["results"][0]
    assert set(first) == RESULT_KEYS
    assert first["slug"] == "pflegefachmann"
    assert first["regulated"] is True
    assert 0 < first["score"] <= 1
    assert body["confident"] is True


@pytest.mark.parametrize(
    "params",
    [{}, {"q": ""}, {"q": "x" * 201}, {"q": "Arzt", "limit": 0}, {"q": "Arzt", "limit": "many"}],
)
def test_match_endpoint_rejects_bad_input_with_422_not_500(client, reference_data, params):
    response = client.get("/api/v1/occupations/match", params)
    assert response.status_code == 422
    assert "detail" in response.json()


def test_occupation_endpoint_returns_the_full_record_with_the_authority(client, reference_data):
    body = client.get("/api/v1/occupations/arzt").json()
    assert body["slug"] == "arzt"
    assert body["regulated"] is True and body["regulation"] == "federal"
    assert "Regierungspräsidium Stuttgart" in body["authority"]["name"]
    assert body["sources"] and body["checked_on"]
    assert body["portal_url"].startswith("https://www.anerkennung-in-deutschland.de/")
    assert "diploma" in body["documents"]


def test_craft_authority_depends_on_the_district(client, reference_data):
    everywhere = client.get("/api/v1/occupations/tischler").json()
    assert everywhere["authority"] is None
    chambers = everywhere["authorities_by_district"]
    assert len(chambers) == 8
    assert sum(len(c["districts"]) for c in chambers) == 44
    mannheim = client.get("/api/v1/occupations/tischler", {"district": "08222"}).json()
    assert "Mannheim" in mannheim["authority"]["name"]


def test_unknown_occupation_and_bad_district_are_clear_errors(client, reference_data):
    assert client.get("/api/v1/occupations/no-such-thing").status_code == 404
    assert client.get("/api/v1/occupations/arzt", {"district": "99999"}).status_code == 422


def test_openapi_documents_both_occupation_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/occupations/match" in paths
    assert "/api/v1/occupations/{slug}" in paths


def test_cli_match_prints_json_with_the_same_fields(reference_data):
    out = StringIO()
    call_command("match", "Krankenschwester", "--json", "--limit", "2", stdout=out)
    body = json.loads(out.getvalue())
    assert body["query"] == "Krankenschwester"
    assert set(body["results"][0]) == RESULT_KEYS
    assert body["results"][0]["slug"] == "pflegefachmann"


def test_cli_batch_prints_one_json_object_per_line(reference_data, tmp_path):
    queries = tmp_path / "queries.txt"
    queries.write_text("dentist\n\nصيدلاني\nмедсестра\n", encoding="utf-8")
    out = StringIO()
    call_command("match", "--batch", str(queries), "--limit", "1", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["query"] for line in lines] == ["dentist", "صيدلاني", "медсестра"]
    assert lines[0]["results"][0]["slug"] == "zahnarzt"
    assert lines[1]["results"][0]["slug"] == "apotheker"


def test_cli_human_output_and_errors(reference_data):
    out = StringIO()
    call_command("match", "xqzvw wrtpl", stdout=out)
    assert "Low confidence" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("match", "   ")
    with pytest.raises(CommandError):
        call_command("match", "Arzt", "--limit", "0")
    with pytest.raises(CommandError):
        call_command("match", "--batch", "/no/such/file")


def test_an_occupation_can_override_the_procedure_of_its_rule(client, reference_data):
    from lotse.occupations.models import Occupation

    arzt = Occupation.objects.get(slug="arzt")
    arzt.data = {
        **arzt.data,
        "procedure": {"en": ["Ask the chamber first."]},
        "documents": ["id"],
        "documents_extra": ["language_certificate"],
    }
    arzt.save()
    body = client.get("/api/v1/occupations/arzt").json()
    assert body["procedure"] == {"en": ["Ask the chamber first."]}
    assert body["documents"] == ["id", "language_certificate"]
