from lotse.accounts.models import Role
from lotse.accounts.permissions import has_role, rule, same_organisation


@rule("appointment_request.list")
def _list(user, obj) -> bool:
    return has_role(user, Role.COUNSELLOR, Role.LEAD) and user.organisation_id is not None


@rule("appointment_request.decide")
def _decide(user, request) -> bool:
    return has_role(user, Role.COUNSELLOR, Role.LEAD) and same_organisation(user, request)
