from lotse.accounts.models import Role
from lotse.accounts.permissions import has_role, rule, same_organisation


@rule("centre.change")
def _centre_change(user, centre) -> bool:
    """Staff of the organisation that runs a centre keep its public entry up to date."""
    if user.is_administrator:
        return True
    return has_role(user, Role.COUNSELLOR, Role.LEAD) and same_organisation(user, centre)
