"""Reads of case management. Every query starts from `scope(user, …)` (own organisation)."""

from datetime import timedelta

from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import PostgresOperatorLookup
from django.utils import timezone

from lotse.accounts.models import User
from lotse.accounts.permissions import scope
from lotse.casework.duplicates import email_key, name_key, names_match, phone_key
from lotse.casework.models import (
    Client,
    Consent,
    FollowUp,
    RecognitionCase,
    Referral,
)
from lotse.casework.vocab import FINAL_CASE_STATUSES, ConsentPurpose, ReferralStatus
from lotse.occupations.models import Authority, Occupation

# On SQLite the duplicate check compares names in Python; it reads at most this many of the
# organisation's most recently contacted clients (PostgreSQL uses the trigram index instead).
DUPLICATE_SCAN_LIMIT = 20_000


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
        elif hasattr(client, field):
            data[field] = str(getattr(client, field) or "")
    return data


def clients_for(user) -> QuerySet[Client]:
    return scope(user, Client.objects.all())


def overdue_filter() -> Exists:
    return Exists(
        FollowUp.objects.filter(
            # The organisation too, so that PostgreSQL reads one organisation's open tasks
            # from the partial index instead of every organisation's.
            organisation_id=OuterRef("organisation_id"),
            client=OuterRef("pk"),
            done_on__isnull=True,
            due_on__lt=timezone.localdate(),
        )
    )


SORTS = {
    "recent": ("-last_contact_on", "-id"),
    "oldest": ("last_contact_on", "id"),
    "name": ("name_key", "id"),
    "number": ("number",),
    "first_contact": ("-first_contact_on", "-id"),
}


def _search(clients: QuerySet[Client], query: str) -> QuerySet[Client]:
    """A client number (with or without dashes), an e-mail address, a phone number or a name
    (any script, any part, words in any order): each an indexed condition (the name words use
    the trigram index on PostgreSQL)."""
    compact = query.upper().replace("-", "").replace(" ", "")
    if compact.startswith("K") and len(compact) == 9 and compact.isalnum():
        return clients.filter(number=f"K-{compact[1:5]}-{compact[5:]}")
    if "@" in query:
        return clients.filter(email=email_key(query))
    digits = phone_key(query)
    if digits and not any(ch.isalpha() for ch in query):
        return clients.filter(phone_key=digits)
    words = name_key(query).split()
    if not words:
        return clients.none()
    for word in words[:5]:
        clients = clients.filter(name_key__contains=word)
    return clients


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
        clients = _search(clients, query)
    if status:
        clients = clients.filter(status=status)
    if counsellor_id:
        clients = clients.filter(counsellor_id=counsellor_id)
    if occupation is not None or case_status:
        cases = RecognitionCase.objects.filter(
            organisation_id=OuterRef("organisation_id"), client=OuterRef("pk")
        )
        if occupation is not None:
            cases = cases.filter(occupation=occupation)
        if case_status:
            cases = cases.filter(status=case_status)
        clients = clients.filter(Exists(cases))
    if overdue:
        clients = clients.filter(overdue_filter())
    return clients.select_related("counsellor").order_by(*SORTS.get(sort, SORTS["recent"]))


def client_rows(clients: QuerySet[Client]) -> QuerySet[Client]:
    """What each row of the client list shows beyond the client itself, computed in the same
    query: the number of open recognition cases and whether a task is overdue."""
    open_cases = (
        RecognitionCase.objects.filter(client=OuterRef("pk"))
        .exclude(status__in=FINAL_CASE_STATUSES)
        .order_by()
        .values("client")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return clients.annotate(
        open_cases=Coalesce(Subquery(open_cases, output_field=IntegerField()), Value(0)),
        has_overdue=overdue_filter(),
    )


def case_occupations(user) -> QuerySet[Occupation]:
    """The reference occupations of the organisation's recognition cases, for the list filter."""
    used = scope(user, RecognitionCase.objects.all()).values("occupation_id")
    return Occupation.objects.filter(pk__in=used).order_by("title_de")


class _TrigramSimilar(PostgresOperatorLookup):
    """`name_key % 'olga petrenko'`: answered from the trigram GIN index (migration 0002)."""

    lookup_name = "trigram_similar"
    postgres_operator = "%%"


class _Similarity(Func):
    function = "SIMILARITY"
    output_field = FloatField()


def _name_candidates(clients: QuerySet[Client], key: str) -> list[tuple[int, str, int | None]]:
    if connection.vendor == "postgresql":
        rows = (
            clients.filter(_TrigramSimilar(F("name_key"), Value(key)))
            .annotate(similarity=_Similarity(F("name_key"), Value(key)))
            .order_by("-similarity")[:200]
        )
    else:
        rows = clients.order_by("-last_contact_on", "-id")[:DUPLICATE_SCAN_LIMIT]
    return list(rows.values_list("pk", "name_key", "birth_year"))


def possible_duplicates(
    user,
    *,
    name: str = "",
    email: str = "",
    phone: str = "",
    birth_year: int | None = None,
    limit: int = 10,
) -> list[Client]:
    """Clients of the user's organisation who may be the same person: same e-mail or phone
    (however typed), or a similar name in any script ("Olha Petrenko", "Olga Petrenko" and
    "Ольга Петренко" meet; see `duplicates.names_match`). Birth years, where both are known,
    may differ by one at most. Each client found carries `match_reasons`.

    Contact matches are equality lookups on indexed keys. Names: on PostgreSQL the trigram
    index on `name_key` picks candidates, so the check stays fast at a million clients; on
    SQLite (development, small installations) it is a bounded scan of the organisation's
    `DUPLICATE_SCAN_LIMIT` most recently contacted clients, compared in Python.
    """
    clients = clients_for(user).filter(erased_at__isnull=True)
    reasons: dict[int, list[str]] = {}

    def found(pks, reason: str) -> None:
        for pk in pks:
            reasons.setdefault(pk, []).append(reason)

    if email_key(email):
        found(clients.filter(email=email_key(email)).values_list("pk", flat=True)[:limit], "email")
    if phone_key(phone):
        found(
            clients.filter(phone_key=phone_key(phone)).values_list("pk", flat=True)[:limit],
            "phone",
        )
    key = name_key(name)
    if key:
        similar = [
            pk
            for pk, other, year in _name_candidates(clients, key)
            if names_match(key, other)
            and (not birth_year or not year or abs(int(birth_year) - year) <= 1)
        ]
        found(similar[:limit], "name")
    if not reasons:
        return []
    rows = list(
        clients.filter(pk__in=list(reasons))
        .select_related("counsellor")
        .order_by("-last_contact_on", "-id")[:limit]
    )
    for row in rows:
        row.match_reasons = reasons[row.pk]
    return rows


def tasks_for(user, *, within_days: int = 7) -> QuerySet[FollowUp]:
    """Open tasks assigned to the user, due within `within_days` or overdue, overdue first."""
    until = timezone.localdate() + timedelta(days=within_days)
    return (
        scope(user, FollowUp.objects.all())
        .filter(assignee=user, done_on__isnull=True, due_on__lte=until)
        .filter(client__erased_at__isnull=True)
        .select_related("client")
        .order_by("due_on", "id")
    )


def referrals_received(user) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(receiving_organisation_id=user.organisation_id)
        .exclude(status=ReferralStatus.STOPPED)
        .select_related("organisation", "decided_by")
        .order_by("-created_on", "-id")
    )


def team_figures(user) -> list[dict]:
    """Per counsellor of the lead's organisation: active clients, open cases, overdue tasks.
    Three grouped counts, whatever the size of the team."""
    today = timezone.localdate()
    clients = clients_for(user).filter(status=Client.Status.ACTIVE, erased_at__isnull=True)
    by_counsellor = {
        row["counsellor"]: row["n"]
        for row in clients.order_by().values("counsellor").annotate(n=Count("id"))
    }
    cases = scope(user, RecognitionCase.objects.all()).exclude(status__in=FINAL_CASE_STATUSES)
    open_cases = {
        row["counsellor"]: row["n"]
        for row in cases.order_by().values("counsellor").annotate(n=Count("id"))
    }
    overdue = scope(user, FollowUp.objects.all()).filter(done_on__isnull=True, due_on__lt=today)
    tasks = {
        row["assignee"]: row["n"]
        for row in overdue.order_by().values("assignee").annotate(n=Count("id"))
    }
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


def unassigned_active_clients(user) -> int:
    return (
        clients_for(user)
        .filter(status=Client.Status.ACTIVE, erased_at__isnull=True, counsellor__isnull=True)
        .count()
    )


# --- JSON API (`lotse.api.casework`) --------------------------------------------------------


def _active_consent() -> Exists:
    return Exists(
        Consent.objects.filter(
            client=OuterRef("pk"),
            purpose=ConsentPurpose.COUNSELLING,
            withdrawn_on__isnull=True,
        )
    )


def api_clients(user, *, status: str = "", query: str = "", updated_since=None) -> QuerySet[Client]:
    """Clients for the API: the web list's filters, oldest first so that paging with `offset`
    stays stable while clients are added, consent annotated (no query per row)."""
    clients = client_list(user, query=query, status=status)
    if updated_since is not None:
        clients = clients.filter(updated_at__gte=updated_since)
    return clients.annotate(has_counselling_consent=_active_consent()).order_by("id")


def api_client_get(user, pk: int) -> Client | None:
    """One client of the user's organisation (None for another organisation's or an erased
    one, so that the API answers 404 without telling which)."""
    return api_clients(user).filter(pk=pk).first()


def api_cases(
    user,
    *,
    status: str = "",
    client_id: int | None = None,
    occupation_slug: str = "",
    updated_since=None,
) -> QuerySet[RecognitionCase]:
    cases = scope(user, RecognitionCase.objects.all()).filter(client__erased_at__isnull=True)
    if status:
        cases = cases.filter(status=status)
    if client_id is not None:
        cases = cases.filter(client_id=client_id)
    if occupation_slug:
        cases = cases.filter(occupation__slug=occupation_slug)
    if updated_since is not None:
        cases = cases.filter(updated_at__gte=updated_since)
    return cases.select_related("client", "occupation", "authority", "counsellor").order_by("id")


def api_case_get(user, pk: int) -> RecognitionCase | None:
    return api_cases(user).filter(pk=pk).first()


def case_timeline(case: RecognitionCase) -> list:
    return list(case.steps.order_by("date", "id"))


def authority_by_key(key: str) -> Authority | None:
    return Authority.objects.filter(key=key).first()
