"""Forms of the quick entries on the client and case pages: session, recognition case and
its steps, referral, follow-up, outcome, closing. They check input; the services apply the
rules (consent first, the order of the timeline)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.casework.forms import (
    DateInput,
    MemberChoiceField,
    language_choices,
    not_future,
)
from lotse.casework.models import Outcome
from lotse.casework.vocab import (
    CASE_ORDER_LABELS,
    COUNSELLING_LANGUAGES,
    CaseStatus,
    CompensationType,
    Decision,
    EmploymentStatus,
    QualificationMatch,
    ReferralKind,
    SessionMode,
    Topic,
)


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
        self.fields["language"].choices = language_choices(COUNSELLING_LANGUAGES)
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        return not_future(self.cleaned_data.get("date"))


GRANT_CHOICES = [("unknown", _("not yet known")), ("true", _("yes")), ("false", _("no"))]


class CaseOpenForm(forms.Form):
    occupation = forms.CharField(widget=forms.HiddenInput, max_length=100)
    opened_on = forms.DateField(
        label=_("Client informed on"),
        widget=DateInput(),
        help_text=_("The first step of the timeline. Later steps cannot be dated before it."),
    )
    authority = forms.ModelChoiceField(
        label=_("Competent authority"),
        queryset=None,
        required=False,
        help_text=_("Pre-filled from the knowledge base for the client's district."),
    )
    grant_applied = forms.NullBooleanField(
        label=_("Recognition grant applied for"), widget=forms.Select(choices=GRANT_CHOICES)
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        self.fields["opened_on"].initial = timezone.localdate()

    def clean_opened_on(self):
        return not_future(self.cleaned_data.get("opened_on"))


class GrantForm(forms.Form):
    grant_applied = forms.NullBooleanField(
        label=_("Recognition grant applied for"), widget=forms.Select(choices=GRANT_CHOICES)
    )


class CaseStepForm(forms.Form):
    status = forms.ChoiceField(label=_("Next step"))
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    decision = forms.ChoiceField(
        label=_("Decision of the authority"),
        required=False,
        choices=[("", "–"), *Decision.choices],
    )
    compensation_type = forms.ChoiceField(
        label=_("Type of measure"),
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
    abandon_reason = forms.CharField(label=_("Reason"), required=False, max_length=300)

    DECISION_FIELDS = ("decision",)
    COMPENSATION_FIELDS = (
        "compensation_type",
        "compensation_provider",
        "compensation_start",
        "compensation_end",
    )
    ABANDON_FIELDS = ("abandon_reason",)

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, CASE_ORDER_LABELS[s]) for s in allowed]
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        return not_future(self.cleaned_data.get("date"))

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status == CaseStatus.DECISION and not data.get("decision"):
            self.add_error("decision", _("Choose the decision of the authority."))
        if status == CaseStatus.COMPENSATION and not data.get("compensation_type"):
            self.add_error("compensation_type", _("Choose the type of compensation measure."))
        if status == CaseStatus.ABANDONED and not (data.get("abandon_reason") or "").strip():
            self.add_error("abandon_reason", _("Say why the case was abandoned."))
        start, end = data.get("compensation_start"), data.get("compensation_end")
        if start and end and end < start:
            self.add_error("compensation_end", _("The measure cannot end before it starts."))
        return data

    def details(self) -> dict:
        keys = (*self.DECISION_FIELDS, *self.COMPENSATION_FIELDS, *self.ABANDON_FIELDS)
        return {key: self.cleaned_data.get(key) for key in keys}


class ReferralForm(forms.Form):
    kind = forms.ChoiceField(label=_("Refer to"), choices=ReferralKind.choices)
    offer = forms.ModelChoiceField(
        label=_("Qualification offer (for a qualification offer)"), queryset=None, required=False
    )
    receiving_organisation = forms.ModelChoiceField(
        label=_("Organisation (for another counselling organisation)"),
        queryset=None,
        required=False,
        help_text=_("Only organisations named in an active consent of the client to pass data on."),
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

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == ReferralKind.OFFER and not data.get("offer"):
            self.add_error("offer", _("Choose the qualification offer."))
        if kind == ReferralKind.ORGANISATION and not data.get("receiving_organisation"):
            self.add_error(
                "receiving_organisation", _("Choose the organisation that receives the referral.")
            )
        if kind in (ReferralKind.LANGUAGE, ReferralKind.EMPLOYER) and not data.get("target"):
            self.add_error("target", _("Name the course, employer or contact person."))
        return data


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    assignee = MemberChoiceField(label=_("Assigned to"), queryset=None)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = members

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on and due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        if due_on and due_on.year > timezone.localdate().year + 10:
            raise forms.ValidationError(_("Please check the year."))
        return due_on


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
        return not_future(self.cleaned_data.get("recorded_on"))


class CloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()

    def clean_closed_on(self):
        return not_future(self.cleaned_data.get("closed_on"))
