"""The whole public journey in a real browser: keyboard only, every page checked with axe."""

import re

import pytest

from tests.e2e.conftest import assert_no_axe_violations

QUERIES = {"de": "Krankenschwester", "ar": "ممرضة", "uk": "медична сестра"}


def tab_to(page, predicate_js: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"keyboard focus never reached: {predicate_js}")


def submit_of(field: str) -> str:
    """JS: is the focused element the submit button of the form holding `field`?"""
    return (
        "document.activeElement.type === 'submit' && "
        f"!!document.activeElement.form.querySelector('[name={field}]')"
    )


def fits_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("lang", ["de", "ar", "uk"])
def test_whole_journey_with_the_keyboard(page, axe, awo, lang):
    page.goto(f"/{lang}/guide/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_no_axe_violations(axe, page)

    # 1. Profession: type in one's own language, pick with the arrow keys.
    tab_to(page, "document.activeElement.getAttribute('role') === 'combobox'")
    page.keyboard.type(QUERIES[lang], delay=20)
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/guide/country/\?occupation=pflegefachmann"))
    assert_no_axe_violations(axe, page)

    # 2. Country: a native select, reached and changed with the keyboard.
    tab_to(page, "document.activeElement.name === 'country'")
    page.locator("select[name=country]").select_option("SY")
    tab_to(page, submit_of("country"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/guide/district/"))
    assert_no_axe_violations(axe, page)

    # 3. District.
    tab_to(page, "document.activeElement.name === 'district'")
    page.locator("select[name=district]").select_option("08111")
    tab_to(page, submit_of("district"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/guide/result/"))
    assert "Regierungspräsidium Stuttgart" in page.content()
    assert_no_axe_violations(axe, page)

    # 4.–5. Request an appointment at the Stuttgart centre.
    link = f"/guide/request/{awo.key}/"
    tab_to(page, f"!!document.activeElement.href && document.activeElement.href.includes('{link}')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/guide/request/{awo.key}/"))
    assert_no_axe_violations(axe, page)
    tab_to(page, "document.activeElement.name === 'name'")
    page.keyboard.type("Amal Haddad")
    tab_to(page, "document.activeElement.name === 'email'")
    page.keyboard.type("amal@example.org")
    tab_to(page, "document.activeElement.name === 'consent'")
    page.keyboard.press("Space")
    tab_to(page, submit_of("consent"))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{lang}/guide/request-sent/LT-"))
    assert page.locator(".reference").inner_text().startswith("LT-")
    assert_no_axe_violations(axe, page)


def test_form_errors_are_announced_and_accessible(page, axe, awo):
    page.goto(f"/en/guide/request/{awo.key}/?occupation=arzt&country=SY&district=08111")
    page.get_by_label("Your name").fill("A")
    page.get_by_label("E-mail").fill("not-an-address")
    page.get_by_role("button", name="Send request").press("Enter")
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize(("width", "lang"), [(360, "ar"), (360, "de"), (640, "uk")])
def test_pages_reflow_on_small_screens_and_at_200_percent_zoom(page, guide_data, width, lang):
    # 640 CSS pixels is a 1280-pixel window at 200 % zoom.
    page.set_viewport_size({"width": width, "height": 800})
    for url in (
        f"/{lang}/guide/",
        f"/{lang}/guide/country/?occupation=arzt",
        f"/{lang}/guide/district/?occupation=arzt&country=SY",
        f"/{lang}/guide/result/?occupation=arzt&country=SY&district=08111",
        f"/{lang}/centres/",
    ):
        page.goto(url)
        assert fits_width(page), url


@pytest.mark.parametrize("lang", ["de", "en", "ar", "tr", "uk", "ru", "fa"])
def test_directory_and_result_pages_have_no_wcag_violations(page, axe, guide_data, lang):
    for url in (
        f"/{lang}/centres/",
        f"/{lang}/centres/wc-stuttgart/",
        f"/{lang}/guide/result/?occupation=tischler&country=TR&district=08222",
        f"/{lang}/guide/result/?occupation=pflegefachmann&country=PH&district=abroad",
    ):
        page.goto(url)
        assert_no_axe_violations(axe, page)
