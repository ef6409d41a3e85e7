from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from lotse.occupations import vocab
from lotse.occupations.forms import DistrictForm, SearchForm
from lotse.occupations.matcher import occupation_match
from lotse.occupations.models import Occupation
from lotse.occupations.selectors import occupation_detail, occupation_get, occupation_groups

SUGGESTIONS = 8


@require_safe
def search(request):
    """Search by own words; without a good match, browse the occupation groups."""
    form = SearchForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        matches = occupation_match(form.cleaned_data["q"], limit=10)
    groups = [(vocab.GROUPS.get(key, key), items) for key, items in occupation_groups()]
    context = {"form": form, "matches": matches, "groups": groups}
    return render(request, "occupations/search.html", context)


def render_suggestions(request, href_for):
    """The suggestion list of a search box (htmx fragment); `href_for(slug)` makes each link."""
    form = SearchForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        matches = occupation_match(form.cleaned_data["q"], limit=SUGGESTIONS)
    options = [(r, href_for(r.occupation.slug)) for r in matches.results] if matches else []
    context = {"matches": matches, "options": options}
    return render(request, "occupations/_suggestions.html", context)


@require_safe
def suggest(request):
    return render_suggestions(request, lambda slug: reverse("occupations:detail", args=[slug]))


@require_safe
def detail(request, slug: str):
    try:
        occupation = occupation_get(slug=slug)
    except Occupation.DoesNotExist as error:
        raise Http404 from error
    district_form = DistrictForm(request.GET or None)
    district = district_form.cleaned_data["district"] if district_form.is_valid() else None
    facts = occupation_detail(occupation=occupation, district_code=district)
    text_lang = "de" if get_language() == "de" else "en"
    context = {
        "occupation": occupation,
        "facts": facts,
        "text_lang": text_lang,
        "description": facts[f"description_{text_lang}"],
        "regulation_note": facts[f"regulation_note_{text_lang}"],
        "procedure": facts["procedure"].get(text_lang) or [],
        "duration_note": facts["duration_note"].get(text_lang, ""),
        "regulation_label": vocab.REGULATION.get(facts["regulation"]),
        "group_label": vocab.GROUPS.get(facts["group"], facts["group"]),
        "documents": [vocab.DOCUMENTS.get(key, key) for key in facts["documents"]],
        "compensation": [vocab.COMPENSATION.get(k, k) for k in facts["compensation_measures"]],
        "district": district,
        "fee_range": _fee_range(facts["fees"]),
    }
    return render(request, "occupations/detail.html", context)


def _fee_range(fees: dict | None) -> tuple[int, int] | None:
    if not fees:
        return None
    low, high = fees.get("min"), fees.get("max")
    if isinstance(low, int | float) and isinstance(high, int | float):
        return int(low), int(high)
    return None
