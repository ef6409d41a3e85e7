import pytest

from lotse.directory.models import Centre


@pytest.fixture
def guide_data(reference_data, directory_data):
    """Knowledge base and directory, as `make run` loads them."""


@pytest.fixture
def awo(guide_data, org_stuttgart) -> Centre:
    """The Stuttgart counselling centre, run in Lotse by the Stuttgart organisation."""
    centre = Centre.objects.get(key="awo-stuttgart-anerkennungsberatung")
    centre.organisation = org_stuttgart
    centre.save()
    return centre


@pytest.fixture
def ikubiz(guide_data, org_mannheim) -> Centre:
    centre = Centre.objects.get(key="ikubiz-mannheim-anerkennungsberatung")
    centre.organisation = org_mannheim
    centre.save()
    return centre
