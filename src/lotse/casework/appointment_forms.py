"""Forms of appointments and the calendar. They parse input; appointments.py applies the rules
(past, overlap, team), so that every entry point obeys them."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.casework.appointments import BOOKABLE_MODES, MAX_DURATION, MIN_DURATION
from lotse.casework.forms import DateInput
from lotse.casework.vocab import COUNSELLING_LANGUAGES, SessionMode
from lotse.core.i18n import language_name


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _member_label(member) -> str:
    return member.get_full_name() or member.get_username()


class AppointmentForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(
        label=_("Time"), widget=TimeInput(), help_text=_("Local time in Germany.")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=MIN_DURATION, max_value=MAX_DURATION, initial=60
    )
    mode = forms.ChoiceField(
        label=_("How"),
        choices=[(mode.value, mode.label) for mode in BOOKABLE_MODES],
        initial=SessionMode.IN_PERSON,
    )
    location = forms.CharField(
        label=_("Place, phone number or video link"),
        required=False,
        max_length=300,
        help_text=_(
            "The client sees this. In person: the address (empty = your organisation's "
            "address). Phone: who calls whom. Video: the link."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the appointment"))
    interpreter_needed = forms.BooleanField(label=_("Interpreter needed"), required=False)
    counsellor = forms.ModelChoiceField(label=_("Counsellor"), queryset=None)

    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors
        self.fields["counsellor"].label_from_instance = _member_label
        self.fields["language"].choices = [
            (code, language_name(code)) for code in COUNSELLING_LANGUAGES
        ]
        self.fields["location"].widget.attrs.update(dir="auto")

    def clean_date(self):
        day = self.cleaned_data.get("date")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the past."))
        return day

    def values(self) -> dict:
        """The keyword arguments of `appointment_book` / `appointment_reschedule`."""
        data = self.cleaned_data
        starts_at = timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))
        return {
            "counsellor": data["counsellor"],
            "starts_at": starts_at,
            "duration_minutes": data["duration_minutes"],
            "mode": data["mode"],
            "location": data["location"],
            "language": data["language"],
            "interpreter_needed": data["interpreter_needed"],
        }

    @classmethod
    def initial_for(cls, appointment) -> dict:
        local = timezone.localtime(appointment.starts_at)
        return {
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": appointment.duration_minutes,
            "mode": appointment.mode,
            "location": appointment.location,
            "language": appointment.language,
            "interpreter_needed": appointment.interpreter_needed,
            "counsellor": appointment.counsellor_id,
        }


class CalendarForm(forms.Form):
    """The calendar's query: whose appointments, which day, a day or the week around it."""

    counsellor = forms.ModelChoiceField(label=_("Counsellor"), queryset=None, required=False)
    day = forms.DateField(label=_("Day"), widget=DateInput(), required=False)
    view = forms.ChoiceField(
        label=_("Show"),
        choices=[("day", _("this day")), ("week", _("the whole week"))],
        required=False,
    )

    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors
        self.fields["counsellor"].label_from_instance = _member_label
        self.fields["counsellor"].empty_label = None
        self.fields["counsellor"].error_messages["invalid_choice"] = _(
            "Choose a counsellor of your team."
        )
