"""iCalendar (RFC 5545) files of training events, built with the `icalendar` library."""

from icalendar import Calendar
from icalendar import Event as IcsEvent

from lotse.training.models import Event


def calendar_for(events: list[Event], *, url_for) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//IQ Netzwerk Baden-Württemberg//Lotse//DE")
    calendar.add("version", "2.0")
    for event in events:
        item = IcsEvent()
        item.add("uid", f"training-event-{event.pk}@lotse")
        item.add("summary", event.module.title_de)
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("dtstamp", event.starts_at)
        item.add("location", event.venue or event.online_url or "online")
        item.add("url", url_for(event))
        item.add("description", event.module.summary_de)
        if event.status == Event.Status.CANCELLED:
            item.add("status", "CANCELLED")
        calendar.add_component(item)
    return calendar.to_ical()
