"""The public migration page in a real browser: accessible in every language, and usable on a
small phone screen."""

import pytest
from django.conf import settings

from lotse.reports.facts_vocab import CHARTS
from tests.e2e.conftest import assert_no_axe_violations

LANGUAGES = [code for code, _ in settings.LANGUAGES]


def fits_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_migration_page_has_no_wcag_21_aa_violations(page, axe, lang):
    page.goto(f"/{lang}/migration/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang in {"ar", "fa"} else "ltr")
    assert page.locator("svg.chart-sections").count() == len(CHARTS)
    assert_no_axe_violations(axe, page)


@pytest.mark.parametrize(("width", "lang"), [(360, "de"), (360, "ar"), (360, "fa"), (640, "ru")])
def test_migration_page_needs_no_sideways_scrolling_on_a_small_screen(page, width, lang):
    # 640 CSS pixels is a 1280-pixel window at 200 % zoom.
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/{lang}/migration/")
    assert fits_width(page)
    chart = page.locator("svg.chart-sections").first.bounding_box()
    assert chart["width"] <= width


def test_wide_tables_scroll_on_their_own_and_can_be_reached_with_the_keyboard(page):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/en/migration/")
    region = page.get_by_role(
        "region", name="Figures and sources: The largest groups of foreign nationals"
    )
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    # Chromium may scroll smoothly: wait for the region to move rather than read it at once.
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())


def test_the_page_is_reached_from_the_main_navigation(page):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Migration in figures"
    ).click()
    page.wait_for_url("**/en/migration/")
    assert page.get_by_role("heading", level=1).inner_text() == "Migration in Baden-Württemberg"
