"""The rules that protect clients, shared by every service of case management.

They live below the services so that the services of clients, cases and referrals can each
sit in their own module and still obey one definition of "consent first" (PRODUCT.md §4).
"""

from datetime import date

from django.utils.translation import gettext as _

from lotse.casework.models import Client
from lotse.casework.selectors import has_consent

# Without a counselling consent only these may be stored (PRODUCT.md §4, data minimisation).
CONTACT_FIELDS = ("name", "email", "phone", "preferred_language")
PROFILE_FIELDS = (
    "languages",
    "gender",
    "birth_year",
    "country_of_residence",
    "arrived_on",
    "district_code",
    "residence_status",
    "qualification_country",
    "qualification_level",
    "qualifications",
    "work_experience",
)


class CaseworkError(Exception):
    """A change the rules do not allow; the message is for the counsellor."""


def profile_values(values: dict) -> dict:
    """The profile fields that carry something (a default choice counts as empty)."""
    empty = {None, "", "not_stated"}
    return {k: v for k, v in values.items() if k in PROFILE_FIELDS and v not in empty}


def refuse_profile_without_consent(client: Client | None, values: dict) -> None:
    if profile_values(values) and (client is None or not has_consent(client)):
        raise CaseworkError(
            _(
                "Record the client's consent to counselling first. Until then only name, "
                "contact details and preferred language may be stored."
            )
        )


def require_consent(client: Client) -> None:
    """Sessions, cases, referrals and documents need an active counselling consent."""
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))
    if not has_consent(client):
        raise CaseworkError(_("Record the client's consent to counselling first."))


def require_active(client: Client) -> None:
    if client.status == Client.Status.CLOSED:
        raise CaseworkError(_("This client is closed. Reopen the client first."))


def touch(client: Client, on: date) -> None:
    """Move the client's last contact forward (never back) to `on`."""
    if on > client.last_contact_on:
        Client.objects.filter(pk=client.pk).update(last_contact_on=on)
        client.last_contact_on = on
