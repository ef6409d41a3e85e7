"""Fast bulk seeding of case-management data for benchmarks (casework, reports).

    from seed_casework import seed
    counts = seed(1_000_000, sessions_per_client=5)   # Django set up, database migrated

Creates `organisations` counselling organisations (`bench-beratung-01` …) with one counsellor
per `clients_per_counsellor` clients (`bench01-c0001` …, no usable password) and a lead
(`bench01-lead`), then clients with consents, counselling sessions, recognition cases with
their timeline, referrals, follow-ups and outcomes, spread over the last three years up to
today. Values come from `lotse.casework.demo_pools`, so names, origins, occupations and notes
look like a real counselling office; the same `seed` gives the same rows (dates are relative
to `today`). Calling it again adds more clients (numbers and ids never collide).

The knowledge base must be loaded first (`lotse load_reference_data`): cases name real
reference occupations and their competent authorities.

Rows are generated in Python, a chunk of clients at a time, and written with PostgreSQL
`COPY … FROM STDIN` (psycopg) — with foreign-key triggers off for the load when the role may
do so (the rows are consistent by construction) — or, on other databases, with `executemany`
in batches. Services are bypassed on purpose: no audit events, no rules; this is bulk test
data, not a way to enter real records.
"""

import datetime as dt
import json
import math
import random
from dataclasses import dataclass, field
from functools import partial

from bulk import Table, bulk_load
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from seed_cases import add_case, spread

from lotse.accounts.models import Organisation, Role, User
from lotse.casework.consent_texts import CURRENT_VERSION
from lotse.casework.demo_pools import (
    ALL_DISTRICTS,
    EMPLOYERS,
    FOLLOW_UPS,
    LANGUAGE_COURSES,
    NOTES,
    ORIGINS,
    PROFESSIONS,
    Origin,
    Profession,
)
from lotse.casework.duplicates import name_key, phone_key
from lotse.casework.models import (
    CaseStep,
    Client,
    Consent,
    CounsellingSession,
    FollowUp,
    Outcome,
    RecognitionCase,
    Referral,
)
from lotse.casework.vocab import age_band
from lotse.occupations.models import Occupation
from lotse.occupations.selectors import authority_for

CHUNK = 20_000  # clients generated and written per round
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_SPREAD = 0x9E3779B1  # odd, so id -> number is a bijection modulo 32**8


def counsellor_username(organisation: int = 1, number: int = 1) -> str:
    """The login of a seeded counsellor (organisation and counsellor counted from 1)."""
    return f"bench{organisation:02d}-c{number:04d}"


def client_number(client_id: int) -> str:
    """A client number in the app's format (K-XXXX-XXXX), unique per id and random-looking."""
    value = (client_id * _SPREAD) % (32**8)
    code = "".join(_ALPHABET[(value >> (5 * i)) & 31] for i in range(8))
    return f"K-{code[:4]}-{code[4:]}"


# --- shapes of the data ------------------------------------------------------------------


@dataclass
class _World:
    rng: random.Random
    today: dt.date
    now: dt.datetime
    organisations: list[tuple[int, str, list[int]]]  # (id, home district, counsellor ids)
    occupations: dict[str, int]  # slug -> id
    origins: list[Origin]
    origin_weights: list[int]
    professions: list[Profession]
    profession_weights: list[int]
    authorities: dict[tuple[str, str], int | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    def authority(self, slug: str, district: str) -> int | None:
        key = (slug, district)
        if key not in self.authorities:
            occupation = Occupation.objects.select_related("competence").get(slug=slug)
            found = authority_for(occupation=occupation, district_code=district)
            self.authorities[key] = found.pk if found else None
        return self.authorities[key]

    def key(self, name: str) -> str:
        if name not in self.names:
            self.names[name] = name_key(name)
        return self.names[name]


def _pick_name(rng: random.Random, origin: Origin, gender: str) -> str:
    female = gender == "female" or (gender != "male" and rng.random() < 0.5)
    first = rng.choice(origin.female if female else origin.male)
    surname = rng.choice(origin.surnames)
    if "|" in surname:
        masculine, feminine = surname.split("|")
        surname = feminine if female else masculine
    return f"{first} {surname}"


def _experience(rng: random.Random, profession: Profession, city: str) -> str:
    years = rng.randint(1, 15)
    return f"{years} {'Jahr' if years == 1 else 'Jahre'} als {profession.worked_as} in {city}"


def _days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, max(low, high)))


_MODES = ["in_person"] * 5 + ["phone"] * 3 + ["video"] * 2 + ["email"]
_DURATIONS = [30, 45, 45, 60, 60, 60, 90]
_TOPIC_MIX = [
    ["recognition"],
    ["recognition"],
    ["recognition", "funding"],
    ["recognition", "language"],
    ["qualification"],
    ["qualification", "language"],
    ["job_search"],
    ["job_search", "language"],
    ["language"],
    ["residence", "recognition"],
    ["other"],
]
_TOPIC_JSON = [json.dumps(t) for t in _TOPIC_MIX]
# --- the seeder --------------------------------------------------------------------------


def seed(
    n_clients: int,
    *,
    sessions_per_client: float = 5,
    seed: int = 1,
    organisations: int = 20,
    clients_per_counsellor: int = 400,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Add `n_clients` clients (and everything around them); returns rows written per table."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    now = timezone.now()
    occupations = dict(
        Occupation.objects.filter(slug__in=[p.slug for p in PROFESSIONS]).values_list("slug", "id")
    )
    if not occupations:
        raise RuntimeError("Load the knowledge base first: lotse load_reference_data")
    professions = [p for p in PROFESSIONS if p.slug in occupations]
    orgs, users = _organisations(organisations, n_clients, clients_per_counsellor)
    world = _World(
        rng=rng,
        today=today,
        now=now,
        organisations=orgs,
        occupations=occupations,
        origins=list(ORIGINS),
        origin_weights=[o.weight for o in ORIGINS],
        professions=professions,
        profession_weights=[p.weight for p in professions],
    )
    tables = _tables(now)
    ids = {name: t.next_id() for name, t in tables.items()}
    # Sessions per consenting client: uniform on 1..2m-1, so the mean over all clients
    # (6 % have no consent and no session) is `sessions_per_client`.
    mean = max(1.0, sessions_per_client / 0.94)
    # Rebuilding the indexes pays off when the load at least doubles the tables.
    rebuild = n_clients >= Client.objects.count()
    with bulk_load(list(tables.values()), rebuild_indexes=rebuild):
        for start in range(0, n_clients, CHUNK):
            for _ in range(min(CHUNK, n_clients - start)):
                _client(world, tables, ids, mean)
            for table in tables.values():
                table.flush()
    return {"organisations": len(orgs), "counsellors": users} | {
        name: t.written for name, t in tables.items()
    }


def _organisations(n: int, n_clients: int, per_counsellor: int):
    """Bench organisations and enough counsellors for the clients; returns rows and users."""
    per_org = math.ceil(n_clients / n) if n else 0
    total_clients = per_org + Client.objects.filter(
        organisation__slug__startswith="bench-beratung-"
    ).count() // max(n, 1)
    wanted = max(1, math.ceil(total_clients / per_counsellor))
    password = make_password(None)
    result, created = [], 0
    for i in range(1, n + 1):
        district = ALL_DISTRICTS[(i * 7) % len(ALL_DISTRICTS)]
        org, _new = Organisation.objects.get_or_create(
            slug=f"bench-beratung-{i:02d}",
            defaults={
                "name": f"Anerkennungsberatung {i:02d} (Benchmark)",
                "kind": Organisation.Kind.COUNSELLING,
                "district_code": district,
            },
        )
        existing = set(User.objects.filter(organisation=org).values_list("username", flat=True))
        new_users = [
            User(
                username=name,
                password=password,
                role=Role.LEAD if name.endswith("-lead") else Role.COUNSELLOR,
                organisation=org,
                first_name="Bench",
                last_name=name,
            )
            for name in [f"bench{i:02d}-lead"]
            + [counsellor_username(i, j) for j in range(1, wanted + 1)]
            if name not in existing
        ]
        User.objects.bulk_create(new_users)
        created += len(new_users)
        counsellors = list(
            User.objects.filter(organisation=org, role=Role.COUNSELLOR)
            .order_by("id")
            .values_list("id", flat=True)
        )
        result.append((org.pk, org.district_code or district, counsellors))
    return result, created


def _tables(now: dt.datetime) -> dict[str, Table]:
    return {
        "clients": Table(Client, [
            "id", "organisation_id", "number", "counsellor_id", "status", "source", "name",
            "name_key", "email", "phone", "phone_key", "preferred_language", "languages", "gender",
            "birth_year", "country_of_residence", "arrived_on", "district_code",
            "residence_status", "qualification_country", "qualification_level",
            "qualifications", "work_experience", "age_band", "first_contact_on",
            "last_contact_on", "closed_on", "created_at",
        ], now),
        "consents": Table(Consent, [
            "id", "client_id", "organisation_id", "purpose", "text_version", "given_on",
            "form", "recorded_by_id", "withdrawn_on",
        ], now),
        "sessions": Table(CounsellingSession, [
            "id", "client_id", "organisation_id", "counsellor_id", "date", "duration_minutes",
            "mode", "language", "interpreter", "topics", "note",
        ], now),
        "cases": Table(RecognitionCase, [
            "id", "client_id", "organisation_id", "counsellor_id", "occupation_id",
            "authority_id", "status", "opened_on", "submitted_on", "decision", "decided_on",
            "compensation_type", "compensation_provider", "compensation_start",
            "compensation_end", "grant_applied", "closed_on", "abandon_reason",
        ], now),
        "case_steps": Table(CaseStep, [
            "id", "case_id", "status", "date", "note", "recorded_by_id",
        ], now),
        "referrals": Table(Referral, [
            "id", "client_id", "organisation_id", "kind", "target", "status", "created_by_id",
            "created_on",
        ], now),
        "follow_ups": Table(FollowUp, [
            "id", "client_id", "organisation_id", "assignee_id", "title", "due_on", "done_on",
            "created_by_id",
        ], now),
        "outcomes": Table(Outcome, [
            "id", "client_id", "organisation_id", "timepoint", "employment",
            "qualification_match", "recorded_on", "recorded_by_id",
        ], now),
    }  # fmt: skip


def _take(ids: dict[str, int], name: str) -> int:
    ids[name] += 1
    return ids[name] - 1


def _client(w: _World, t: dict[str, Table], ids: dict[str, int], mean: float) -> None:
    rng, today = w.rng, w.today
    org_id, home, counsellors = rng.choice(w.organisations)
    counsellor = rng.choice(counsellors)
    origin = rng.choices(w.origins, w.origin_weights)[0]
    profession = rng.choices(w.professions, w.profession_weights)[0]
    cid = _take(ids, "clients")
    gender = rng.choices(["female", "male", "diverse", "not_stated"], [52, 45, 1, 2])[0]
    name = _pick_name(rng, origin, gender)
    key = w.key(name)
    first = today - _days(rng, 0, 3 * 365)
    age = (today - first).days
    closed = age > 200 and rng.random() < 0.6
    closed_on = first + _days(rng, 60, min(age, 700)) if closed else None
    if closed_on and closed_on > today:
        closed_on = today
    last = closed_on or first + dt.timedelta(days=int(age * (1 - rng.random() ** 2)))
    consent = rng.random() < 0.94
    email = f"{key.replace(' ', '.')}.{cid}@mail.example" if rng.random() < 0.7 else ""
    phone = f"+49 15{rng.randint(1, 9)} {cid % 10_000_000:07d}" if rng.random() < 0.8 else ""
    preferred = origin.site_language if rng.random() < 0.7 else "de"
    birth_year = today.year - rng.randint(21, 61) if consent else None
    district = (home if rng.random() < 0.7 else rng.choice(ALL_DISTRICTS)) if consent else ""
    city = rng.choice(origin.cities)
    t["clients"].add(
        cid, org_id, client_number(cid), counsellor, "closed" if closed else "active",
        "guide" if rng.random() < 0.3 else "manual", name, key, email, phone, phone_key(phone),
        preferred,
        " ".join(dict.fromkeys((*origin.languages, "de", "en")[: rng.randint(1, 4)]))
        if consent else "",
        gender if consent else "not_stated", birth_year, "DE" if consent else "",
        first - _days(rng, 30, 8 * 365) if consent else None, district,
        rng.choice(origin.residence) if consent else "not_stated",
        origin.country if consent else "", profession.level if consent else "not_stated",
        f"{profession.study}, {city} ({first.year - rng.randint(3, 20)})" if consent else "",
        _experience(rng, profession, city) if consent else "",
        str(age_band(birth_year, first.year)), first, last, closed_on,
        dt.datetime.combine(first, dt.time(9), tzinfo=dt.UTC),
    )  # fmt: skip
    if not consent:
        return
    t["consents"].add(
        _take(ids, "consents"), cid, org_id, "counselling", CURRENT_VERSION, first,
        rng.choice(["written", "written", "oral", "electronic"]), counsellor, None,
    )  # fmt: skip
    k = 1 + int(rng.random() * (2 * mean - 1))
    for day in spread(rng, first, last, k):
        topics = rng.randrange(len(_TOPIC_MIX))
        language = preferred if rng.random() < 0.6 else "de"
        t["sessions"].add(
            _take(ids, "sessions"), cid, org_id, counsellor, day, rng.choice(_DURATIONS),
            rng.choice(_MODES), language, language not in ("de", "en") and rng.random() < 0.3,
            _TOPIC_JSON[topics], rng.choice(NOTES[_TOPIC_MIX[topics][0]]),
        )  # fmt: skip
    if rng.random() < 0.78:
        add_case(
            w,
            t,
            partial(_take, ids),
            cid,
            org_id,
            counsellor,
            profession,
            district,
            first,
            last,
            closed,
        )
    if rng.random() < 0.15:
        kind = rng.choice(["language_course", "employer"])
        target = rng.choice(LANGUAGE_COURSES if kind == "language_course" else EMPLOYERS)
        t["referrals"].add(
            _take(ids, "referrals"), cid, org_id, kind, target,
            rng.choice(["sent", "accepted", "accepted"]), counsellor,
            first + _days(rng, 0, (last - first).days),
        )  # fmt: skip
    done_due = first + _days(rng, 7, 60)
    t["follow_ups"].add(
        _take(ids, "follow_ups"), cid, org_id, counsellor, rng.choice(FOLLOW_UPS),
        done_due, min(done_due, today), counsellor,
    )  # fmt: skip
    if not closed:
        t["follow_ups"].add(
            _take(ids, "follow_ups"), cid, org_id, counsellor, rng.choice(FOLLOW_UPS),
            today + _days(rng, -14, 60), None, counsellor,
        )  # fmt: skip
        return
    employment = rng.choices(
        ["employed", "training", "seeking", "not_available", "unknown"], [45, 20, 25, 5, 5]
    )[0]
    match = rng.choice(["yes", "yes", "partly", "no"]) if employment == "employed" else "na"
    t["outcomes"].add(
        _take(ids, "outcomes"), cid, org_id, "close", employment, match, closed_on, counsellor
    )
    if (today - closed_on).days > 183 and rng.random() < 0.7:
        t["outcomes"].add(
            _take(ids, "outcomes"), cid, org_id, "6m",
            rng.choices(["employed", "training", "seeking", "unknown"], [60, 10, 20, 10])[0],
            rng.choice(["yes", "partly", "no", "na"]),
            closed_on + dt.timedelta(days=183), counsellor,
        )  # fmt: skip


def counts_line(counts: dict[str, int]) -> str:
    return ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in counts.items())
