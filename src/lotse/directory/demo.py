"""Demo mode: the demo organisations receive the requests of three real directory entries."""

from django.dispatch import receiver

from lotse.accounts.signals import demo_data_loaded
from lotse.directory.models import Centre

DEMO_LINKS = {
    "demo-beratung-stuttgart": "awo-stuttgart-anerkennungsberatung",
    "demo-beratung-mannheim": "ikubiz-mannheim-anerkennungsberatung",
    "demo-welcome-center-stuttgart": "wc-stuttgart",
}


@receiver(demo_data_loaded)
def link_demo_centres(sender, organisations, **kwargs) -> str:
    linked = 0
    for org_slug, centre_key in DEMO_LINKS.items():
        organisation = organisations.get(org_slug)
        updated = Centre.objects.filter(key=centre_key, organisation__isnull=True).update(
            organisation=organisation
        )
        linked += updated
    return f"Demo centres linked: {linked}." if linked else ""
