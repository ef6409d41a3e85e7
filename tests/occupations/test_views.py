import pytest


def test_search_page_lists_matches_and_all_groups(client, reference_data):
    html = client.get("/de/occupations/", {"q": "Krankenschwester"}).content.decode()
    assert "/de/occupations/pflegefachmann/" in html
    assert "Gesundheit" in html  # group names are translated


def test_search_without_a_good_match_says_so_and_offers_groups(client, reference_data):
    html = client.get("/en/occupations/", {"q": "xqzvw wrtpl"}).content.decode()
    assert "could not find a reference occupation that matches well" in html
    assert "Browse by occupation group" in html


def test_empty_and_overlong_queries_are_explained(client, reference_data):
    assert (
        "Please type your profession." in client.get("/en/occupations/", {"q": ""}).content.decode()
    )
    html = client.get("/en/occupations/", {"q": "x" * 201}).content.decode()
    assert "at most 200 characters" in html


def test_suggestions_are_an_accessible_listbox(client, reference_data):
    html = client.get("/ar/occupations/suggest/", {"q": "صيدلاني"}).content.decode()
    assert 'role="listbox"' in html
    assert 'data-href="/ar/occupations/apotheker/"' in html
    assert 'role="status"' in html


def test_detail_page_shows_facts_with_source_and_date(client, reference_data):
    html = client.get("/en/occupations/arzt/").content.decode()
    assert "Regulated profession (federal law)" in html
    assert "Regierungspräsidium Stuttgart" in html
    assert "Checked on" in html and "2026-11-25" in html
    assert "anerkennung-in-deutschland.de" in html
    assert "The competent authority always decides" in html


def test_detail_page_marks_unconfirmed_facts(client, reference_data):
    from lotse.occupations.models import Occupation

    slug = Occupation.objects.filter(confirmed=False).values_list("slug", flat=True).first()
    html = client.get(f"/en/occupations/{slug}/").content.decode()
    assert "Not confirmed by an official source yet" in html


def test_craft_page_names_the_chamber_of_the_chosen_district(client, reference_data):
    html = client.get("/de/occupations/tischler/", {"district": "08222"}).content.decode()
    assert "Handwerkskammer Mannheim" in html
    assert (
        "Handwerkskammer Freiburg" not in html.split("authority-title", 1)[1].split("<form", 1)[0]
    )


@pytest.mark.parametrize(
    "url", ["/de/occupations/no-such/", "/de/occupations/tischler/?district=abc"]
)
def test_bad_addresses_do_not_fail(client, reference_data, url):
    assert client.get(url).status_code in {200, 404}
