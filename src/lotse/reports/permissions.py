"""Who sees which statistics (PRODUCT.md §4: coordinators see anonymised aggregates).

Network coordinators see the anonymised figures of the whole network, including the breakdown
by organisation. An organisation lead sees their own organisation's figures and the anonymised
network (never other organisations one by one). Everybody else — counsellors, trainers,
quality managers, administrators — is refused: default deny. No rule ever lets a person's
record through; every figure passes `lotse.reports.suppression.suppress`.
"""

from lotse.accounts.models import Role
from lotse.accounts.permissions import has_role, rule


def _lead(user) -> bool:
    return has_role(user, Role.LEAD) and user.organisation_id is not None


@rule("reports.view")
def _view(user, obj) -> bool:
    return has_role(user, Role.COORDINATOR) or _lead(user)


@rule("reports.network")
def _network(user, obj) -> bool:
    return has_role(user, Role.COORDINATOR) or _lead(user)


@rule("reports.own")
def _own(user, obj) -> bool:
    return _lead(user)


@rule("reports.organisations")
def _organisations(user, obj) -> bool:
    return has_role(user, Role.COORDINATOR)


@rule("reports.refresh")
def _refresh(user, obj) -> bool:
    return has_role(user, Role.COORDINATOR)
