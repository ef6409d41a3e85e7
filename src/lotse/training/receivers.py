"""Qualification offers appear on the public guide's result page (through a core signal, so
that the guide does not import this app)."""

from urllib.parse import urlencode

from django.db.models.functions import Lower
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import ngettext

from lotse.accounts.models import User
from lotse.core.signals import guide_result_extras, staff_competence_evidence
from lotse.training.models import Registration
from lotse.training.selectors import offers_for


@receiver(guide_result_extras)
def _offers(sender, occupation_slug: str, district_code: str, **kwargs):
    offers = offers_for(occupation_slug=occupation_slug, district_code=district_code)
    for offer in offers:
        offer["url"] = reverse("training:offer_detail", args=[offer["id"]])
    query = urlencode({"occupation": occupation_slug, "district": district_code})
    return {"offers": offers, "offers_url": f"{reverse('training:offers')}?{query}"}


@receiver(staff_competence_evidence)
def _training_attendance(sender, organisation_id: int, year: int, **kwargs) -> list[str]:
    """Trainings attended by staff of the organisation (matched by their e-mail address)."""
    emails = [e.lower() for e in User.objects.filter(
        organisation_id=organisation_id, is_active=True
    ).exclude(email="").values_list("email", flat=True)]  # fmt: skip
    attended = (
        Registration.objects.annotate(email_lower=Lower("email"))
        .filter(attended=True, event__starts_at__year=year, email_lower__in=emails)
        .select_related("event__module")
    )
    titles = sorted({r.event.module.title_de for r in attended})
    if not titles:
        return []
    count = attended.count()
    return [
        ngettext(
            "%(count)s training attendance by your staff in %(year)s: %(titles)s",
            "%(count)s training attendances by your staff in %(year)s: %(titles)s",
            count,
        )
        % {"count": count, "year": year, "titles": ", ".join(titles)}
    ]
