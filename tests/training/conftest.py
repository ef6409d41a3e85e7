import datetime as dt

import pytest
from django.utils import timezone

from lotse.training.models import Event, Format, TrainingModule


def new_event(*, capacity=2, trainer=None, days=10, deadline_days=2, status=Event.Status.PUBLISHED):
    module, _ = TrainingModule.objects.get_or_create(
        slug="anerkennungsrecht",
        defaults={"title_de": "Anerkennungsrecht", "title_en": "Recognition law",
                  "summary_de": "Grundlagen", "summary_en": "Basics", "format": Format.IN_PERSON,
                  "duration_hours": 6},
    )  # fmt: skip
    starts = timezone.now() + dt.timedelta(days=days)
    event = Event.objects.create(
        module=module, starts_at=starts, ends_at=starts + dt.timedelta(hours=6),
        venue="Stuttgart", capacity=capacity, status=status,
        registration_deadline=starts - dt.timedelta(days=deadline_days),
    )  # fmt: skip
    if trainer:
        event.trainers.add(trainer)
    return event


@pytest.fixture
def event(db, trainer):
    return new_event(trainer=trainer)
