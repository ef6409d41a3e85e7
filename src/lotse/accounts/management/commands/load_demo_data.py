"""Demo organisations and one user per role. Idempotent: a second run changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lotse.accounts.models import Organisation, Role
from lotse.accounts.services import organisation_upsert, user_upsert
from lotse.accounts.signals import demo_data_loaded

DEMO_PASSWORD = "lotse-demo-2026"  # noqa: S105  (documented in the README; demo mode only)

ORGANISATIONS = [
    {
        "slug": "demo-beratung-stuttgart",
        "name": "Anerkennungsberatung Stuttgart (Demo)",
        "kind": Organisation.Kind.COUNSELLING,
        "street": "Königstraße 1",
        "postcode": "70173",
        "city": "Stuttgart",
        "district_code": "08111",
        "email": "beratung-stuttgart@lotse.invalid",
    },
    {
        "slug": "demo-beratung-mannheim",
        "name": "Anerkennungsberatung Mannheim (Demo)",
        "kind": Organisation.Kind.COUNSELLING,
        "street": "Paradeplatz 1",
        "postcode": "68161",
        "city": "Mannheim",
        "district_code": "08222",
        "email": "beratung-mannheim@lotse.invalid",
    },
    {
        "slug": "demo-welcome-center-stuttgart",
        "name": "Welcome Center Region Stuttgart (Demo)",
        "kind": Organisation.Kind.WELCOME_CENTER,
        "street": "Friedrichstraße 10",
        "postcode": "70174",
        "city": "Stuttgart",
        "district_code": "08111",
        "email": "welcome@lotse.invalid",
    },
    {
        "slug": "demo-koordination",
        "name": "IQ Netzwerk Baden-Württemberg – Koordination (Demo)",
        "kind": Organisation.Kind.COORDINATION,
        "street": "Schlossplatz 1",
        "postcode": "70173",
        "city": "Stuttgart",
        "district_code": "08111",
        "email": "koordination@lotse.invalid",
    },
]

USERS = [
    ("counsellor.stuttgart", Role.COUNSELLOR, "demo-beratung-stuttgart", "Aylin", "Demir"),
    ("counsellor.mannheim", Role.COUNSELLOR, "demo-beratung-mannheim", "Jonas", "Weber"),
    ("lead.stuttgart", Role.LEAD, "demo-beratung-stuttgart", "Maria", "Rossi"),
    ("trainer", Role.TRAINER, "demo-koordination", "Oksana", "Kovalenko"),
    ("quality", Role.QUALITY, "demo-koordination", "Thomas", "Müller"),
    ("coordinator", Role.COORDINATOR, "demo-koordination", "Samira", "Haddad"),
    ("admin", Role.ADMIN, "demo-koordination", "Admin", "Lotse"),
]


class Command(BaseCommand):
    help = "Load demo organisations and users (only in demo mode, LOTSE_DEMO=1)."

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError("Demo data is loaded only in demo mode: set LOTSE_DEMO=1.")
        changed = 0
        orgs = {}
        for spec in ORGANISATIONS:
            fields = dict(spec)
            org, did_change = organisation_upsert(slug=fields.pop("slug"), **fields)
            orgs[org.slug] = org
            changed += did_change
        for username, role, org_slug, first, last in USERS:
            _user, did_change = user_upsert(
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                organisation=orgs[org_slug],
                first_name=first,
                last_name=last,
                email=f"{username}@lotse.invalid",
                is_demo=True,
            )
            changed += did_change
        self.stdout.write(
            f"Demo data: {len(orgs)} organisations, {len(USERS)} users, {changed} changed."
        )
        for _receiver, result in demo_data_loaded.send(sender=self.__class__, organisations=orgs):
            if result:
                self.stdout.write(str(result))
