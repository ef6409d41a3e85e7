"""The dashboard's filter: year, region and — for organisation leads — whose figures."""

from django import forms
from django.utils.translation import gettext_lazy as _

NETWORK, OWN = "network", "own"


class FilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    region = forms.ChoiceField(label=_("Region"), required=False)
    scope = forms.ChoiceField(
        label=_("Figures of"),
        required=False,
        choices=[(OWN, _("my organisation")), (NETWORK, _("the whole network, anonymised"))],
    )

    def __init__(self, data=None, *, years: list[int], regions, own: bool, places: bool = True):
        super().__init__(data)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["region"].choices = [("", _("all regions"))] + list(regions)
        if not own:
            del self.fields["scope"]
        if not places:
            del self.fields["region"]

    def values(self, *, default_year: int, own_default: bool) -> dict:
        """The valid choices, or the defaults where the input was missing or wrong."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        scope = data.get("scope") or (OWN if own_default and "scope" in self.fields else NETWORK)
        return {
            "year": data.get("year") or default_year,
            "region": data.get("region") or "",
            "own": scope == OWN,
        }
