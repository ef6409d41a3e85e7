"""Recognition cases: open one for a reference occupation, follow its timeline."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import can
from lotse.casework import services
from lotse.casework.forms import CaseOpenForm, CaseStepForm
from lotse.casework.models import RecognitionCase
from lotse.casework.views.common import audit_read, done, get_client, get_scoped
from lotse.occupations.forms import SearchForm
from lotse.occupations.matcher import occupation_match
from lotse.occupations.models import Authority, Occupation
from lotse.occupations.selectors import authority_for
from lotse.occupations.views import render_suggestions


def _authorities():
    return Authority.objects.order_by("name")


@staff_required("client.list")
def case_new(request, pk: int):
    """Step 1: find the reference occupation (matcher). Step 2: confirm the authority."""
    client = get_client(request, pk, "client.change")
    occupation = Occupation.objects.filter(slug=request.GET.get("occupation", "")).first()
    if occupation is None and request.method != "POST":
        search = SearchForm(request.GET or None)
        matches = occupation_match(search.cleaned_data["q"]) if search.is_valid() else None
        base = reverse("casework:case_new", args=[client.pk])
        context = {
            "client": client,
            "form": search,
            "matches": matches,
            "base": base,
            "suggest_url": reverse("casework:case_suggest", args=[client.pk]),
        }
        return render(request, "casework/case_search.html", context)
    form = CaseOpenForm(
        request.POST or None,
        authorities=_authorities(),
        initial={
            "occupation": occupation.slug if occupation else "",
            "authority": authority_for(occupation=occupation, district_code=client.district_code)
            if occupation
            else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        occupation = Occupation.objects.filter(slug=form.cleaned_data["occupation"]).first()
        if occupation is None:
            form.add_error(None, _("Choose a reference occupation."))
        else:
            try:
                case = services.case_open(
                    client=client,
                    user=request.user,
                    occupation=occupation,
                    request=request,
                    values={
                        "authority": form.cleaned_data["authority"],
                        "grant_applied": form.cleaned_data["grant_applied"],
                    },
                )
            except services.CaseworkError as error:
                form.add_error(None, str(error))
            else:
                return redirect("casework:case_detail", pk=case.pk)
    if occupation is None:
        occupation = Occupation.objects.filter(slug=request.POST.get("occupation", "")).first()
    context = {"client": client, "form": form, "occupation": occupation}
    return render(request, "casework/case_new.html", context, status=400 if form.errors else 200)


@require_safe
@staff_required("client.list")
def case_suggest(request, pk: int):
    client = get_client(request, pk, "client.change")
    base = reverse("casework:case_new", args=[client.pk])
    return render_suggestions(request, lambda slug: f"{base}?{urlencode({'occupation': slug})}")


def _case(request, pk: int, action: str) -> RecognitionCase:
    rows = RecognitionCase.objects.select_related("client", "occupation", "authority", "counsellor")
    case = get_scoped(request, RecognitionCase, pk, action, rows)
    if case.client.is_erased:
        from django.http import Http404

        raise Http404
    return case


def _case_context(request, case, step_form=None) -> dict:
    allowed = services.allowed_next(case)
    days = None
    if case.submitted_on:
        until = case.decided_on or timezone.localdate()
        days = (until - case.submitted_on).days
    return {
        "case": case,
        "client": case.client,
        "steps": list(case.steps.select_related("recorded_by")),
        "can_change": can(request.user, "client.change", case),
        "step_form": step_form or (CaseStepForm(allowed=allowed) if allowed else None),
        "days_since_submission": days,
        "documents": list(case.documents.all()),
    }


@staff_required("client.list")
def case_detail(request, pk: int):
    case = _case(request, pk, "client.view")
    audit_read(request, "case.viewed", case)
    return render(request, "casework/case_detail.html", _case_context(request, case))


@staff_required("client.list")
@require_POST
def case_step(request, pk: int):
    case = _case(request, pk, "client.change")
    form = CaseStepForm(request.POST, allowed=services.allowed_next(case))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.case_step(
                case=case,
                user=request.user,
                status=data["status"],
                on=data["date"],
                note=data["note"],
                details=form.details(),
                request=request,
            )
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{reverse('casework:case_detail', args=[case.pk])}#timeline")
    return render(
        request,
        "casework/case_detail.html",
        _case_context(request, case, step_form=form),
        status=400,
    )


@staff_required("client.list")
@require_POST
def case_grant(request, pk: int):
    case = _case(request, pk, "client.change")
    value = {"true": True, "false": False}.get(request.POST.get("grant_applied", ""))
    services.case_update(
        case=case, user=request.user, values={"grant_applied": value}, request=request
    )
    return (
        done(request, case.client, _("Saved."), "cases")
        if request.POST.get("next") == "client"
        else redirect("casework:case_detail", pk=case.pk)
    )


urlpatterns = [
    path("staff/clients/<int:pk>/cases/new/", case_new, name="case_new"),
    path("staff/clients/<int:pk>/cases/suggest/", case_suggest, name="case_suggest"),
    path("staff/cases/<int:pk>/", case_detail, name="case_detail"),
    path("staff/cases/<int:pk>/step/", case_step, name="case_step"),
    path("staff/cases/<int:pk>/grant/", case_grant, name="case_grant"),
]
