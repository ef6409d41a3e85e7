"""Client list, manual intake, the client page and the client's master data."""

import hashlib

from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import can
from lotse.casework import selectors, services
from lotse.casework.consent_texts import CURRENT_VERSION, text_for
from lotse.casework.duplicates import email_key, name_key, phone_key
from lotse.casework.entry_forms import (
    CloseForm,
    FollowUpForm,
    OutcomeForm,
    ReferralForm,
    SessionForm,
)
from lotse.casework.forms import (
    ClientFilterForm,
    ConsentForm,
    ContactEditForm,
    IntakeConsentForm,
    IntakeForm,
    ProfileForm,
)
from lotse.casework.models import Client
from lotse.casework.views import appointments, documents, privacy
from lotse.casework.views.common import (
    audit_read,
    done,
    get_client,
    other_organisations,
    paginate,
    team_members,
)
from lotse.casework.vocab import SHAREABLE_FIELD_LABELS, ConsentPurpose, Topic
from lotse.directory.selectors import district_get, districts_all
from lotse.occupations.models import Occupation
from lotse.training.models import QualificationOffer

PAGE_SIZE = 50


@staff_required("client.list")
def client_list(request):
    """Search, filter, sort and page through the organisation's clients. One query for the
    page whatever its length (open cases and overdue tasks are annotations)."""
    user = request.user
    form = ClientFilterForm(
        request.GET or None,
        members=team_members(user),
        occupations=selectors.case_occupations(user),
    )
    valid = not form.is_bound or form.is_valid()
    data = form.cleaned_data if form.is_bound and valid else {}
    clients = selectors.client_list(
        user,
        query=data.get("q", ""),
        status=data.get("status", ""),
        occupation=data.get("occupation"),
        counsellor_id=data["counsellor"].pk if data.get("counsellor") else None,
        case_status=data.get("case_status", ""),
        overdue=bool(data.get("overdue")),
        sort=data.get("sort") or "recent",
    )
    if not valid:
        clients = clients.none()
    page = paginate(request, selectors.client_rows(clients), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    audit_read(request, "client.list_viewed", None, page=page.number, rows=len(page.object_list))
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(value for key, value in data.items() if key != "sort"),
        "today": timezone.localdate(),
    }
    return render(request, "casework/client_list.html", context, status=200 if valid else 400)


def _checked(data: dict) -> str:
    """What the duplicate check looked at, so that "create anyway" applies to those values."""
    keys = [
        name_key(data.get("name", "")),
        email_key(data.get("email", "")),
        phone_key(data.get("phone", "")),
        str(data.get("birth_year") or ""),
    ]
    return hashlib.sha256("|".join(keys).encode()).hexdigest()[:20]


@staff_required("client.create")
def client_new(request):
    """Manual intake. Possible duplicates are shown before a new client is created; the
    counsellor opens the existing client or creates a new one anyway."""
    contact = IntakeForm(request.POST or None)
    consent = IntakeConsentForm(request.POST or None, prefix="c")
    duplicates: list[Client] = []
    checked = ""
    if request.method == "POST" and contact.is_valid() and consent.is_valid():
        values = dict(contact.cleaned_data)
        checked = _checked(values)
        duplicates = selectors.possible_duplicates(
            request.user,
            name=values["name"],
            email=values["email"],
            phone=values["phone"],
            birth_year=values.get("birth_year"),
        )
        confirmed = request.POST.get("confirm_new") == checked
        if not duplicates or confirmed:
            agreed = consent.consent()
            if agreed is None:
                values.pop("birth_year", None)
            try:
                client = services.client_create(
                    organisation=request.user.organisation,
                    user=request.user,
                    values=values,
                    consent=agreed,
                    request=request,
                )
            except services.CaseworkError as error:
                contact.add_error(None, str(error))
            else:
                return done(
                    request, client, _("Client %(number)s created.") % {"number": client.number}
                )
        else:
            audit_read(request, "client.duplicates_shown", None, rows=len(duplicates))
    context = {
        "contact": contact,
        "consent": consent,
        "duplicates": duplicates,
        "checked": checked,
        "consent_text": text_for(CURRENT_VERSION, ConsentPurpose.COUNSELLING),
        "consent_version": CURRENT_VERSION,
    }
    failed = contact.errors or consent.errors
    return render(request, "casework/client_new.html", context, status=400 if failed else 200)


def _guide_request(client: Client) -> dict:
    found = client.appointment_request
    if found is None:
        return {}
    occupation = Occupation.objects.filter(slug=found.occupation_slug).first()
    return {"guide_request": found, "guide_occupation": occupation}


def detail_context(request, client: Client) -> dict:
    """Everything the client page shows, plus what the documents, appointments and privacy
    parts add through their own `detail_context`."""
    user = request.user
    today = timezone.localdate()
    consents = list(client.consents.select_related("receiving_organisation", "recorded_by"))
    labels = dict(SHAREABLE_FIELD_LABELS)
    for consent in consents:
        consent.text = text_for(consent.text_version, consent.purpose)
        consent.shared_labels = [labels.get(f, f) for f in consent.shared_fields]
    has_consent = any(c.is_active and c.purpose == ConsentPurpose.COUNSELLING for c in consents)
    cases = list(client.cases.select_related("occupation", "authority"))
    for case in cases:
        case.days_waiting = services.days_since_submission(case, today)
    sessions = list(client.sessions.select_related("counsellor")[:100])
    topics = dict(Topic.choices)
    for session in sessions:
        session.topic_labels = [topics.get(t, t) for t in session.topics]
    referrals = list(client.referrals.select_related("offer", "receiving_organisation"))
    for referral in referrals:
        referral.shared_labels = [labels.get(k, k) for k in referral.shared_data]
    follow_ups = list(client.follow_ups.select_related("assignee")[:100])
    members = team_members(user)
    organisations = other_organisations(user)
    context = {
        "client": client,
        "today": today,
        "can_change": can(user, "client.change", client),
        "has_consent": has_consent,
        "is_closed": client.status == Client.Status.CLOSED,
        "consents": consents,
        "sessions": sessions,
        "session_count": client.sessions.count(),
        "cases": cases,
        "open_cases": sum(1 for case in cases if case.is_open),
        "referrals": referrals,
        "open_follow_ups": [t for t in follow_ups if t.done_on is None],
        "done_follow_ups": [t for t in follow_ups if t.done_on is not None],
        "outcomes": list(client.outcomes.all()),
        "session_form": SessionForm(prefix="s", initial={"language": client.preferred_language}),
        "consent_form": ConsentForm(prefix="k", organisations=organisations),
        "consent_texts": [
            (ConsentPurpose(p).label, text_for(CURRENT_VERSION, p)) for p in ConsentPurpose.values
        ],
        "consent_version": CURRENT_VERSION,
        "follow_up_form": FollowUpForm(prefix="f", members=members, initial={"assignee": user.pk}),
        "outcome_form": OutcomeForm(prefix="o"),
        "close_form": CloseForm(prefix="x"),
        "referral_form": ReferralForm(
            prefix="r",
            offers=QualificationOffer.objects.order_by("title"),
            organisations=organisations,
        ),
        "district": district_get(code=client.district_code) if client.district_code else None,
        **_guide_request(client),
    }
    for part in (documents, appointments, privacy):
        context.update(part.detail_context(request, client))
    return context


@staff_required("client.list")
def client_detail(request, pk: int):
    client = get_client(request, pk)
    audit_read(request, "client.viewed", client)
    return render(request, "casework/client_detail.html", detail_context(request, client))


def rerender(request, client: Client, **forms):
    """The client page again, with the form that failed showing its errors (a read of the
    client's data like any other view of the page, so it is audited too)."""
    audit_read(request, "client.viewed", client)
    context = detail_context(request, client)
    context.update(forms)
    context["failed"] = next(iter(forms))
    return render(request, "casework/client_detail.html", context, status=400)


def submit_entry(request, client: Client, *, form, name: str, write, message: str, anchor: str):
    """A quick entry of the client page: if `form` is valid and `write(cleaned_data)` passes
    the service's rules, back to the page's `anchor` with `message`; otherwise the page again
    with the form (context `name`) showing why."""
    if form.is_valid():
        try:
            write(form.cleaned_data)
        except services.CaseworkError as error:
            form.add_error(None, str(error))
        else:
            return done(request, client, message, anchor)
    return rerender(request, client, **{name: form})


@staff_required("client.list")
def client_edit(request, pk: int):
    """Contact data always; the profile only once the client consented to counselling."""
    client = get_client(request, pk, "client.change")
    has_consent = selectors.has_consent(client)
    members = team_members(request.user)
    initial = {f: getattr(client, f) for f in services.CONTACT_FIELDS}
    initial["counsellor"] = client.counsellor_id
    contact = ContactEditForm(request.POST or None, initial=initial, members=members)
    profile = None
    if has_consent:
        # A copy: a model form writes into its instance while validating, and the service
        # must see the stored values to record which fields changed.
        profile = ProfileForm(
            request.POST or None,
            instance=Client.objects.get(pk=client.pk),
            districts=districts_all(),
            prefix="p",
        )
    if request.method == "POST":
        if contact.is_valid() and (profile is None or profile.is_valid()):
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
    failed = contact.errors or (profile is not None and profile.errors)
    return render(request, "casework/client_edit.html", context, status=400 if failed else 200)


urlpatterns = [
    path("staff/clients/", client_list, name="client_list"),
    path("staff/clients/new/", client_new, name="client_new"),
    path("staff/clients/<int:pk>/", client_detail, name="client_detail"),
    path("staff/clients/<int:pk>/edit/", client_edit, name="client_edit"),
]
