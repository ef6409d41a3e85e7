import pytest

from lotse.accounts.models import Organisation, Role
from lotse.accounts.services import organisation_upsert
from lotse.quality.services import catalogue_load
from tests.conftest import make_user

SMALL_CATALOGUE = {
    "version": 1,
    "title": {"de": "Test", "en": "Test"},
    "levels": [{"value": v, "de": f"Stufe {v}", "en": f"level {v}"} for v in range(4)],
    "areas": [
        {"key": "access", "de": "Zugang", "en": "Access and reach", "criteria": [
            {"key": "access-free", "de": "Kostenfrei", "en": "Free of charge", "indicators": [],
             "source": "IQ (2011)"},
            {"key": "access-ways", "de": "Viele Wege", "en": "Several ways", "indicators": [],
             "source": "BeQu"},
        ]},
        {"key": "intercultural", "de": "Interkulturell", "en": "Intercultural competence",
         "criteria": [{"key": "ic-training", "de": "Schulung", "en": "Trained staff",
                       "indicators": [], "source": "BeQu", "staff_competence": True}]},
    ],
}  # fmt: skip


@pytest.fixture
def catalogue(db):
    return catalogue_load(data=SMALL_CATALOGUE)


@pytest.fixture
def quality_manager(org_coordination):
    return make_user("qm", Role.QUALITY, org_coordination)


@pytest.fixture
def network_coordinator(org_coordination):
    return make_user("coord", Role.COORDINATOR, org_coordination)


def institution(slug: str) -> Organisation:
    org, _ = organisation_upsert(slug=slug, name=slug.title(), kind=Organisation.Kind.COUNSELLING)
    return org
