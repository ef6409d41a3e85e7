"""Client list, intake, the client page and its quick entries (consent, session, task, outcome)."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import can
from lotse.casework import selectors, services
from lotse.casework.consent_texts import CURRENT_VERSION, text_for
from lotse.casework.forms import (
    ClientFilterForm,
    CloseForm,
    ConsentForm,
    ContactForm,
    FollowUpForm,
    IntakeConsentForm,
    OutcomeForm,
    ProfileForm,
    ReferralForm,
    SessionForm,
)
from lotse.casework.models import Consent, FollowUp
from lotse.casework.views.common import (
    audit_read,
    done,
    get_client,
    get_scoped,
    other_organisations,
    refused,
    team_members,
)
from lotse.casework.vocab import ConsentPurpose
from lotse.directory.selectors import districts_all
from lotse.occupations.models import Occupation
from lotse.training.models import QualificationOffer

PAGE_SIZE = 50


@staff_required("client.list")
def client_list(request):
    members = team_members(request.user)
    form = ClientFilterForm(request.GET or None, members=members)
    clients = selectors.clients_for(request.user).none()
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        occupation = None
        if data.get("occupation"):
            occupation = Occupation.objects.filter(slug=data["occupation"]).first()
        clients = selectors.client_list(
            request.user,
            query=data.get("q", ""),
            status=data.get("status", ""),
            occupation=occupation,
            counsellor_id=data.get("counsellor"),
            case_status=data.get("case_status", ""),
            overdue=bool(data.get("overdue")),
            sort=data.get("sort") or "recent",
        )
        if data.get("occupation") and occupation is None:
            form.add_error("occupation", _("No reference occupation has this short name."))
            clients = clients.none()
    page = Paginator(clients, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    audit_read(request, "client.list_viewed", None, page=page.number, rows=len(page.object_list))
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "casework/client_list.html", context)


def _duplicates_for(request, data: dict):
    return selectors.possible_duplicates(
        request.user,
        name=data.get("name", ""),
        email=data.get("email", ""),
        phone=data.get("phone", ""),
    )


@staff_required("client.create")
def client_new(request):
    """Manual intake. Possible duplicates are shown before a new client is created."""
    contact = ContactForm(request.POST or None)
    consent = IntakeConsentForm(request.POST or None, prefix="c")
    duplicates = []
    if request.method == "POST" and contact.is_valid() and consent.is_valid():
        duplicates = _duplicates_for(request, contact.cleaned_data)
        if not duplicates or request.POST.get("confirm_new") == "1":
            try:
                client = services.client_create(
                    organisation=request.user.organisation,
                    user=request.user,
                    values=contact.cleaned_data,
                    consent=consent.consent(),
                    request=request,
                )
            except services.CaseworkError as error:
                contact.add_error(None, str(error))
            else:
                return done(
                    request, client, _("Client %(number)s created.") % {"number": client.number}
                )
    context = {
        "contact": contact,
        "consent": consent,
        "duplicates": duplicates,
        "consent_text": text_for(CURRENT_VERSION, ConsentPurpose.COUNSELLING),
    }
    return render(request, "casework/client_new.html", context)


def _detail_context(request, client) -> dict:
    user = request.user
    consents = list(client.consents.select_related("receiving_organisation"))
    for consent in consents:
        consent.text = text_for(consent.text_version, consent.purpose)
    has_consent = any(c.is_active and c.purpose == ConsentPurpose.COUNSELLING for c in consents)
    offers = QualificationOffer.objects.order_by("title")
    return {
        "client": client,
        "can_change": can(user, "client.change", client),
        "can_erase": can(user, "client.erase", client),
        "has_consent": has_consent,
        "consents": consents,
        "sessions": list(client.sessions.select_related("counsellor")[:100]),
        "session_count": client.sessions.count(),
        "cases": list(client.cases.select_related("occupation", "authority")),
        "referrals": list(
            client.referrals.select_related("offer", "receiving_organisation", "consent")
        ),
        "follow_ups": list(client.follow_ups.select_related("assignee")),
        "outcomes": list(client.outcomes.all()),
        "documents": list(client.documents.select_related("case__occupation")),
        "appointments": list(
            client.appointments.select_related("counsellor").filter(
                starts_at__gte=timezone.now() - timezone.timedelta(days=90)
            )
        ),
        "session_form": SessionForm(prefix="s"),
        "consent_form": ConsentForm(prefix="k", organisations=other_organisations(user)),
        "consent_texts": {p: text_for(CURRENT_VERSION, p) for p in ConsentPurpose.values},
        "follow_up_form": FollowUpForm(
            prefix="f", members=team_members(user), initial={"assignee": user.pk}
        ),
        "outcome_form": OutcomeForm(prefix="o"),
        "close_form": CloseForm(prefix="x"),
        "referral_form": ReferralForm(
            prefix="r", offers=offers, organisations=other_organisations(user)
        ),
        "today": timezone.localdate(),
    }


@staff_required("client.list")
def client_detail(request, pk: int):
    client = get_client(request, pk)
    audit_read(request, "client.viewed", client)
    return render(request, "casework/client_detail.html", _detail_context(request, client))


def _rerender(request, client, **forms):
    """The client page again, with the form that failed showing its errors."""
    context = _detail_context(request, client)
    context.update(forms)
    return render(request, "casework/client_detail.html", context, status=400)


@staff_required("client.list")
def client_edit(request, pk: int):
    client = get_client(request, pk, "client.change")
    has_consent = selectors.has_consent(client)
    initial = {f: getattr(client, f) for f in services.CONTACT_FIELDS}
    contact = ContactForm(request.POST or None, initial=initial)
    profile = None
    districts = districts_all()
    if has_consent:
        profile = ProfileForm(
            request.POST or None, instance=client, districts=districts, prefix="p"
        )
    if request.method == "POST":
        valid = contact.is_valid() and (profile is None or profile.is_valid())
        if valid:
            values = dict(contact.cleaned_data)
            if profile is not None:
                values.update(profile.cleaned_data)
            try:
                services.client_update(
                    client=client, user=request.user, values=values, request=request
                )
            except services.CaseworkError as error:
                contact.add_error(None, str(error))
            else:
                return done(request, client, _("Changes saved."))
    else:
        audit_read(request, "client.viewed", client)
    context = {"client": client, "contact": contact, "profile": profile, "has_consent": has_consent}
    return render(request, "casework/client_edit.html", context)


@staff_required("client.list")
@require_POST
def consent_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    form = ConsentForm(request.POST, prefix="k", organisations=other_organisations(request.user))
    if not form.is_valid():
        return _rerender(request, client, consent_form=form)
    data = form.cleaned_data
    try:
        services.consent_record(
            client=client,
            user=request.user,
            purpose=data["purpose"],
            given_on=data["given_on"],
            given_by=data["given_by"],
            form=data["form"],
            receiving_organisation=data.get("receiving_organisation"),
            shared_fields=data.get("shared_fields"),
            request=request,
        )
    except services.CaseworkError as error:
        return refused(request, client, error, "consent")
    return done(request, client, _("Consent recorded."), "consent")


@staff_required("client.list")
@require_POST
def consent_withdraw(request, pk: int, consent_pk: int):
    client = get_client(request, pk, "client.change")
    consent = get_scoped(
        request, Consent, consent_pk, "client.change", Consent.objects.filter(client=client)
    )
    try:
        stopped = services.consent_withdraw(
            consent=consent, user=request.user, withdrawn_on=timezone.localdate(), request=request
        )
    except services.CaseworkError as error:
        return refused(request, client, error, "consent")
    message = _("Consent withdrawn.")
    if stopped:
        message += " " + _("%(n)s referral(s) stopped; the receiver no longer sees the data.") % {
            "n": stopped
        }
    return done(request, client, message, "consent")


@staff_required("client.list")
@require_POST
def session_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    form = SessionForm(request.POST, prefix="s")
    if not form.is_valid():
        return _rerender(request, client, session_form=form)
    try:
        services.session_add(
            client=client, user=request.user, values=form.cleaned_data, request=request
        )
    except services.CaseworkError as error:
        return refused(request, client, error, "sessions")
    return done(request, client, _("Session recorded."), "sessions")


@staff_required("client.list")
@require_POST
def follow_up_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    form = FollowUpForm(request.POST, prefix="f", members=team_members(request.user))
    if not form.is_valid():
        return _rerender(request, client, follow_up_form=form)
    try:
        services.follow_up_create(
            client=client, user=request.user, request=request, **form.cleaned_data
        )
    except services.CaseworkError as error:
        return refused(request, client, error, "follow-ups")
    return done(request, client, _("Task added."), "follow-ups")


@staff_required("client.list")
@require_POST
def follow_up_done(request, task_pk: int):
    task = get_scoped(
        request, FollowUp, task_pk, "client.change", FollowUp.objects.select_related("client")
    )
    services.follow_up_done(task=task, user=request.user, request=request)
    if request.POST.get("next") == "tasks":
        return redirect("casework:tasks")
    return done(request, task.client, _("Task marked as done."), "follow-ups")


@staff_required("client.list")
@require_POST
def outcome_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    form = OutcomeForm(request.POST, prefix="o")
    if not form.is_valid():
        return _rerender(request, client, outcome_form=form)
    try:
        services.outcome_record(
            client=client, user=request.user, request=request, **form.cleaned_data
        )
    except services.CaseworkError as error:
        return refused(request, client, error, "outcome")
    return done(request, client, _("Outcome recorded."), "outcome")


@staff_required("client.list")
@require_POST
def client_close(request, pk: int):
    client = get_client(request, pk, "client.change")
    form = CloseForm(request.POST, prefix="x")
    if not form.is_valid():
        return _rerender(request, client, close_form=form)
    try:
        services.client_close(
            client=client,
            user=request.user,
            request=request,
            closed_on=form.cleaned_data["closed_on"],
        )
    except services.CaseworkError as error:
        return refused(request, client, error, "status")
    return done(request, client, _("Client closed. Record the outcome if you have not."), "outcome")


@staff_required("client.list")
@require_POST
def client_reopen(request, pk: int):
    client = get_client(request, pk, "client.change")
    services.client_reopen(client=client, user=request.user, request=request)
    return done(request, client, _("Client reopened."), "status")


@staff_required("client.list")
def tasks(request):
    """My tasks: open follow-ups assigned to me, overdue or due within seven days."""
    rows = list(selectors.tasks_for(request.user))
    audit_read(request, "follow_up.list_viewed", None, rows=len(rows))
    today = timezone.localdate()
    return render(request, "casework/tasks.html", {"tasks": rows, "today": today})


@staff_required("casework.team")
def team(request):
    rows = selectors.team_figures(request.user)
    return render(request, "casework/team.html", {"rows": rows})


urlpatterns = [
    path("staff/clients/", client_list, name="client_list"),
    path("staff/clients/new/", client_new, name="client_new"),
    path("staff/clients/<int:pk>/", client_detail, name="client_detail"),
    path("staff/clients/<int:pk>/edit/", client_edit, name="client_edit"),
    path("staff/clients/<int:pk>/consents/", consent_add, name="consent_add"),
    path(
        "staff/clients/<int:pk>/consents/<int:consent_pk>/withdraw/",
        consent_withdraw,
        name="consent_withdraw",
    ),
    path("staff/clients/<int:pk>/sessions/", session_add, name="session_add"),
    path("staff/clients/<int:pk>/tasks/", follow_up_add, name="follow_up_add"),
    path("staff/tasks/<int:task_pk>/done/", follow_up_done, name="follow_up_done"),
    path("staff/clients/<int:pk>/outcome/", outcome_add, name="outcome_add"),
    path("staff/clients/<int:pk>/close/", client_close, name="client_close"),
    path("staff/clients/<int:pk>/reopen/", client_reopen, name="client_reopen"),
    path("staff/tasks/", tasks, name="tasks"),
    path("staff/team/", team, name="team"),
]
