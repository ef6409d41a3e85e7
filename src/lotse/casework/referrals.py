"""Writes of referrals. A referral to another organisation carries a copy of exactly the
fields the client's referral consent names; the receiver accepts or declines it; withdrawing
the consent (`services.consent_withdraw`) stops it and removes the copy. `services` re-exports
these functions so that views and the API have one entry point."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.casework.models import Client, Referral
from lotse.casework.rules import CaseworkError, require_active, require_consent
from lotse.casework.selectors import shared_snapshot
from lotse.casework.vocab import ConsentPurpose, ReferralKind, ReferralStatus
from lotse.core.audit import audit_record


def _referral_consent(client: Client, receiving_organisation):
    if receiving_organisation is None:
        raise CaseworkError(_("Choose the organisation that receives the referral."))
    if receiving_organisation.pk == client.organisation_id or not receiving_organisation.is_active:
        raise CaseworkError(_("Choose another active organisation than your own."))
    consent = (
        client.consents.filter(
            purpose=ConsentPurpose.REFERRAL,
            withdrawn_on__isnull=True,
            receiving_organisation=receiving_organisation,
        )
        .order_by("-given_on", "-id")
        .first()
    )
    if consent is None:
        raise CaseworkError(
            _(
                "There is no consent to pass this client's data on to %(organisation)s. "
                "Record the consent first."
            )
            % {"organisation": receiving_organisation.name}
        )
    return consent


@transaction.atomic
def referral_create(
    *,
    client: Client,
    user,
    kind: str,
    offer=None,
    receiving_organisation=None,
    target: str = "",
    note: str = "",
    request=None,
) -> Referral:
    """Refer a client. To another organisation only under an active referral consent naming
    that organisation; the receiver then sees exactly the fields the consent lists."""
    require_consent(client)
    require_active(client)
    target = (target or "").strip()
    consent = None
    shared: dict = {}
    if kind == ReferralKind.ORGANISATION:
        consent = _referral_consent(client, receiving_organisation)
        shared = shared_snapshot(client, consent.shared_fields)
    elif kind == ReferralKind.OFFER and offer is None:
        raise CaseworkError(_("Choose the qualification offer."))
    elif kind in (ReferralKind.LANGUAGE, ReferralKind.EMPLOYER) and not target:
        raise CaseworkError(_("Name the course, employer or contact person."))
    referral = Referral.objects.create(
        client=client,
        organisation_id=client.organisation_id,
        kind=kind,
        offer=offer if kind == ReferralKind.OFFER else None,
        receiving_organisation=receiving_organisation if consent else None,
        consent=consent,
        target=target,
        shared_data=shared,
        note=note or "",
        created_by=user,
        status=ReferralStatus.SENT,
    )
    audit_record(
        action="referral.created",
        actor=user,
        target=referral,
        request=request,
        extra={
            "kind": kind,
            "receiver": referral.receiving_organisation_id,
            "fields": sorted(shared),
        },
    )
    return referral


@transaction.atomic
def referral_answer(*, referral: Referral, user, accept: bool, request=None) -> None:
    """The receiving organisation accepts or declines; the event is logged for both sides."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.receiving_organisation_id != user.organisation_id:
        raise CaseworkError(_("Only the receiving organisation can answer a referral."))
    if referral.status != ReferralStatus.SENT:
        raise CaseworkError(_("This referral has already been answered or stopped."))
    referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
    referral.decided_at = timezone.now()
    referral.decided_by = user
    referral.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(
        action="referral.accepted" if accept else "referral.declined",
        actor=user,
        target=referral,
        organisation_id=user.organisation_id,
        request=request,
    )
