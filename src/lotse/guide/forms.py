from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.core.i18n import countries, language_name
from lotse.guide.selectors import ABROAD
from lotse.guide.texts import CONSENT_TEXT


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Country where you earned your qualification"),
        error_messages={
            "required": _("Please choose a country."),
            "invalid_choice": _("Please choose a country from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country"))] + list(
            countries(get_language() or "de")
        )


class DistrictForm(forms.Form):
    district = forms.ChoiceField(
        label=_("District where you live or want to work"),
        error_messages={
            "required": _("Please choose a district, or “I still live abroad”."),
            "invalid_choice": _("Please choose a district from the list."),
        },
    )

    def __init__(self, *args, districts, **kwargs):
        super().__init__(*args, **kwargs)
        districts = list(districts)
        names = [d.name for d in districts]
        grouped: dict[str, list[tuple[str, str]]] = {}
        for district in districts:
            # The kind only where a name is used twice (Heilbronn, Karlsruhe: city and county).
            label = district.name
            if names.count(district.name) > 1:
                label += f" ({district.get_kind_display()})"
            if district.main_town and district.main_town not in district.name:
                label += f" – {district.main_town}"
            grouped.setdefault(district.region.name, []).append((district.code, label))
        self.fields["district"].choices = [
            ("", _("Choose a district")),
            (ABROAD, _("I still live abroad")),
            *sorted(grouped.items()),
        ]


class AppointmentForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Please enter an e-mail address like name@example.org.")},
    )
    phone = forms.RegexField(
        label=_("Phone"),
        required=False,
        max_length=40,
        regex=r"^\+?[0-9 ()/-]{6,40}$",
        error_messages={
            "invalid": _("Please enter a phone number with digits only, e.g. +49 711 123456.")
        },
    )
    preferred_language = forms.ChoiceField(label=_("Language for the counselling"))
    preferred_times = forms.CharField(
        label=_("When can you come or talk?"),
        max_length=300,
        required=False,
        help_text=_("For example: Monday or Tuesday mornings"),
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Please write at most 1000 characters.")},
    )
    consent = forms.BooleanField(
        label=_("Consent"),
        help_text=CONSENT_TEXT,
        error_messages={"required": _("We can pass on your request only with your consent.")},
    )
    # Spam protection without third parties: a field people do not see, and a form token.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = [code for code, _name in settings.LANGUAGES]
        self.fields["preferred_language"].choices = [(c, language_name(c)) for c in codes]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    def clean(self):
        data = super().clean()
        if (
            not data.get("email")
            and not data.get("phone")
            and not self.has_error("email")
            and not self.has_error("phone")
        ):
            raise forms.ValidationError(_("Please give an e-mail address or a phone number."))
        return data

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))
