"""Demo mode: a realistic training catalogue with upcoming dates (some full, with a waiting
list), a past training with attendance, and example qualification offers (marked as demo)."""

import datetime as dt

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from lotse.accounts.models import User
from lotse.accounts.signals import demo_data_loaded
from lotse.training.models import Event, Format, QualificationOffer, Registration, TrainingModule

MODULES = [
    ("interkulturelle-kompetenz-grundlagen", "Interkulturelle Kompetenz – Grundlagen",
     "Intercultural competence – foundations", Format.IN_PERSON, 6,
     "Eigene Prägungen erkennen, Missverständnisse verstehen, Beratungssituationen reflektieren.",
     "Recognise one's own cultural imprint, understand misunderstandings, reflect on counselling."),
    ("kommunikation-in-der-beratung", "Kommunikation über Kulturen hinweg in der Beratung",
     "Communication across cultures in counselling", Format.ONLINE, 3,
     "Einfache Sprache, aktives Zuhören und Rückfragen in mehrsprachigen Gesprächen.",
     "Plain language, active listening and checking understanding in multilingual conversations."),
    ("anerkennungsrecht-praxis", "Anerkennungsrecht für die Praxis",
     "Recognition law for practitioners", Format.BLENDED, 8,
     "BQFG und Landesrecht, reglementierte Berufe, zuständige Stellen, Ausgleichsmaßnahmen.",
     "Federal and state recognition law, regulated professions, competent bodies, compensation."),
    ("antidiskriminierung-diversitaet", "Antidiskriminierung und Diversität",
     "Anti-discrimination and diversity", Format.IN_PERSON, 6,
     "Diskriminierung erkennen und ansprechen; AGG; diskriminierungssensible Beratung.",
     "Recognise and address discrimination; equal treatment law; discrimination-aware "
     "counselling."),
    ("arbeiten-mit-dolmetschenden", "Arbeiten mit Dolmetschenden",
     "Working with interpreters", Format.ONLINE, 3,
     "Rollen klären, Gespräche vorbereiten, Sprachmittlung in der Beratung sicher einsetzen.",
     "Clarify roles, prepare conversations, use interpreting safely in counselling."),
    ("gefluechtete-arbeitsmarkt", "Geflüchtete zum Arbeitsmarktzugang beraten",
     "Counselling refugees on labour-market access", Format.IN_PERSON, 6,
     "Aufenthaltsstatus und Arbeitserlaubnis, Anerkennung, Qualifizierung, Netzwerkpartner.",
     "Residence status and work permits, recognition, qualification, network partners."),
]  # fmt: skip

PEOPLE = [
    ("Lea Schmidt", "Welcome Center Region Stuttgart"), ("Murat Yilmaz", "Jobcenter Mannheim"),
    ("Anna Kowalska", "Caritas Ulm"), ("David Okafor", "Welcome Center Rhein-Neckar"),
    ("Sofia Rossi", "Diakonie Freiburg"), ("Hanna Weber", "Stadt Karlsruhe"),
    ("Yusuf Demir", "Agentur für Arbeit Heilbronn"), ("Olena Bondar", "Welcome Center Neckar-Alb"),
]  # fmt: skip

OFFERS = [
    ("Vorbereitung auf die Kenntnisprüfung für Ärztinnen und Ärzte (Demo)", "exam_preparation",
     ["arzt"], "Demo-Bildungsträger Stuttgart", ["08111", "08115", "08116"], False,
     "C1 (Fachsprache)"),
    ("Anpassungsqualifizierung Pflege (Demo)", "adaptation_course", ["pflegefachmann",
     "gesundheits-und-krankenpfleger"], "Demo-Pflegeschule Mannheim", ["08222", "08226"],
     False, "B2"),
    ("Berufsbezogener Deutschkurs Gesundheitsberufe (Demo)", "language_course",
     ["arzt", "pflegefachmann", "zahnarzt", "apotheker"], "Demo-Sprachschule online", [], True,
     "B2–C1"),
    ("Brückenmaßnahme für Ingenieurinnen und Ingenieure (Demo)", "bridging_programme",
     ["bauingenieur", "maschinenbauingenieur", "elektroingenieur"], "Demo-Hochschule Karlsruhe",
     ["08212", "08215"], False, "B2"),
]  # fmt: skip


@receiver(demo_data_loaded)
@transaction.atomic
def load_training_demo(sender, organisations, **kwargs) -> str:
    trainer = User.objects.filter(username="trainer").first()
    created = 0
    today = timezone.localdate()
    for index, (slug, de, en, fmt, hours, sum_de, sum_en) in enumerate(MODULES):
        module, new = TrainingModule.objects.get_or_create(
            slug=slug,
            defaults={
                "title_de": de, "title_en": en, "format": fmt, "duration_hours": hours,
                "summary_de": sum_de, "summary_en": sum_en, "goals_de": [sum_de],
                "goals_en": [sum_en], "target_groups": ["Welcome Center", "IvAF", "Jobcenter"],
            },
        )  # fmt: skip
        if trainer:
            module.trainers.add(trainer)
        if not new:
            continue
        created += 1
        starts = timezone.make_aware(
            dt.datetime.combine(today + dt.timedelta(days=7 * (index + 1)), dt.time(9, 30))
        )
        capacity = 4 if index in (0, 2) else 16
        event = Event.objects.create(
            module=module, starts_at=starts, ends_at=starts + dt.timedelta(hours=float(hours)),
            venue="" if fmt == Format.ONLINE else "Stuttgart, Schlossplatz 1 (Demo)",
            online_url="https://meet.lotse.invalid/demo" if fmt != Format.IN_PERSON else "",
            capacity=capacity, registration_deadline=starts - dt.timedelta(days=2),
            status=Event.Status.PUBLISHED,
        )  # fmt: skip
        if trainer:
            event.trainers.add(trainer)
        people = PEOPLE[: capacity + 2] if capacity == 4 else PEOPLE[:3]
        for position, (name, org) in enumerate(people):
            waiting = position >= capacity
            Registration.objects.create(
                event=event, name=name, organisation_name=org,
                email=f"{name.split()[0].lower()}.{event.pk}@demo.lotse.invalid",
                status=Registration.Status.WAITING if waiting else Registration.Status.CONFIRMED,
                waiting_position=position - capacity + 1 if waiting else None,
            )  # fmt: skip
    for title, kind, slugs, provider, districts, online, level in OFFERS:
        QualificationOffer.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind, "occupation_slugs": slugs, "provider": provider,
                "district_codes": districts, "online": online, "language_level": level,
                "cost": "Förderung über Bildungsgutschein oder Anerkennungszuschuss prüfen (Demo)",
                "starts_on": today + dt.timedelta(days=60), "is_demo": True,
            },
        )  # fmt: skip
    return f"Demo trainings created: {created}." if created else ""
