from lotse.accounts.models import Role
from lotse.accounts.permissions import has_role, rule, same_organisation

NETWORK_ROLES = (Role.COORDINATOR, Role.QUALITY)
INSTITUTION_EDITORS = (Role.LEAD, Role.QUALITY)


@rule("quality.catalogue.change")
def _catalogue_change(user, obj) -> bool:
    return user.is_administrator or has_role(user, *NETWORK_ROLES)


@rule("quality.use")
def _use(user, obj) -> bool:
    return user.organisation_id is not None or user.is_administrator


@rule("quality.assessment.view")
def _assessment_view(user, assessment) -> bool:
    """An institution sees its own assessments; the network coordination sees all."""
    return has_role(user, *NETWORK_ROLES) or same_organisation(user, assessment)


@rule("quality.assessment.edit")
def _assessment_edit(user, assessment) -> bool:
    return (
        has_role(user, *INSTITUTION_EDITORS)
        and same_organisation(user, assessment)
        and (assessment is None or assessment.editable)
    )


@rule("quality.assessment.start")
def _assessment_start(user, organisation) -> bool:
    return has_role(user, *INSTITUTION_EDITORS) and same_organisation(user, organisation)


@rule("quality.assessment.review")
def _assessment_review(user, assessment) -> bool:
    return has_role(user, Role.COORDINATOR) or user.is_administrator


@rule("quality.feedback.view")
def _feedback_view(user, organisation) -> bool:
    """Free-text answers are for the institution only, not for the network."""
    return same_organisation(user, organisation) and has_role(
        user, Role.LEAD, Role.QUALITY, Role.COUNSELLOR
    )
