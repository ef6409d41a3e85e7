import pytest
from django.conf import settings

from tests.e2e.conftest import assert_no_axe_violations

LANGUAGES = [code for code, _ in settings.LANGUAGES]
PUBLIC_PAGES = ["/{lang}/", "/{lang}/about/", "/{lang}/login/", "/{lang}/no-such-page/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_page_has_no_wcag_21_aa_violations(page, axe, lang, path):
    page.goto(path.format(lang=lang))
    assert page.locator("html").get_attribute("lang") == lang
    assert_no_axe_violations(axe, page)


def test_language_switch_changes_language_keeps_page_and_is_remembered(page):
    page.goto("/de/about/")
    assert page.locator("h1").inner_text() != "About the IQ Network Baden-Württemberg"
    page.get_by_role("button", name="العربيّة").click()
    page.wait_for_url("**/ar/about/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.goto("/")
    page.wait_for_url("**/ar/")
    page.get_by_role("button", name="Українська").click()
    page.wait_for_url("**/uk/")
    assert page.locator("html").get_attribute("dir") == "ltr"


@pytest.mark.parametrize(("lang", "brand_on_right"), [("de", False), ("ar", True), ("fa", True)])
def test_layout_mirrors_for_right_to_left_languages(page, lang, brand_on_right):
    page.goto(f"/{lang}/")
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    nav = page.locator(".main-nav").bounding_box()
    brand_centre = brand["x"] + brand["width"] / 2
    assert (brand_centre > width / 2) is brand_on_right
    assert (brand["x"] > nav["x"]) is brand_on_right
    # Text in the main column starts on the reading side.
    heading = page.locator("main h1").bounding_box()
    main = page.locator("main").bounding_box()
    gap_right = (main["x"] + main["width"]) - (heading["x"] + heading["width"])
    gap_left = heading["x"] - main["x"]
    assert (gap_right < gap_left) is brand_on_right or heading["width"] >= main["width"] - 40


def test_skip_link_moves_focus_to_the_content(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
