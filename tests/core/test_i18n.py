from pathlib import Path

import polib
import pytest
from django.conf import settings

LANGUAGES = [code for code, _ in settings.LANGUAGES]
RTL = {"ar", "fa"}
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])


def test_root_redirects_to_a_language_prefixed_url(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="uk")
    assert response.status_code == 302
    assert response["Location"] == "/uk/"


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_is_served_in_each_language_with_its_direction(client, db, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if code in RTL else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html


def test_home_page_text_is_translated(client, db):
    german = client.get("/de/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert "Kostenlose Beratung" in german or "kostenlos" in german.lower()
    assert "Work that matches your skills" not in german
    assert "Work that matches your skills" not in arabic


def test_language_switcher_keeps_the_page_and_remembers_the_choice(client, db):
    # The browser asks for English; the page we come from is German; we want Arabic.
    response = client.post(
        "/i18n/setlang/", {"language": "ar", "next": "/de/about/"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert response["Location"] == "/ar/about/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    # The remembered choice decides where the bare root leads.
    assert client.get("/")["Location"] == "/ar/"


def test_language_switcher_lists_every_language_in_its_own_name(client, db):
    html = client.get("/en/").content.decode()
    for name in ["Deutsch", "English", "العربيّة", "Türkçe", "Українська", "Русский", "فارسی"]:
        assert name in html


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete(code):
    catalogue = polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))
    assert len(catalogue) > 100
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert (LOCALE_DIR / code / "LC_MESSAGES" / "django.mo").exists()
