from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.core.uploads import check_upload

MAX_EVIDENCE_BYTES = 5 * 1024 * 1024


def check_evidence_file(upload) -> None:
    """PDF, PNG or JPEG up to 5 MB, recognised by its content, not by its name."""
    check_upload(upload, max_bytes=MAX_EVIDENCE_BYTES)


def parse_ratings(post, files, ratings) -> tuple[dict[int, dict], dict[int, list[str]]]:
    """Read the self-assessment form: values per rating id, and errors per rating id."""
    values: dict[int, dict] = {}
    errors: dict[int, list[str]] = {}
    validate_url = URLValidator(schemes=["http", "https"])
    for rating in ratings:
        pk = rating.pk
        level_raw = post.get(f"level_{pk}", "")
        problems = []
        level = None
        if level_raw != "":
            if level_raw not in {"0", "1", "2", "3"}:
                problems.append(_("Choose a level from 0 to 3."))
            else:
                level = int(level_raw)
        evidence = post.get(f"evidence_{pk}", "").strip()
        comment = post.get(f"comment_{pk}", "").strip()
        link = post.get(f"link_{pk}", "").strip()
        if len(evidence) > 2000 or len(comment) > 2000:
            problems.append(_("Please write at most 2000 characters."))
        if link:
            try:
                validate_url(link)
            except ValidationError:
                problems.append(_("The link must start with https:// or http://."))
        upload = files.get(f"file_{pk}")
        if upload is not None:
            try:
                check_evidence_file(upload)
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            errors[pk] = problems
            continue
        values[pk] = {
            "level": level, "evidence_text": evidence, "evidence_link": link, "comment": comment,
            "evidence_file": upload,
        }  # fmt: skip
    return values, errors


class StartForm(forms.Form):
    period = forms.IntegerField(label=gettext_lazy("Year"), min_value=2020, max_value=2100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"period": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("lock", gettext_lazy("Accept and lock")),
            ("return", gettext_lazy("Return with comments")),
        ],
        widget=forms.RadioSelect,
        label=gettext_lazy("Decision"),
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, max_length=2000, widget=forms.Textarea
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment"):
            raise ValidationError(_("Please say what should be changed."))
        return data


class ActionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Action"), max_length=300)
    owner = forms.ModelChoiceField(label=gettext_lazy("Owner"), queryset=None)
    due = forms.DateField(label=gettext_lazy("Due"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members


FEEDBACK_STATEMENTS = {
    "understood": gettext_lazy("The counsellor understood my situation."),
    "time": gettext_lazy("The counsellor took enough time for me."),
    "clear_next_steps": gettext_lazy("I know what my next steps are."),
    "respect": gettext_lazy("I was treated with respect."),
    "language": gettext_lazy("Language was not a barrier (or an interpreter helped)."),
    "recommend": gettext_lazy("I would recommend this counselling to others."),
}


class FeedbackForm(forms.Form):
    """The anonymous client survey: six statements on a five-point scale, one free text."""

    free_text = forms.CharField(
        label=gettext_lazy("Anything else you want to tell us? (optional, please no names)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scale = [(str(i), str(i)) for i in range(1, 6)]
        statements = {
            name: forms.TypedChoiceField(
                coerce=int, choices=scale, widget=forms.RadioSelect, label=label
            )
            for name, label in FEEDBACK_STATEMENTS.items()
        }
        self.fields = {**statements, "free_text": self.fields["free_text"]}
