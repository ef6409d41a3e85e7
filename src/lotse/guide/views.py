"""The public guide: profession → country → district → result → counselling → request."""

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import require
from lotse.core.pdf import render_pdf
from lotse.directory.selectors import centre_get, districts_all
from lotse.guide.forms import AppointmentForm, CountryForm, DistrictForm
from lotse.guide.models import AppointmentRequest
from lotse.guide.ratelimit import rate_limited
from lotse.guide.selectors import GuideInputError, appointment_requests_for, guide_result
from lotse.guide.services import (
    RequestError,
    appointment_request_create,
    appointment_request_decide,
)
from lotse.occupations.forms import SearchForm
from lotse.occupations.matcher import occupation_match
from lotse.occupations.models import Occupation
from lotse.occupations.views import render_suggestions

STEPS = 4


def _params(request) -> dict[str, str]:
    return {k: request.GET.get(k, "") for k in ("occupation", "country", "district")}


def _occupation_or_none(slug: str) -> Occupation | None:
    return Occupation.objects.filter(slug=slug).only("slug", "title_de", "title_de_f").first()


@require_safe
def start(request):
    """Step 1: the profession, in the person's own words."""
    form = SearchForm(request.GET or None)
    matches = occupation_match(form.cleaned_data["q"], limit=8) if form.is_valid() else None
    return render(request, "guide/start.html", {"form": form, "matches": matches, "step": 1})


@require_safe
def suggest(request):
    """Suggestions of the guide's search box lead to the next step."""
    base = reverse("guide:country")
    return render_suggestions(request, lambda slug: f"{base}?{urlencode({'occupation': slug})}")


@require_safe
def country(request):
    """Step 2: where the qualification was earned."""
    params = _params(request)
    occupation = _occupation_or_none(params["occupation"])
    if occupation is None:
        messages.error(request, _("Please choose your profession first."))
        return redirect("guide:start")
    form = CountryForm(request.GET if "country" in request.GET else None)
    if form.is_bound and form.is_valid():
        query = urlencode({"occupation": occupation.slug, "country": form.cleaned_data["country"]})
        return redirect(f"{reverse('guide:district')}?{query}")
    context = {"form": form, "occupation": occupation, "step": 2}
    return render(request, "guide/country.html", context)


@require_safe
def district(request):
    """Step 3: where the person lives or wants to work."""
    params = _params(request)
    occupation = _occupation_or_none(params["occupation"])
    if occupation is None:
        messages.error(request, _("Please choose your profession first."))
        return redirect("guide:start")
    if not CountryForm({"country": params["country"]}).is_valid():
        return redirect(f"{reverse('guide:country')}?{urlencode({'occupation': occupation.slug})}")
    form = DistrictForm(
        request.GET if "district" in request.GET else None, districts=districts_all()
    )
    if form.is_bound and form.is_valid():
        query = urlencode({**params, "district": form.cleaned_data["district"]})
        return redirect(f"{reverse('guide:result')}?{query}")
    context = {"form": form, "occupation": occupation, "params": params, "step": 3}
    return render(request, "guide/district.html", context)


def _result_or_error(request):
    params = _params(request)
    try:
        return params, guide_result(
            occupation_slug=params["occupation"],
            country=params["country"],
            district_code=params["district"],
        )
    except GuideInputError as error:
        return params, error


_STEP_FOR = {"occupation": "guide:start", "country": "guide:country", "district": "guide:district"}
_MESSAGE_FOR = {
    "occupation": gettext_lazy("This profession is not in our list. Please choose it again."),
    "country": gettext_lazy("This country is not in our list. Please choose it again."),
    "district": gettext_lazy("This district is not in our list. Please choose it again."),
}


def _back_to_step(request, params: dict, error: GuideInputError):
    messages.error(request, _MESSAGE_FOR[error.field])
    kept = {k: v for k, v in params.items() if k in ("occupation", "country") and k != error.field}
    return redirect(f"{reverse(_STEP_FOR[error.field])}?{urlencode(kept)}")


@require_safe
def result(request):
    """Step 4: what applies, who decides, what to do — and where to get free counselling."""
    params, outcome = _result_or_error(request)
    if isinstance(outcome, GuideInputError):
        return _back_to_step(request, params, outcome)
    context = {
        "r": outcome,
        "params": params,
        "query": urlencode(params),
        "share_url": request.build_absolute_uri(),
        "text_lang": "de" if get_language() == "de" else "en",
        "step": 4,
    }
    return render(request, "guide/result.html", context)


@require_safe
def checklist_pdf(request):
    """The result as a checklist to take to the authority, with the German terms beside."""
    params, outcome = _result_or_error(request)
    if isinstance(outcome, GuideInputError):
        return _back_to_step(request, params, outcome)
    html = render_to_string(
        "guide/checklist_pdf.html",
        {"r": outcome, "text_lang": "de" if get_language() == "de" else "en"},
        request=request,
    )
    response = HttpResponse(
        render_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    filename = f"lotse-checklist-{outcome['occupation']['slug']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def appointment(request, key: str):
    """Step 5: ask a counselling centre for an appointment."""
    centre = centre_get(key=key)
    if centre is None:
        raise Http404
    params = _params(request)
    if centre.organisation_id is None:
        return render(
            request, "guide/appointment_unavailable.html", {"centre": centre, "params": params}
        )
    form = AppointmentForm(
        request.POST or None,
        initial={"token": uuid.uuid4(), "preferred_language": get_language()},
    )
    if request.method == "POST":
        if rate_limited(key="appointment", request=request):
            form.add_error(
                None, _("Too many requests from your connection. Please try again in an hour.")
            )
        elif form.is_valid() and not form.is_spam:
            data = form.cleaned_data
            try:
                created, _new = appointment_request_create(
                    centre=centre, token=data["token"], name=data["name"], email=data["email"],
                    phone=data["phone"], preferred_language=data["preferred_language"],
                    preferred_times=data["preferred_times"], message=data["message"],
                    occupation_slug=params["occupation"][:100],
                    country=params["country"][:2].upper(),
                    district_code=params["district"][:8], language=get_language(),
                )  # fmt: skip
            except RequestError as error:
                form.add_error(None, str(error))
            else:
                return redirect("guide:appointment_done", reference=created.reference)
        elif form.is_spam:
            # Pretend success to the robot, store nothing.
            return render(
                request, "guide/appointment_done.html", {"reference": None, "centre": centre}
            )
    context = {"form": form, "centre": centre, "params": params, "query": urlencode(params)}
    return render(request, "guide/appointment.html", context)


@require_safe
def appointment_done(request, reference: str):
    found = get_object_or_404(
        AppointmentRequest.objects.select_related("centre"), reference=reference
    )
    return render(
        request,
        "guide/appointment_done.html",
        {"reference": found.reference, "centre": found.centre},
    )


@staff_required("appointment_request.list")
def inbox(request):
    """Appointment requests to the centres of the user's organisation."""
    requests = appointment_requests_for(user=request.user)
    status = request.GET.get("status", "new")
    if status in AppointmentRequest.Status.values:
        requests = requests.filter(status=status)
    return render(request, "guide/inbox.html", {"requests": requests[:200], "status": status})


@staff_required("appointment_request.list")
@require_POST
def decide(request, pk: int):
    found = appointment_requests_for(user=request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    require(request.user, "appointment_request.decide", found)
    accept = request.POST.get("decision") == "accept"
    appointment_request_decide(request=found, user=request.user, accept=accept)
    return redirect(f"{reverse('guide:inbox')}?status={found.status}")
