"""Forms of the counsellor's workspace. They check input; services.py applies the rules."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.casework.models import Client, Consent, Outcome
from lotse.casework.vocab import (
    CASE_ORDER_LABELS,
    COUNSELLING_LANGUAGES,
    SHAREABLE_FIELD_LABELS,
    CaseStatus,
    CompensationType,
    ConsentPurpose,
    Decision,
    EmploymentStatus,
    QualificationMatch,
    ReferralKind,
    SessionMode,
    Topic,
)
from lotse.core.i18n import countries, language_name

PHONE = forms.RegexField(
    label=_("Phone"),
    required=False,
    max_length=40,
    regex=r"^\+?[0-9 ()/-]{6,40}$",
    error_messages={"invalid": _("Please enter a phone number with digits only.")},
)


def _country_choices(empty_label) -> list:
    return [("", empty_label), *countries(get_language() or "de")]


def _language_choices(codes) -> list:
    return [(code, language_name(code)) for code in codes]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    return value


class ContactForm(forms.Form):
    """What may be stored before consent: enough to reach the person."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = PHONE
    preferred_language = forms.ChoiceField(label=_("Language for e-mails and letters"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = _language_choices(
            [code for code, _n in settings.LANGUAGES]
        )
        self.fields["name"].widget.attrs.update(autocomplete="off", dir="auto")

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(_("Give an e-mail address or a phone number."))
        return data


class ProfileForm(forms.ModelForm):
    """Everything beyond contact data; offered only once a counselling consent is recorded."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Client
        fields = [
            "gender",
            "birth_year",
            "country_of_residence",
            "arrived_on",
            "district_code",
            "residence_status",
            "qualification_country",
            "qualification_level",
            "qualifications",
            "work_experience",
        ]
        widgets = {
            "arrived_on": DateInput(),
            "qualifications": forms.Textarea(attrs={"rows": 3}),
            "work_experience": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = _language_choices(COUNSELLING_LANGUAGES)
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = [c for c in self.instance.languages.split() if c]
        for name in ("country_of_residence", "qualification_country"):
            field = forms.ChoiceField(
                label=self.fields[name].label,
                required=False,
                choices=_country_choices(_("not stated")),
            )
            self.fields[name] = field
        self.fields["district_code"] = forms.ChoiceField(
            label=_("District in Baden-Württemberg"),
            required=False,
            choices=[("", _("not in Baden-Württemberg / not stated"))]
            + [
                (d.code, d.name if d.kind == "county" else f"{d.name} ({d.get_kind_display()})")
                for d in districts
            ],
        )
        self.fields["birth_year"].widget.attrs.update(min=1900, max=timezone.localdate().year)

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        this_year = timezone.localdate().year
        if year is not None and not (this_year - 100 <= year <= this_year - 14):
            raise forms.ValidationError(
                _("Enter a year of birth between %(a)s and %(b)s.")
                % {"a": this_year - 100, "b": this_year - 14}
            )
        return year

    def clean_arrived_on(self):
        return _not_future(self.cleaned_data.get("arrived_on"))

    def clean_languages(self):
        return " ".join(self.cleaned_data.get("languages") or [])


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DateInput())
    given_by = forms.ChoiceField(label=_("Given by"), choices=Consent.GivenBy.choices)
    form = forms.ChoiceField(label=_("Form"), choices=Consent.Form.choices)
    receiving_organisation = forms.ModelChoiceField(
        label=_("Receiving organisation (only for passing data on)"),
        queryset=None,
        required=False,
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Data that may be passed on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=SHAREABLE_FIELD_LABELS,
    )
    confirmed = forms.BooleanField(
        label=_("The client has read or heard the consent text above and agreed to it."),
        error_messages={"required": _("Confirm that the client agreed to the text.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_organisation"].queryset = organisations
        self.fields["given_on"].initial = timezone.localdate()

    def clean_given_on(self):
        return _not_future(self.cleaned_data.get("given_on"))

    def clean(self):
        data = super().clean()
        if data.get("purpose") == ConsentPurpose.REFERRAL:
            if not data.get("receiving_organisation"):
                self.add_error("receiving_organisation", _("Choose the receiving organisation."))
            if not data.get("shared_fields"):
                self.add_error("shared_fields", _("Choose at least one kind of data."))
        return data


class IntakeConsentForm(forms.Form):
    """The counselling consent, recorded in the same step as a new client (optional)."""

    consent_given = forms.BooleanField(
        label=_("The client consented to counselling and documentation (text below)."),
        required=False,
    )
    consent_given_on = forms.DateField(
        label=_("Consent given on"), widget=DateInput(), required=False
    )
    consent_form = forms.ChoiceField(label=_("Form of the consent"), choices=Consent.Form.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent_given_on"].initial = timezone.localdate()

    def clean_consent_given_on(self):
        return _not_future(self.cleaned_data.get("consent_given_on"))

    def consent(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("consent_given"):
            return None
        return {
            "purpose": ConsentPurpose.COUNSELLING,
            "given_on": data.get("consent_given_on") or timezone.localdate(),
            "form": data["consent_form"],
        }


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=5, max_value=480, initial=45
    )
    mode = forms.ChoiceField(label=_("Mode"), choices=SessionMode.choices)
    language = forms.ChoiceField(label=_("Language of the session"))
    interpreter = forms.BooleanField(label=_("Interpreter used"), required=False)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one topic.")},
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _language_choices(COUNSELLING_LANGUAGES)
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        return _not_future(self.cleaned_data.get("date"))


class CaseOpenForm(forms.Form):
    occupation = forms.CharField(widget=forms.HiddenInput)
    authority = forms.ModelChoiceField(
        label=_("Competent authority"), queryset=None, required=False
    )
    grant_applied = forms.NullBooleanField(
        label=_("Recognition grant applied for"),
        widget=forms.Select(
            choices=[("unknown", _("not yet known")), ("true", _("yes")), ("false", _("no"))]
        ),
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities


class CaseStepForm(forms.Form):
    status = forms.ChoiceField(label=_("Next step"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision = forms.ChoiceField(
        label=_("Decision (for “decision received”)"),
        required=False,
        choices=[("", "–"), *Decision.choices],
    )
    compensation_type = forms.ChoiceField(
        label=_("Compensation measure (for “compensation measure”)"),
        required=False,
        choices=[("", "–"), *CompensationType.choices],
    )
    compensation_provider = forms.CharField(
        label=_("Provider of the measure"), required=False, max_length=200
    )
    compensation_start = forms.DateField(
        label=_("Measure starts"), required=False, widget=DateInput()
    )
    compensation_end = forms.DateField(label=_("Measure ends"), required=False, widget=DateInput())
    abandon_reason = forms.CharField(
        label=_("Reason (for “abandoned”)"), required=False, max_length=300
    )

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, CASE_ORDER_LABELS[s]) for s in allowed]
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        return _not_future(self.cleaned_data.get("date"))

    def details(self) -> dict:
        keys = (
            "decision",
            "compensation_type",
            "compensation_provider",
            "compensation_start",
            "compensation_end",
            "abandon_reason",
        )
        return {key: self.cleaned_data.get(key) for key in keys}


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label=_("Refer to"), choices=ReferralKind.choices)
    offer = forms.ModelChoiceField(label=_("Qualification offer"), queryset=None, required=False)
    receiving_organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False
    )
    target = forms.CharField(
        label=_("Course, employer or contact person"), required=False, max_length=300
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, offers, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = offers
        self.fields["receiving_organisation"].queryset = organisations


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    assignee = forms.ModelChoiceField(label=_("Assigned to"), queryset=None)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members


class OutcomeForm(forms.Form):
    timepoint = forms.ChoiceField(label=_("When"), choices=Outcome.Timepoint.choices)
    employment = forms.ChoiceField(label=_("Employment status"), choices=EmploymentStatus.choices)
    qualification_match = forms.ChoiceField(
        label=_("Does the job match the qualification?"), choices=QualificationMatch.choices
    )
    recorded_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recorded_on"].initial = timezone.localdate()

    def clean_recorded_on(self):
        return _not_future(self.cleaned_data.get("recorded_on"))


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()

    def clean_closed_on(self):
        return _not_future(self.cleaned_data.get("closed_on"))


class ClientFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or client number"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Client status"), required=False, choices=[("", _("all")), *Client.Status.choices]
    )
    case_status = forms.ChoiceField(
        label=_("Case status"), required=False, choices=[("", _("all")), *CaseStatus.choices]
    )
    occupation = forms.CharField(
        label=_("Reference occupation (short name)"), required=False, max_length=100
    )
    counsellor = forms.TypedChoiceField(
        label=_("Counsellor"), required=False, coerce=int, empty_value=None
    )
    overdue = forms.BooleanField(label=_("Only with overdue tasks"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("recent", _("last contact, newest first")),
            ("oldest", _("last contact, oldest first")),
            ("name", _("name")),
            ("number", _("client number")),
            ("first_contact", _("first contact")),
        ],
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].choices = [("", _("all"))] + [
            (m.pk, m.get_full_name() or m.username) for m in members
        ]
