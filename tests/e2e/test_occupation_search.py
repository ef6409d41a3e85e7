import pytest

from tests.e2e.conftest import assert_no_axe_violations


@pytest.mark.parametrize(
    ("lang", "query", "slug"),
    [("ar", "صيدلاني", "apotheker"), ("uk", "медична сестра", "pflegefachmann")],
)
def test_type_a_profession_and_pick_a_result_with_the_keyboard_only(
    page, axe, reference_data, lang, query, slug
):
    page.goto(f"/{lang}/occupations/")
    # Reach the search box by keyboard: skip link, then Tab until the combobox has focus.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('role')") == "combobox":
            break
    else:
        raise AssertionError("the search box cannot be reached with the Tab key")
    page.keyboard.type(query, delay=30)
    options = page.get_by_role("option")
    options.first.wait_for()
    combobox = page.get_by_role("combobox")
    assert combobox.get_attribute("aria-expanded") == "true"
    assert_no_axe_violations(axe, page)
    titles = options.all_inner_texts()
    position = next(i for i, text in enumerate(titles) if slug_title(slug) in text)
    for _ in range(position + 1):
        page.keyboard.press("ArrowDown")
    active = combobox.get_attribute("aria-activedescendant")
    assert active == f"suggestion-{slug}"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/occupations/{slug}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert_no_axe_violations(axe, page)


def slug_title(slug: str) -> str:
    return {"apotheker": "Apotheker", "pflegefachmann": "Pflegefachmann"}[slug]


@pytest.mark.parametrize("lang", ["de", "en", "ar", "tr", "uk", "ru", "fa"])
def test_occupation_pages_have_no_wcag_violations(page, axe, reference_data, lang):
    page.goto(f"/{lang}/occupations/?q=xqzvw")
    assert_no_axe_violations(axe, page)
    page.goto(f"/{lang}/occupations/tischler/")
    assert_no_axe_violations(axe, page)
