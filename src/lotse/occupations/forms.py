from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Your profession, in your own words and language"),
        max_length=200,
        strip=True,
        error_messages={
            "required": _("Please type your profession."),
            "max_length": _("Please use at most 200 characters."),
        },
    )


class DistrictForm(forms.Form):
    district = forms.RegexField(regex=r"^08\d{3}$", required=False)
