"""Who may do what with client records (PRODUCT.md §4: own organisation only, default deny).

Counsellors and leads of an organisation work on its clients; leads also see team figures and
produce the quarterly monitoring export. Nobody else (trainers, quality managers, coordinators,
administrators) reaches client records through the app.
"""

from lotse.accounts.models import Role
from lotse.accounts.permissions import has_role, rule, same_organisation

CASEWORKERS = (Role.COUNSELLOR, Role.LEAD)


def _caseworker(user) -> bool:
    return has_role(user, *CASEWORKERS) and user.organisation_id is not None


@rule("client.list")
def _client_list(user, obj) -> bool:
    return _caseworker(user)


@rule("client.create")
def _client_create(user, obj) -> bool:
    return _caseworker(user)


@rule("client.view")
def _client_view(user, record) -> bool:
    """`record` is a client or any of its child records (all carry `organisation_id`)."""
    return _caseworker(user) and same_organisation(user, record)


@rule("client.change")
def _client_change(user, record) -> bool:
    return _caseworker(user) and same_organisation(user, record)


@rule("client.erase")
def _client_erase(user, client) -> bool:
    return _caseworker(user) and same_organisation(user, client)


@rule("referral.answer")
def _referral_answer(user, referral) -> bool:
    return _caseworker(user) and referral.receiving_organisation_id == user.organisation_id


@rule("casework.team")
def _team(user, obj) -> bool:
    return has_role(user, Role.LEAD) and user.organisation_id is not None


@rule("casework.monitoring_export")
def _monitoring_export(user, obj) -> bool:
    return has_role(user, Role.LEAD) and user.organisation_id is not None


@rule("client.export")
def _client_export(user, client) -> bool:
    """Art. 15/20 export: everything about one client, so only their own organisation."""
    return _caseworker(user) and same_organisation(user, client)
