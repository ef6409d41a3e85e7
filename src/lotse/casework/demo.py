"""Demo mode: a living case-management workspace for the two demo counselling organisations.

Each gets 54 invented clients from many countries (`demo_pools`): counselling consents (four
contact-only clients without), sessions, recognition cases in every status with real
occupations and their competent authorities, referrals of every kind (Stuttgart → Mannheim
under a referral consent), follow-ups (overdue, due this week), outcomes at close and after six
months, appointment requests from the public guide waiting in the inbox and appointments this
week and next. Everything goes through the casework services, so the rules (consent first,
consent-scoped referrals) and the audit log apply as for real work; where a service dates
something today, the date is moved back into the story afterwards.

Deterministic (seeded random, dates relative to today) and idempotent: an organisation that
already has demo clients (numbers K-DEMO-S001 …, K-DEMO-M001 …, which random client numbers
never take: they have no O, 0 or 1) is left alone.
"""

import datetime as dt
import random
import uuid

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from lotse.accounts.models import User
from lotse.accounts.signals import demo_data_loaded
from lotse.casework import services
from lotse.casework.appointments import appointment_book
from lotse.casework.demo_cases import STORIES, CaseStory, needs_measures, story_for
from lotse.casework.demo_pools import (
    EMPLOYERS,
    FOLLOW_UPS,
    LANGUAGE_COURSES,
    MANNHEIM_DISTRICTS,
    NOTES,
    ORIGINS,
    PROFESSIONS,
    STUTTGART_DISTRICTS,
    Origin,
    Profession,
)
from lotse.casework.duplicates import name_key
from lotse.casework.models import Client, FollowUp, Referral
from lotse.casework.vocab import age_band
from lotse.directory.models import Centre
from lotse.guide.models import AppointmentRequest
from lotse.guide.services import appointment_request_create
from lotse.occupations.models import Occupation
from lotse.training.models import QualificationOffer

NAMESPACE = uuid.UUID("5b0c3c8e-2f7a-4d53-9a51-1f6f0b6a4c11")
# (number prefix, the users who counsel, districts where the clients live)
ORGANISATIONS = {
    "demo-beratung-stuttgart": (
        "S",
        ("counsellor.stuttgart", "counsellor.stuttgart", "counsellor.stuttgart", "lead.stuttgart"),
        STUTTGART_DISTRICTS,
    ),
    "demo-beratung-mannheim": ("M", ("counsellor.mannheim",), MANNHEIM_DISTRICTS),
}
CONTACT_ONLY = 4  # newest clients, reached by phone or e-mail, consent not yet given
FROM_GUIDE = 4  # clients who first wrote through the public guide
WAITING_REQUESTS = {"S": 3, "M": 2}
APPOINTMENTS = {"S": 6, "M": 4}
SHARED_WITH_RECEIVER = [
    "name", "email", "phone", "preferred_language", "languages", "qualification_country",
    "qualifications", "cases",
]  # fmt: skip


@receiver(demo_data_loaded)
def load_casework_demo(sender, organisations, **kwargs) -> str:
    if not Occupation.objects.exists():
        return "Demo clients skipped: load the knowledge base first (lotse load_reference_data)."
    created = 0
    for slug, (prefix, usernames, districts) in ORGANISATIONS.items():
        organisation = organisations.get(slug)
        users = {u.username: u for u in User.objects.filter(username__in=set(usernames))}
        if organisation is None or len(users) != len(set(usernames)):
            continue
        if Client.objects.filter(organisation=organisation, number__startswith="K-DEMO-").exists():
            continue
        with transaction.atomic():
            office = _Office(organisation, prefix, [users[u] for u in usernames], districts)
            created += office.build(organisations)
    return f"Demo clients created: {created}." if created else ""


class _Office:
    """One demo organisation's case load, written in the order it would have happened."""

    def __init__(self, organisation, prefix: str, counsellors: list, districts: tuple):
        self.organisation = organisation
        self.prefix = prefix
        self.counsellors = counsellors
        self.districts = districts
        self.rng = random.Random(f"lotse-demo-{prefix}")  # noqa: S311  (demo data, not secrets)
        self.today = timezone.localdate()
        self.centre = Centre.objects.filter(organisation=organisation).order_by("pk").first()
        self.offers = list(QualificationOffer.objects.filter(is_demo=True).order_by("pk"))
        self.occupations = {o.slug: o for o in Occupation.objects.select_related("competence")}

    def build(self, organisations: dict) -> int:
        stories = list(STORIES)
        self.rng.shuffle(stories)
        clients = []
        for index, story in enumerate(stories):
            clients.append(self._consenting_client(index, story))
        for index in range(len(stories), len(stories) + CONTACT_ONLY):
            clients.append(self._contact_only(index))
        self._hand_over(clients, stories, organisations)
        self._waiting_requests()
        self._appointments(clients)
        return len(clients)

    # --- people ---------------------------------------------------------------------------

    def _person(self, with_measures: bool = False) -> tuple[Origin, Profession, str, str]:
        rng = self.rng
        origin = rng.choices(ORIGINS, [o.weight for o in ORIGINS])[0]
        known = [
            p
            for p in PROFESSIONS
            if p.slug in self.occupations and (p.measures or not with_measures)
        ]
        profession = rng.choices(known, [p.weight for p in known])[0]
        gender = rng.choices(["female", "male", "diverse", "not_stated"], [50, 44, 2, 4])[0]
        female = gender == "female" or (gender in ("diverse", "not_stated") and rng.random() < 0.5)
        surname = rng.choice(origin.surnames)
        if "|" in surname:
            surname = surname.split("|")[1 if female else 0]
        name = f"{rng.choice(origin.female if female else origin.male)} {surname}"
        return origin, profession, gender, name

    def _contact(self, origin: Origin, name: str) -> dict:
        rng = self.rng
        login = name_key(name).replace(" ", ".")
        return {
            "name": name,
            "email": f"{login}@mail.example" if rng.random() < 0.75 else "",
            "phone": f"+49 1{rng.choice('567')}{rng.randint(0, 9)} {rng.randint(1000000, 9999999)}",
            "preferred_language": origin.site_language if rng.random() < 0.75 else "de",
        }

    def _profile(self, origin: Origin, profession: Profession, gender: str, first: dt.date):
        rng = self.rng
        abroad = origin.country in ("IN", "PH", "BR") and rng.random() < 0.4
        city = rng.choice(origin.cities)
        years = rng.randint(2, 14)
        spoken = [*origin.languages, "de"] + (["en"] if rng.random() < 0.4 else [])
        forms = [*profession.worked_as.split("/"), profession.worked_as]
        job = {"female": forms[0], "male": forms[1]}.get(gender, profession.worked_as)
        return {
            "languages": " ".join(dict.fromkeys(spoken)),
            "gender": gender,
            "birth_year": self.today.year - rng.randint(24, 58),
            "country_of_residence": origin.country if abroad else "DE",
            "arrived_on": None if abroad else first - dt.timedelta(days=rng.randint(60, 2500)),
            "district_code": "" if abroad else rng.choice(self.districts),
            "residence_status": "abroad" if abroad else rng.choice(origin.residence),
            "qualification_country": origin.country,
            "qualification_level": profession.level,
            "qualifications": f"{profession.study}, {city} ({first.year - years - 2})",
            "work_experience": f"{years} Jahre als {job} in {city}",
        }

    def _create(self, index: int, counsellor, values: dict, consent: dict | None, first):
        """Create through the intake (or the guide's request, for the first few) and date the
        first contact back to when the story began."""
        if consent and index < FROM_GUIDE and self.centre is not None:
            contact = {k: values[k] for k in ("name", "email", "phone", "preferred_language")}
            request, _new = appointment_request_create(
                centre=self.centre, token=uuid.uuid5(NAMESPACE, f"{self.prefix}-client-{index}"),
                preferred_times="", message="", occupation_slug="",
                country=values["qualification_country"], district_code=values["district_code"],
                language=values["preferred_language"], **contact,
            )  # fmt: skip
            client = services.request_convert(
                appointment_request=request, user=counsellor, values=values, consent=consent
            )
            received = timezone.make_aware(dt.datetime.combine(first, dt.time(8, 15)))
            AppointmentRequest.objects.filter(pk=request.pk).update(
                created_at=received - dt.timedelta(days=3), decided_at=received
            )
        else:
            client = services.client_create(
                organisation=self.organisation, user=counsellor, values=values, consent=consent
            )
        Client.objects.filter(pk=client.pk).update(
            number=f"K-DEMO-{self.prefix}{index + 1:03d}",
            first_contact_on=first,
            last_contact_on=first,
            age_band=age_band(client.birth_year, first.year),
            created_at=timezone.make_aware(dt.datetime.combine(first, dt.time(9))),
        )
        client.refresh_from_db()
        return client

    def _contact_only(self, index: int):
        origin, _profession, _gender, name = self._person()
        first = self.today - dt.timedelta(days=self.rng.randint(1, 12))
        counsellor = self.counsellors[0]
        client = self._create(index, counsellor, self._contact(origin, name), None, first)
        if index % 2 == 0:
            services.follow_up_create(
                client=client, user=counsellor, assignee=counsellor,
                title="Erstgespräch vereinbaren, Einwilligung einholen",
                due_on=self.today + dt.timedelta(days=self.rng.randint(0, 4)),
            )  # fmt: skip
        return client

    # --- one client's story ---------------------------------------------------------------

    def _consenting_client(self, index: int, story: CaseStory):
        rng, today = self.rng, self.today
        origin, profession, gender, name = self._person(needs_measures(story))
        plan = story_for(story, rng, today, profession)
        counsellor = self.counsellors[index % len(self.counsellors)]
        values = self._contact(origin, name) | self._profile(origin, profession, gender, plan.first)
        consent = {
            "purpose": "counselling",
            "given_on": plan.first,
            "form": rng.choice(["written", "written", "oral", "electronic"]),
        }
        client = self._create(index, counsellor, values, consent, plan.first)
        for day, topics, note in plan.sessions:
            language = client.preferred_language if rng.random() < 0.6 else "de"
            services.session_add(client=client, user=counsellor, values={
                "date": day, "duration_minutes": rng.choice([30, 45, 60, 60, 90]),
                "mode": rng.choice(
                    ["in_person", "phone"] if note == "first"
                    else ["in_person", "in_person", "phone", "video", "email"]
                ),
                "language": language, "topics": topics,
                "interpreter": language in ("ar", "fa", "ti", "ku", "ps") and rng.random() < 0.5,
                "note": rng.choice(NOTES[note]),
            })  # fmt: skip
        if plan.steps:
            case = services.case_open(
                client=client, user=counsellor, occupation=self.occupations[profession.slug],
                values={"opened_on": plan.steps[0][1], "grant_applied": plan.grant},
            )  # fmt: skip
            for status, day, details in plan.steps[1:]:
                services.case_step(
                    case=case, user=counsellor, status=status, on=day, details=details,
                    note=details.get("note", ""),
                )  # fmt: skip
        self._referral(client, counsellor, story, profession, plan.last)
        self._follow_ups(index, client, counsellor, plan)
        if plan.closed_on:
            services.client_close(client=client, user=counsellor, closed_on=plan.closed_on)
            for timepoint, employment, match, day in plan.outcomes:
                services.outcome_record(
                    client=client, user=counsellor, timepoint=timepoint, employment=employment,
                    qualification_match=match, recorded_on=day,
                )  # fmt: skip
        return client

    def _referral(self, client, counsellor, story: CaseStory, profession: Profession, last):
        rng = self.rng
        offers = [o for o in self.offers if profession.slug in o.occupation_slugs]
        if story.status in ("decision", "compensation") and offers and rng.random() < 0.7:
            kind, extra = "offer", {"offer": rng.choice(offers)}
        elif story.status in ("gathering", "submitted", "compensation") and rng.random() < 0.35:
            kind, extra = "language_course", {"target": rng.choice(LANGUAGE_COURSES)}
        elif story.status == "completed" and rng.random() < 0.4:
            kind, extra = "employer", {"target": rng.choice(EMPLOYERS)}
        else:
            return
        referral = services.referral_create(client=client, user=counsellor, kind=kind, **extra)
        Referral.objects.filter(pk=referral.pk).update(created_on=last)

    def _follow_ups(self, index: int, client, counsellor, plan) -> None:
        rng, today = self.rng, self.today
        done = services.follow_up_create(
            client=client, user=counsellor, assignee=counsellor, title=rng.choice(FOLLOW_UPS),
            due_on=min(plan.first + dt.timedelta(days=14), today),
        )  # fmt: skip
        services.follow_up_done(task=done, user=counsellor)
        FollowUp.objects.filter(pk=done.pk).update(done_on=done.due_on)
        if plan.closed_on is None:
            # A fifth overdue, two fifths due within the week, the rest later.
            offset = {0: -rng.randint(1, 12), 1: rng.randint(0, 3), 2: rng.randint(2, 6)}.get(
                index % 5, rng.randint(8, 45)
            )
            title = rng.choice(FOLLOW_UPS[:-1])
        elif (today - plan.closed_on).days < 183:
            offset = (plan.closed_on + dt.timedelta(days=183) - today).days
            title = FOLLOW_UPS[-1]
        else:
            return
        services.follow_up_create(
            client=client, user=counsellor, assignee=counsellor, title=title,
            due_on=today + dt.timedelta(days=offset),
        )  # fmt: skip

    # --- between organisations, the inbox, the calendar -----------------------------------

    def _hand_over(self, clients: list, stories: list, organisations: dict) -> None:
        """Clients who move to the other demo organisation's area are referred there under a
        referral consent: one accepted, one waiting for an answer, one stopped because the
        client withdrew the consent (Stuttgart); one waiting, one declined (Mannheim)."""
        other_slug = "demo-beratung-mannheim" if self.prefix == "S" else "demo-beratung-stuttgart"
        other = organisations.get(other_slug)
        receiver_user = User.objects.filter(organisation=other, role="counsellor").first()
        if other is None or receiver_user is None:
            return
        movers = [
            c for c, s in zip(clients, stories, strict=False)
            if s.status in ("none", "gathering", "submitted") and c.status == "active"
        ][:3 if self.prefix == "S" else 2]  # fmt: skip
        answers = ["accept", "wait", "withdraw"] if self.prefix == "S" else ["wait", "decline"]
        for client, answer in zip(movers, answers, strict=False):
            counsellor = client.counsellor
            given_on = client.last_contact_on
            consent = services.consent_record(
                client=client, user=counsellor, purpose="referral", given_on=given_on,
                receiving_organisation=other, shared_fields=SHARED_WITH_RECEIVER,
            )  # fmt: skip
            referral = services.referral_create(
                client=client, user=counsellor, kind="organisation", receiving_organisation=other,
                note="Zieht um; bitte Weiterbetreuung vor Ort übernehmen.",
            )  # fmt: skip
            Referral.objects.filter(pk=referral.pk).update(created_on=given_on)
            if answer in ("accept", "decline"):
                services.referral_answer(
                    referral=referral, user=receiver_user, accept=answer == "accept"
                )
            elif answer == "withdraw":
                services.consent_withdraw(consent=consent, user=counsellor, withdrawn_on=self.today)

    def _waiting_requests(self) -> None:
        if self.centre is None:
            return
        messages = [
            ("de", "Ich bin Ärztin aus Syrien und möchte meine Approbation beantragen."),
            ("en", "I am a nurse from India and would like to know which documents I need."),
            ("uk", "Добрий день! Я вчителька з Харкова. Як визнати мій диплом?"),
        ]
        for i in range(WAITING_REQUESTS[self.prefix]):
            origin, profession, _gender, name = self._person()
            language, message = messages[i % len(messages)]
            contact = self._contact(origin, name)
            request, created = appointment_request_create(
                centre=self.centre, token=uuid.uuid5(NAMESPACE, f"{self.prefix}-request-{i}"),
                preferred_times="Dienstag oder Donnerstag vormittags", message=message,
                occupation_slug=profession.slug, country=origin.country,
                district_code=self.districts[0], language=language, **contact,
            )  # fmt: skip
            if created:
                AppointmentRequest.objects.filter(pk=request.pk).update(
                    created_at=timezone.now() - dt.timedelta(hours=5 + 20 * i)
                )

    def _appointments(self, clients: list) -> None:
        """Booked appointments on working days this week and next, for active clients."""
        candidates = [c for c in clients if c.status == "active" and c.languages]
        slots = [(9, 0), (10, 30), (14, 0)]
        days = [
            self.today + dt.timedelta(days=d)
            for d in range(1, 14)
            if (self.today + dt.timedelta(days=d)).weekday() < 5
        ]
        for i, client in enumerate(candidates[: APPOINTMENTS[self.prefix]]):
            hour, minute = slots[i % len(slots)]
            day = days[(i * 2) % len(days)]
            mode = ["in_person", "phone", "video"][i % 3]
            appointment_book(
                client=client, user=client.counsellor, counsellor=client.counsellor,
                starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute))),
                duration_minutes=60 if mode == "in_person" else 45, mode=mode,
                language=client.preferred_language,
                location={"in_person": f"{self.organisation.street}, Beratungsraum 2",
                          "phone": client.phone,
                          "video": "https://video.lotse.invalid/demo-beratung"}[mode],
                interpreter_needed=client.preferred_language in ("ar", "fa"),
            )  # fmt: skip
