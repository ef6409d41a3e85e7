"""Recognition cases: open one for a reference occupation, follow its timeline."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import can
from lotse.casework import selectors, services
from lotse.casework.entry_forms import CaseOpenForm, CaseStepForm, GrantForm
from lotse.casework.models import RecognitionCase
from lotse.casework.views.common import audit_read, done, get_client, get_scoped
from lotse.casework.vocab import CaseStatus
from lotse.occupations.forms import SearchForm
from lotse.occupations.matcher import occupation_match
from lotse.occupations.models import Authority, Occupation
from lotse.occupations.selectors import authority_for
from lotse.occupations.views import render_suggestions


def _authorities():
    return Authority.objects.order_by("name")


@staff_required("client.list")
def case_new(request, pk: int):
    """Step 1: find the reference occupation with the matcher. Step 2: confirm the authority
    (pre-filled from the knowledge base for the client's district) and open the case."""
    client = get_client(request, pk, "client.change")
    slug = request.POST.get("occupation") or request.GET.get("occupation", "")
    occupation = Occupation.objects.filter(slug=slug[:100]).first() if slug else None
    if occupation is None and request.method != "POST":
        search = SearchForm(request.GET or None)
        matches = occupation_match(search.cleaned_data["q"]) if search.is_valid() else None
        context = {
            "client": client,
            "form": search,
            "matches": matches,
            "base": reverse("casework:case_new", args=[client.pk]),
            "suggest_url": reverse("casework:case_suggest", args=[client.pk]),
            "has_consent": selectors.has_consent(client),
        }
        return render(request, "casework/case_search.html", context)
    initial = {"occupation": slug}
    if occupation is not None:
        initial["authority"] = authority_for(
            occupation=occupation, district_code=client.district_code
        )
    form = CaseOpenForm(request.POST or None, authorities=_authorities(), initial=initial)
    if request.method == "POST" and form.is_valid():
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
                        "opened_on": form.cleaned_data["opened_on"],
                    },
                )
            except services.CaseworkError as error:
                form.add_error(None, str(error))
            else:
                return redirect("casework:case_detail", pk=case.pk)
    context = {"client": client, "form": form, "occupation": occupation}
    status = 400 if request.method == "POST" else 200
    return render(request, "casework/case_new.html", context, status=status)


@require_safe
@staff_required("client.list")
def case_suggest(request, pk: int):
    """The matcher's suggestions (htmx fragment); each leads to step 2 for this client."""
    client = get_client(request, pk, "client.change")
    base = reverse("casework:case_new", args=[client.pk])
    return render_suggestions(request, lambda slug: f"{base}?{urlencode({'occupation': slug})}")


def _case(request, pk: int, action: str) -> RecognitionCase:
    rows = RecognitionCase.objects.select_related(
        "client", "occupation", "authority", "counsellor", "client__counsellor"
    )
    case = get_scoped(request, RecognitionCase, pk, action, rows)
    if case.client.is_erased:
        raise Http404
    return case


def _case_context(request, case: RecognitionCase, step_form=None, grant_form=None) -> dict:
    allowed = services.allowed_next(case)
    return {
        "case": case,
        "client": case.client,
        "steps": list(case.steps.select_related("recorded_by")),
        "can_change": can(request.user, "client.change", case),
        "step_form": step_form or (CaseStepForm(allowed=allowed) if allowed else None),
        "grant_form": grant_form or GrantForm(initial={"grant_applied": case.grant_applied}),
        "days_since_submission": services.days_since_submission(case, timezone.localdate()),
        "waiting": case.submitted_on is not None and case.decided_on is None and case.is_open,
        "documents": list(case.documents.all()),
        "statuses": CaseStatus,
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
            messages.success(request, _("Step recorded."))
            return redirect(f"{reverse('casework:case_detail', args=[case.pk])}#timeline")
    context = _case_context(request, case, step_form=form)
    return render(request, "casework/case_detail.html", context, status=400)


@staff_required("client.list")
@require_POST
def case_grant(request, pk: int):
    case = _case(request, pk, "client.change")
    form = GrantForm(request.POST)
    if not form.is_valid():
        context = _case_context(request, case, grant_form=form)
        return render(request, "casework/case_detail.html", context, status=400)
    services.case_update(
        case=case,
        user=request.user,
        values={"grant_applied": form.cleaned_data["grant_applied"]},
        request=request,
    )
    if request.POST.get("next") == "client":
        return done(request, case.client, _("Saved."), "cases")
    messages.success(request, _("Saved."))
    return redirect("casework:case_detail", pk=case.pk)


urlpatterns = [
    path("staff/clients/<int:pk>/cases/new/", case_new, name="case_new"),
    path("staff/clients/<int:pk>/cases/suggest/", case_suggest, name="case_suggest"),
    path("staff/cases/<int:pk>/", case_detail, name="case_detail"),
    path("staff/cases/<int:pk>/step/", case_step, name="case_step"),
    path("staff/cases/<int:pk>/grant/", case_grant, name="case_grant"),
]
