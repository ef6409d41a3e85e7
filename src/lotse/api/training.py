"""Public training dates: JSON and an iCalendar feed."""

import datetime as dt

from django.http import HttpResponse
from django.urls import reverse
from ninja import Router, Schema

from lotse.training.ics import calendar_for
from lotse.training.selectors import upcoming_events

router = Router(tags=["training"])


class EventOut(Schema):
    id: int
    title: str
    title_en: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    format: str
    venue: str
    capacity: int
    seats_left: int
    waiting_list: int


class EventsOut(Schema):
    items: list[EventOut]


@router.get("/events", response=EventsOut, summary="Upcoming published training events")
def events(request):
    items = [
        {
            "id": e.pk,
            "title": e.module.title_de,
            "title_en": e.module.title_en,
            "starts_at": e.starts_at,
            "ends_at": e.ends_at,
            "format": e.module.format,
            "venue": e.venue,
            "capacity": e.capacity,
            "seats_left": max(0, e.free),
            "waiting_list": e.waiting,
        }  # fmt: skip
        for e in upcoming_events()
    ]
    return {"items": items}


@router.get("/events.ics", url_name="training_events_ics", summary="Upcoming events as iCalendar")
def events_ics(request):
    def url_for(event):
        return request.build_absolute_uri(reverse("training:event", args=[event.pk]))

    ics = calendar_for(list(upcoming_events()), url_for=url_for)
    return HttpResponse(ics, content_type="text/calendar; charset=utf-8")
