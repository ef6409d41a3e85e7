from lotse.accounts.models import Role
from lotse.accounts.permissions import has_role, rule


@rule("training.manage")
def _manage(user, event) -> bool:
    """Trainers manage their own events; coordinators all."""
    if has_role(user, Role.COORDINATOR) or user.is_administrator:
        return True
    if not has_role(user, Role.TRAINER):
        return False
    return event is None or event.trainers.filter(pk=user.pk).exists()
