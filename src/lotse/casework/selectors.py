"""Reads of case management. Every query starts from `scope(user, …)` (own organisation)."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from lotse.accounts.permissions import scope
from lotse.casework.models import Client, FollowUp, RecognitionCase, Referral
from lotse.casework.vocab import ConsentPurpose, ReferralStatus
from lotse.occupations.normalise import keys_for


def has_consent(client: Client, purpose: str = ConsentPurpose.COUNSELLING) -> bool:
    return client.consents.filter(purpose=purpose, withdrawn_on__isnull=True).exists()


def shared_snapshot(client: Client, fields: list[str]) -> dict:
    """The values a referral consent allows to pass on, as the receiver will see them."""
    data: dict = {}
    for field in fields:
        if field == "cases":
            data["cases"] = [
                {"occupation": case.occupation.title_de, "status": case.get_status_display()}
                for case in client.cases.select_related("occupation")
            ]
        elif field == "qualification_country":
            data[field] = client.qualification_country
        elif hasattr(client, field):
            data[field] = str(getattr(client, field) or "")
    return data


def clients_for(user) -> QuerySet[Client]:
    return scope(user, Client.objects.all())


def overdue_filter() -> Exists:
    return Exists(
        FollowUp.objects.filter(
            client=OuterRef("pk"), done_on__isnull=True, due_on__lt=timezone.localdate()
        )
    )


SORTS = {
    "recent": ("-last_contact_on", "-id"),
    "oldest": ("last_contact_on", "id"),
    "name": ("name_key", "id"),
    "number": ("number",),
    "first_contact": ("-first_contact_on", "-id"),
}


def client_list(
    user,
    *,
    query: str = "",
    status: str = "",
    occupation=None,
    counsellor_id: int | None = None,
    case_status: str = "",
    overdue: bool = False,
    sort: str = "recent",
) -> QuerySet[Client]:
    """The filtered client list. Each filter is one indexed condition; the page loads the
    counsellor with a join, nothing per row."""
    clients = clients_for(user).filter(erased_at__isnull=True)
    query = query.strip()
    if query:
        if query.upper().startswith("K-"):
            clients = clients.filter(number=query.upper())
        else:
            key = keys_for(query).latin
            clients = clients.filter(name_key__contains=key) if key else clients.none()
    if status:
        clients = clients.filter(status=status)
    if counsellor_id:
        clients = clients.filter(counsellor_id=counsellor_id)
    if occupation is not None or case_status:
        cases = RecognitionCase.objects.filter(client=OuterRef("pk"))
        if occupation is not None:
            cases = cases.filter(occupation=occupation)
        if case_status:
            cases = cases.filter(status=case_status)
        clients = clients.filter(Exists(cases))
    if overdue:
        clients = clients.filter(overdue_filter())
    return clients.select_related("counsellor").order_by(*SORTS.get(sort, SORTS["recent"]))


def possible_duplicates(
    user,
    *,
    name: str = "",
    email: str = "",
    phone: str = "",
    birth_year: int | None = None,
    limit: int = 10,
) -> list[Client]:
    """Clients of the user's organisation who may be the same person: same e-mail or phone,
    or a name that matches after folding case, accents and script (Ольга = Olga), each
    name word found in the other name. Birth year, where both have one, must agree."""
    conditions = Q()
    if email.strip():
        conditions |= Q(email__iexact=email.strip())
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) >= 6:
        conditions |= Q(phone__endswith=digits[-6:])
    words = [w for w in keys_for(name).latin.split() if len(w) >= 2]
    if words:
        name_condition = Q()
        for word in words:
            name_condition &= Q(name_key__contains=word)
        if birth_year:
            name_condition &= Q(birth_year=birth_year) | Q(birth_year__isnull=True)
        conditions |= name_condition
    if not conditions:
        return []
    found = clients_for(user).filter(erased_at__isnull=True).filter(conditions)
    return list(found.select_related("counsellor").order_by("-last_contact_on")[:limit])


def tasks_for(user, *, within_days: int = 7) -> QuerySet[FollowUp]:
    """Open tasks assigned to the user, due within `within_days` or overdue."""
    until = timezone.localdate() + timedelta(days=within_days)
    return (
        scope(user, FollowUp.objects.all())
        .filter(assignee=user, done_on__isnull=True, due_on__lte=until)
        .select_related("client")
        .order_by("due_on", "id")
    )


def referrals_received(user) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(receiving_organisation_id=user.organisation_id)
        .exclude(status=ReferralStatus.STOPPED)
        .select_related("organisation")
        .order_by("-created_on", "-id")
    )


def team_figures(user) -> list[dict]:
    """Per counsellor of the lead's organisation: active clients, open cases, overdue tasks."""
    today = timezone.localdate()
    clients = clients_for(user).filter(status=Client.Status.ACTIVE, erased_at__isnull=True)
    by_counsellor = {
        row["counsellor"]: row["n"] for row in clients.values("counsellor").annotate(n=Count("id"))
    }
    cases = scope(user, RecognitionCase.objects.all()).exclude(
        status__in=["completed", "abandoned"]
    )
    open_cases = {
        row["counsellor"]: row["n"] for row in cases.values("counsellor").annotate(n=Count("id"))
    }
    overdue = scope(user, FollowUp.objects.all()).filter(done_on__isnull=True, due_on__lt=today)
    tasks = {
        row["assignee"]: row["n"] for row in overdue.values("assignee").annotate(n=Count("id"))
    }
    from lotse.accounts.models import User

    members = User.objects.filter(organisation_id=user.organisation_id, is_active=True)
    return [
        {
            "member": member,
            "active_clients": by_counsellor.get(member.pk, 0),
            "open_cases": open_cases.get(member.pk, 0),
            "overdue_tasks": tasks.get(member.pk, 0),
        }
        for member in members.order_by("last_name", "username")
    ]
