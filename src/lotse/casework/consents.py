"""Writes of consents: record one under the current text version, withdraw one. Withdrawing a
referral consent stops the referrals made under it and removes the data the receiver saw.
`services` re-exports these functions so that views and the API have one entry point."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.casework.consent_texts import CURRENT_VERSION
from lotse.casework.models import Client, Consent
from lotse.casework.rules import CaseworkError
from lotse.casework.vocab import SHAREABLE_FIELDS, ConsentPurpose, ReferralStatus
from lotse.core.audit import audit_record


@transaction.atomic
def consent_record(
    *,
    client: Client,
    user,
    purpose: str,
    given_on: date,
    given_by: str = "client",
    form: str = "written",
    receiving_organisation=None,
    shared_fields=None,
    request=None,
    text_version: str = CURRENT_VERSION,
) -> Consent:
    """Record a consent under the current text version. A referral consent names the
    receiving organisation and the fields that may be passed on."""
    if client.is_erased:
        raise CaseworkError(_("This client's personal data has been erased."))
    if purpose not in ConsentPurpose.values:
        raise CaseworkError(_("Choose the purpose of the consent."))
    if given_on > timezone.localdate():
        raise CaseworkError(_("The date of the consent cannot be in the future."))
    fields: list[str] = []
    if purpose == ConsentPurpose.REFERRAL:
        if receiving_organisation is None:
            raise CaseworkError(
                _("A consent to pass data on must name the receiving organisation.")
            )
        if receiving_organisation.pk == client.organisation_id:
            raise CaseworkError(_("Choose another organisation than your own."))
        fields = [f for f in SHAREABLE_FIELDS if f in set(shared_fields or [])]
        if not fields:
            raise CaseworkError(_("Choose at least one kind of data that may be passed on."))
    consent = Consent.objects.create(
        client=client,
        organisation_id=client.organisation_id,
        purpose=purpose,
        text_version=text_version,
        given_on=given_on,
        given_by=given_by,
        form=form,
        receiving_organisation=receiving_organisation
        if purpose == ConsentPurpose.REFERRAL
        else None,
        shared_fields=fields,
        recorded_by=user,
    )
    audit_record(
        action="consent.recorded",
        actor=user,
        target=client,
        request=request,
        extra={"consent": consent.pk, "purpose": purpose, "version": text_version},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, user, withdrawn_on: date, request=None) -> int:
    """Withdraw a consent. Referrals made under it stop and the receiver loses the shared data.
    Returns how many referrals were stopped."""
    consent = Consent.objects.select_for_update().select_related("client").get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise CaseworkError(_("This consent has already been withdrawn."))
    if withdrawn_on > timezone.localdate():
        raise CaseworkError(_("The date cannot be in the future."))
    consent.withdrawn_on = max(withdrawn_on, consent.given_on)
    consent.save(update_fields=["withdrawn_on"])
    stopped = 0
    for referral in consent.referrals.exclude(status=ReferralStatus.STOPPED):
        referral.status = ReferralStatus.STOPPED
        referral.shared_data = {}
        referral.save(update_fields=["status", "shared_data"])
        stopped += 1
        audit_record(
            action="referral.stopped",
            actor=user,
            target=referral,
            request=request,
            extra={"reason": "consent_withdrawn", "receiver": referral.receiving_organisation_id},
        )
    audit_record(
        action="consent.withdrawn",
        actor=user,
        target=consent.client,
        request=request,
        extra={"consent": consent.pk, "purpose": consent.purpose, "referrals_stopped": stopped},
    )
    return stopped
