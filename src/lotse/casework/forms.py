"""Forms of the counsellor's workspace. They check input; services.py applies the rules."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.casework.models import Client, Consent
from lotse.casework.vocab import (
    COUNSELLING_LANGUAGES,
    SHAREABLE_FIELD_LABELS,
    CaseStatus,
    ConsentPurpose,
)
from lotse.core.i18n import countries, language_name

EARLIEST_YEAR = 1900


def _phone_field() -> forms.RegexField:
    return forms.RegexField(
        label=_("Phone"),
        required=False,
        max_length=40,
        regex=r"^\+?[0-9 ()/-]{6,40}$",
        error_messages={
            "invalid": _("Please enter a phone number: digits, spaces, + ( ) / - only.")
        },
    )


def _country_choices(empty_label) -> list:
    return [("", empty_label), *countries(get_language() or "de")]


def language_choices(codes) -> list:
    return [(code, language_name(code)) for code in codes]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def not_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("The date cannot be in the future."))
    if value and value.year < EARLIEST_YEAR:
        raise forms.ValidationError(_("Please check the year."))
    return value


class MemberChoiceField(forms.ModelChoiceField):
    """A member of the organisation, shown by name."""

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class OccupationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.title_de


class ContactForm(forms.Form):
    """What may be stored before consent: enough to reach the person."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = _phone_field()
    preferred_language = forms.ChoiceField(label=_("Language for e-mails and letters"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = language_choices(
            [code for code, _n in settings.LANGUAGES]
        )
        self.fields["name"].widget.attrs.update(autocomplete="off", dir="auto")
        self.fields["email"].widget.attrs.update(autocomplete="off")
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs.update(autocomplete="off")

    def clean_name(self):
        name = " ".join(self.cleaned_data.get("name", "").split())
        if not any(ch.isalpha() for ch in name):
            raise forms.ValidationError(_("Please enter a name with letters."))
        return name

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors:
            raise forms.ValidationError(_("Give an e-mail address or a phone number."))
        return data


class IntakeForm(ContactForm):
    """Contact data plus the year of birth, which sharpens the duplicate check and is stored
    only when the client consents to counselling in the same step."""

    birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        help_text=_("Optional. Stored only together with the consent to counselling."),
    )

    def clean_birth_year(self):
        return _check_birth_year(self.cleaned_data.get("birth_year"))


class ContactEditForm(ContactForm):
    counsellor = MemberChoiceField(
        label=_("Responsible counsellor"), queryset=None, required=False, empty_label=_("nobody")
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = members


def _check_birth_year(year):
    this_year = timezone.localdate().year
    if year is not None and not (this_year - 100 <= year <= this_year - 14):
        raise forms.ValidationError(
            _("Enter a year of birth between %(a)s and %(b)s.")
            % {"a": this_year - 100, "b": this_year - 14}
        )
    return year


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
        help_texts = {
            "gender": _("Optional. Choose “not stated” if the client does not want to say."),
            "residence_status": _("Optional, and only if the client wants to state it."),
            "qualifications": _("For example: Bachelor of Nursing, Kyiv 2012."),
        }

    def __init__(self, *args, districts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices(COUNSELLING_LANGUAGES)
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = [c for c in self.instance.languages.split() if c]
        for name in ("country_of_residence", "qualification_country"):
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label,
                required=False,
                choices=_country_choices(_("not stated")),
            )
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
        return _check_birth_year(self.cleaned_data.get("birth_year"))

    def clean_arrived_on(self):
        return not_future(self.cleaned_data.get("arrived_on"))

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
        label=_("Data that may be passed on (only for passing data on)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=SHAREABLE_FIELD_LABELS,
    )
    confirmed = forms.BooleanField(
        label=_("The client has read or heard the consent text and agreed to it."),
        error_messages={"required": _("Confirm that the client agreed to the text.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["receiving_organisation"].queryset = organisations
        self.fields["given_on"].initial = timezone.localdate()

    def clean_given_on(self):
        return not_future(self.cleaned_data.get("given_on"))

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
        label=_("The client consented to counselling and documentation (text above)."),
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
        return not_future(self.cleaned_data.get("consent_given_on"))

    def consent(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("consent_given"):
            return None
        return {
            "purpose": ConsentPurpose.COUNSELLING,
            "given_on": data.get("consent_given_on") or timezone.localdate(),
            "form": data["consent_form"],
        }


SORT_CHOICES = [
    ("recent", _("last contact, newest first")),
    ("oldest", _("last contact, oldest first")),
    ("name", _("name")),
    ("number", _("client number")),
    ("first_contact", _("first contact, newest first")),
]


class ClientFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name (any script), client number, e-mail address or phone number."),
    )
    status = forms.ChoiceField(
        label=_("Client status"), required=False, choices=[("", _("all")), *Client.Status.choices]
    )
    case_status = forms.ChoiceField(
        label=_("Case status"), required=False, choices=[("", _("all")), *CaseStatus.choices]
    )
    occupation = OccupationChoiceField(
        label=_("Reference occupation"),
        queryset=None,
        required=False,
        to_field_name="slug",
        empty_label=_("all"),
    )
    counsellor = MemberChoiceField(
        label=_("Counsellor"), queryset=None, required=False, empty_label=_("all")
    )
    overdue = forms.BooleanField(label=_("Only clients with overdue tasks"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, members, occupations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = members
        self.fields["occupation"].queryset = occupations
