from django.db.models import QuerySet

from lotse.accounts.models import Organisation, User
from lotse.accounts.permissions import require


def organisation_members(*, user: User, organisation: Organisation) -> QuerySet[User]:
    """Active members of an organisation the user may see."""
    require(user, "organisation.members.view", organisation)
    return organisation.members.filter(is_active=True).order_by("last_name", "username")
