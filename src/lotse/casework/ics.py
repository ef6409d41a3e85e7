"""iCalendar (RFC 5545, iTIP RFC 5546) files of counselling appointments.

Two audiences, two files. The client's e-mail carries an invitation (METHOD REQUEST, or
CANCEL when the appointment is called off) that calendar programs file under the appointment's
stable UID and replace when SEQUENCE grows. The counsellor's download is a plain published
event (METHOD PUBLISH) that names the client only by the pseudonymous client number, because
staff calendars are often synchronised to places case files must not go.

Times are written in UTC (`…Z`), which every calendar program reads without a VTIMEZONE block.
"""

import datetime as dt
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as IcsEvent

from lotse.casework.models import Appointment
from lotse.core.i18n import language_name

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def organisation_address(appointment: Appointment) -> str:
    org = appointment.organisation
    return ", ".join(part for part in (org.street, f"{org.postcode} {org.city}".strip()) if part)


def place_of(appointment: Appointment) -> str:
    """Where the client goes (or the number or link): as booked, else the organisation's
    address for an appointment in person."""
    if appointment.location:
        return appointment.location
    if appointment.mode == "in_person":
        return organisation_address(appointment)
    return ""


def _organizer(appointment: Appointment) -> vCalAddress:
    email = appointment.organisation.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organizer = vCalAddress(f"mailto:{email}")
    organizer.params["cn"] = vText(appointment.organisation.name)
    return organizer


def _description(appointment: Appointment) -> str:
    lines = [
        _("How: %(mode)s") % {"mode": appointment.get_mode_display()},
        _("Language: %(language)s") % {"language": language_name(appointment.language)},
    ]
    if appointment.interpreter_needed:
        lines.append(_("An interpreter will take part."))
    org = appointment.organisation
    contact = " · ".join(part for part in (org.name, org.phone, org.email) if part)
    lines.append(contact)
    return "\n".join(lines)


def appointment_calendar(appointment: Appointment, *, method: str) -> bytes:
    """The appointment as an iCalendar file, texts in the active language.

    `method` REQUEST or CANCEL: the invitation for the client (with organiser and attendee);
    PUBLISH: the counsellor's copy (client number only, no attendee).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//IQ Netzwerk Baden-Württemberg//Lotse//DE")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    item = IcsEvent()
    item.add("uid", appointment.uid)
    item.add("sequence", appointment.sequence)
    item.add("dtstamp", _utc(timezone.now()))
    item.add("dtstart", _utc(appointment.starts_at))
    item.add(
        "dtend", _utc(appointment.starts_at + dt.timedelta(minutes=appointment.duration_minutes))
    )
    if method == PUBLISH:
        item.add("summary", _("Counselling: %(number)s") % {"number": appointment.client.number})
    else:
        item.add(
            "summary",
            _("Counselling appointment: %(organisation)s")
            % {"organisation": appointment.organisation.name},
        )
        item.add("organizer", _organizer(appointment))
        attendee = vCalAddress(f"mailto:{appointment.client.email}")
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("FALSE")
        item.add("attendee", attendee)
    place = place_of(appointment)
    if place:
        item.add("location", place)
    item.add("description", _description(appointment))
    cancelled = method == CANCEL or appointment.status == Appointment.Status.CANCELLED
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(item)
    return calendar.to_ical()
