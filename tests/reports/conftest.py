"""A small, hand-countable world of clients in two regions with two districts each."""

import itertools
from datetime import date, timedelta

import pytest

from lotse.casework.models import (
    Client,
    CounsellingSession,
    Outcome,
    RecognitionCase,
)
from lotse.directory.models import District, Region
from lotse.occupations.models import Competence, Occupation

YEAR = 2025
_numbers = itertools.count(1)


@pytest.fixture
def places(db):
    """Region "Nord" (Stuttgart, Böblingen) and region "Süd" (Mannheim, Heidelberg)."""
    nord = Region.objects.create(key="nord", name="Nord", government_district="Stuttgart")
    sued = Region.objects.create(key="sued", name="Süd", government_district="Karlsruhe")
    for code, name, region in (
        ("08111", "Stuttgart", nord),
        ("08115", "Böblingen", nord),
        ("08222", "Mannheim", sued),
        ("08221", "Heidelberg", sued),
    ):
        District.objects.create(code=code, name=name, kind="urban", region=region)
    return {"nord": nord, "sued": sued}


@pytest.fixture
def occupations(db):
    competence = Competence.objects.create(key="test", checked_on=date(2025, 1, 1))

    def make(slug, title, group):
        return Occupation.objects.create(
            slug=slug, title_de=title, title_de_f=title, title_en=title, group=group,
            kldb2010="00000", isco08="0000", regulation="none", competence=competence,
            checked_on=date(2025, 1, 1),
        )  # fmt: skip

    return {
        "doctor": make("arzt", "Arzt", "health"),
        "nurse": make("pflege", "Pflegefachkraft", "health"),
        "engineer": make("ingenieur", "Ingenieur", "engineering_architecture"),
    }


def new_client(organisation, *, district="08111", gender="female", age_band="25-34",
               country="UA", **extra) -> Client:  # fmt: skip
    """A client as the statistics see one: codes only (the name is there to prove it never
    shows up in any figure)."""
    return Client.objects.create(
        organisation=organisation, number=f"K-TEST-{next(_numbers):04d}", name="Olga Testowa",
        district_code=district, gender=gender, age_band=age_band, qualification_country=country,
        first_contact_on=date(YEAR, 1, 1), **extra,
    )  # fmt: skip


def sessions(client, *days: date, mode="in_person", language="uk") -> None:
    for day in days:
        CounsellingSession.objects.create(
            client=client, organisation_id=client.organisation_id, date=day,
            duration_minutes=60, mode=mode, language=language,
        )  # fmt: skip


def case(client, occupation, **values) -> RecognitionCase:
    values.setdefault("opened_on", date(YEAR, 2, 1))
    return RecognitionCase.objects.create(
        client=client, organisation_id=client.organisation_id, occupation=occupation, **values
    )


def outcome(client, timepoint="close", employment="employed", match="yes", on=None) -> Outcome:
    return Outcome.objects.create(
        client=client, organisation_id=client.organisation_id, timepoint=timepoint,
        employment=employment, qualification_match=match, recorded_on=on or date(YEAR, 6, 1),
    )  # fmt: skip


@pytest.fixture
def world(places, occupations, org_stuttgart, org_mannheim):
    """The figures every test below counts by hand (2025 unless said otherwise).

    A  6 clients, Stuttgart org, district 08111, female, 25-34, Ukraine; 2 sessions each
       (3 March in person, 7 April by phone, Ukrainian); a doctor case each, decided in 2025
       30/40/50/60/70/149 days after submission (4 full, 2 partial); outcomes at close:
       5 employed (3 matching, 2 partly), 1 looking for work; 6 months later 5 employed.
    B  5 clients, Stuttgart org, district 08115, male, 35-44, Syria; 1 session (10 March,
       in person, Arabic); outcome at close: looking for work.
    C  7 clients, Mannheim org, district 08222, 4 female and 3 male, 25-34, Syria; 3 video
       sessions in German (5 January, February, March); 5 of them a nurse case (submitted
       1 March), 2 of those also an engineer case (informed).
    D  5 clients, Mannheim org, no district, female, 45-54, Turkey; 1 e-mail session (1 June,
       Turkish).
    F  1 client, Mannheim org, district 08221, diverse, 25-34, Ukraine; 1 session (1 July,
       in person, Ukrainian).
    E  5 clients, Stuttgart org, 08111, female, counselled in 2024 only (1 December).
    """
    doctor, nurse, engineer = occupations["doctor"], occupations["nurse"], occupations["engineer"]
    days = [30, 40, 50, 60, 70, 149]
    for i in range(6):
        c = new_client(org_stuttgart, district="08111", gender="female", country="UA")
        sessions(c, date(YEAR, 3, 3), language="uk")
        sessions(c, date(YEAR, 4, 7), mode="phone", language="uk")
        submitted = date(YEAR, 2, 1)
        case(
            c, doctor, status="decision", submitted_on=submitted,
            decided_on=submitted + timedelta(days=days[i]),
            decision="full" if i < 4 else "partial",
        )  # fmt: skip
        outcome(c, employment="employed" if i < 5 else "seeking",
                match="yes" if i < 3 else "partly" if i < 5 else "na")  # fmt: skip
        if i < 5:
            outcome(c, timepoint="6m", employment="employed", match="yes", on=date(YEAR, 12, 1))
    for _ in range(5):
        c = new_client(org_stuttgart, district="08115", gender="male", age_band="35-44",
                       country="SY")  # fmt: skip
        sessions(c, date(YEAR, 3, 10), language="ar")
        outcome(c, employment="seeking", match="na")
    for i in range(7):
        c = new_client(org_mannheim, district="08222", gender="female" if i < 4 else "male",
                       country="SY")  # fmt: skip
        sessions(c, date(YEAR, 1, 5), date(YEAR, 2, 5), date(YEAR, 3, 5), mode="video",
                 language="de")  # fmt: skip
        if i < 5:
            case(c, nurse, status="submitted", submitted_on=date(YEAR, 3, 1))
        if i < 2:
            case(c, engineer, status="informed", opened_on=date(YEAR, 3, 1))
    for _ in range(5):
        c = new_client(org_mannheim, district="", gender="female", age_band="45-54", country="TR")
        sessions(c, date(YEAR, 6, 1), mode="email", language="tr")
    c = new_client(org_mannheim, district="08221", gender="diverse", country="UA")
    sessions(c, date(YEAR, 7, 1), language="uk")
    for _ in range(5):
        c = new_client(org_stuttgart, district="08111", gender="female")
        sessions(c, date(YEAR - 1, 12, 1))
    return {"stuttgart": org_stuttgart, "mannheim": org_mannheim}
