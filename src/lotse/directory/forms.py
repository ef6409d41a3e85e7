from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.i18n import language_name
from lotse.directory.vocab import MODES, SERVICES


class CentreFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("District"), required=False)
    language = forms.ChoiceField(label=_("Language of the counselling"), required=False)
    service = forms.ChoiceField(label=_("Service"), required=False)

    def __init__(self, *args, districts, languages, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        names = [d.name for d in districts]
        self.fields["district"].choices = everything + [
            (d.code, d.name if names.count(d.name) == 1 else f"{d.name} ({d.get_kind_display()})")
            for d in districts
        ]
        self.fields["language"].choices = everything + [(c, language_name(c)) for c in languages]
        self.fields["service"].choices = everything + list(SERVICES.items())


class CentreEditForm(forms.Form):
    """What a centre's own staff may change in its public entry."""

    phone = forms.CharField(label=_("Phone"), max_length=60, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    web = forms.URLField(label=_("Website"), max_length=500, required=False, assume_scheme="https")
    opening_hours_de = forms.CharField(
        label=_("Opening hours (German)"), max_length=500, required=False, widget=forms.Textarea
    )
    opening_hours_en = forms.CharField(
        label=_("Opening hours (English)"), max_length=500, required=False, widget=forms.Textarea
    )
    languages = forms.CharField(
        label=_("Languages of the counselling"),
        max_length=200,
        required=False,
        help_text=_("Two-letter language codes, separated by commas, e.g. de, en, ar, tr"),
    )
    services = forms.MultipleChoiceField(
        label=_("Services"), choices=list(SERVICES.items()), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    modes = forms.MultipleChoiceField(
        label=_("Ways to get advice"), choices=list(MODES.items()), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip

    def clean_languages(self) -> list[str]:
        raw = self.cleaned_data["languages"]
        codes = [part.strip().lower() for part in raw.replace(";", ",").split(",") if part.strip()]
        invalid = [c for c in codes if not (c.isalpha() and 2 <= len(c) <= 3)]
        if invalid:
            raise forms.ValidationError(
                _("These are not language codes: %(codes)s"), params={"codes": ", ".join(invalid)}
            )
        return list(dict.fromkeys(codes))

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "phone": data["phone"],
            "email": data["email"],
            "web": data["web"],
            "opening_hours": {
                k: v
                for k, v in (("de", data["opening_hours_de"]), ("en", data["opening_hours_en"]))
                if v
            },
            "languages": data["languages"],
            "services": data["services"],
            "modes": data["modes"],
        }
