from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.training.models import Format, QualificationOffer


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={"invalid": _("Please enter an e-mail address like name@example.org.")},
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    role = forms.CharField(label=_("Role in the organisation"), max_length=150, required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"), max_length=500, required=False
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs (optional)"), max_length=300, required=False
    )


class EventFilterForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All"))] + list(Format.choices)
    )


class FeedbackForm(forms.Form):
    SCALE = [(str(i), str(i)) for i in range(1, 6)]
    overall = forms.TypedChoiceField(
        coerce=int,
        choices=SCALE,
        widget=forms.RadioSelect,
        label=_("Overall, the training was good."),
    )
    useful = forms.TypedChoiceField(
        coerce=int,
        choices=SCALE,
        widget=forms.RadioSelect,
        label=_("I can use what I learned in my work."),
    )
    trainer = forms.TypedChoiceField(
        coerce=int,
        choices=SCALE,
        widget=forms.RadioSelect,
        label=_("The trainer explained things clearly."),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OfferSearchForm(forms.Form):
    q = forms.CharField(label=_("Your profession"), max_length=200, required=False)
    district = forms.RegexField(
        label=_("District key"), regex=r"^(08\d{3}|abroad)$", required=False
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All"))] + list(QualificationOffer.Kind.choices),
    )
    occupation = forms.SlugField(required=False, widget=forms.HiddenInput)
