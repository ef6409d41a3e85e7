"""Qualification offers appear on the public guide's result page (through a core signal, so
that the guide does not import this app)."""

from urllib.parse import urlencode

from django.dispatch import receiver
from django.urls import reverse

from lotse.core.signals import guide_result_extras
from lotse.training.selectors import offers_for


@receiver(guide_result_extras)
def _offers(sender, occupation_slug: str, district_code: str, **kwargs):
    offers = offers_for(occupation_slug=occupation_slug, district_code=district_code)
    for offer in offers:
        offer["url"] = reverse("training:offer_detail", args=[offer["id"]])
    query = urlencode({"occupation": occupation_slug, "district": district_code})
    return {"offers": offers, "offers_url": f"{reverse('training:offers')}?{query}"}
