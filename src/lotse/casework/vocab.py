"""Choice lists of case management. Statistics (reports) group by these codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    NOT_STATED = "not_stated", _("not stated")


class AgeBand(models.TextChoices):
    UNDER_25 = "u25", _("under 25")
    FROM_25 = "25-34", _("25 to 34")
    FROM_35 = "35-44", _("35 to 44")
    FROM_45 = "45-54", _("45 to 54")
    FROM_55 = "55+", _("55 and older")
    UNKNOWN = "unknown", _("not known")


def age_band(birth_year: int | None, on_year: int) -> str:
    if not birth_year:
        return AgeBand.UNKNOWN
    age = on_year - birth_year
    for limit, band in (
        (25, AgeBand.UNDER_25),
        (35, AgeBand.FROM_25),
        (45, AgeBand.FROM_35),
        (55, AgeBand.FROM_45),
    ):
        if age < limit:
            return band
    return AgeBand.FROM_55


class ResidenceStatus(models.TextChoices):
    NOT_STATED = "not_stated", _("not stated")
    GERMAN = "german", _("German citizen")
    EU = "eu", _("EU/EEA/Swiss citizen")
    WORK = "work", _("residence permit for work or study")
    FAMILY = "family", _("residence permit for family reasons")
    PROTECTION = "protection", _("recognised refugee or subsidiary protection")
    TEMPORARY = "temporary", _("temporary protection (Ukraine, § 24 AufenthG)")
    ASYLUM = "asylum", _("asylum procedure pending")
    TOLERATED = "tolerated", _("toleration (Duldung)")
    ABROAD = "abroad", _("living abroad")
    OTHER = "other", _("other")


class QualificationLevel(models.TextChoices):
    VOCATIONAL = "vocational", _("vocational qualification")
    HIGHER = "higher", _("higher-education degree")
    OTHER = "other", _("other")
    NOT_STATED = "not_stated", _("not stated")


class ConsentPurpose(models.TextChoices):
    COUNSELLING = "counselling", _("counselling and documentation of the case")
    REFERRAL = "referral", _("passing data on to another organisation")


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("phone")
    VIDEO = "video", _("video")
    EMAIL = "email", _("e-mail")


class Topic(models.TextChoices):
    RECOGNITION = "recognition", _("recognition")
    QUALIFICATION = "qualification", _("qualification")
    JOB_SEARCH = "job_search", _("job search")
    LANGUAGE = "language", _("German language")
    FUNDING = "funding", _("funding of costs")
    RESIDENCE = "residence", _("referral on residence law")
    OTHER = "other", _("other")


class CaseStatus(models.TextChoices):
    INFORMED = "informed", _("informed")
    GATHERING = "gathering", _("documents being gathered")
    SUBMITTED = "submitted", _("application submitted")
    DOCUMENTS_REQUESTED = "docs_requested", _("documents requested by the authority")
    DECISION = "decision", _("decision received")
    COMPENSATION = "compensation", _("compensation measure")
    COMPLETED = "completed", _("completed")
    ABANDONED = "abandoned", _("abandoned")


FINAL_CASE_STATUSES = frozenset({CaseStatus.COMPLETED, CaseStatus.ABANDONED})
# From each status, the steps a counsellor may record next. "Abandoned" is open from anywhere.
CASE_TRANSITIONS = {
    CaseStatus.INFORMED: [CaseStatus.GATHERING, CaseStatus.SUBMITTED],
    CaseStatus.GATHERING: [CaseStatus.SUBMITTED],
    CaseStatus.SUBMITTED: [CaseStatus.DOCUMENTS_REQUESTED, CaseStatus.DECISION],
    CaseStatus.DOCUMENTS_REQUESTED: [CaseStatus.SUBMITTED, CaseStatus.DECISION],
    CaseStatus.DECISION: [CaseStatus.COMPENSATION, CaseStatus.COMPLETED],
    CaseStatus.COMPENSATION: [CaseStatus.COMPLETED],
    CaseStatus.COMPLETED: [],
    CaseStatus.ABANDONED: [],
}


class Decision(models.TextChoices):
    FULL = "full", _("full equivalence")
    PARTIAL = "partial", _("partial equivalence")
    REJECTED = "rejected", _("rejected")


class CompensationType(models.TextChoices):
    ADAPTATION = "adaptation", _("adaptation period")
    APTITUDE = "aptitude_test", _("aptitude test")
    KNOWLEDGE = "knowledge_test", _("knowledge test")
    OTHER = "other", _("other measure")


class ReferralKind(models.TextChoices):
    OFFER = "offer", _("qualification offer")
    LANGUAGE = "language_course", _("language course")
    ORGANISATION = "organisation", _("another counselling organisation")
    EMPLOYER = "employer", _("employer contact")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("sent")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    STOPPED = "stopped", _("stopped: consent withdrawn")


class DocumentKind(models.TextChoices):
    DIPLOMA = "diploma", _("diploma or certificate")
    TRANSCRIPT = "transcript", _("transcript of records")
    DECISION = "decision", _("decision of the authority")
    EMPLOYMENT = "employment", _("proof of work experience")
    OTHER = "other", _("other document")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("employed")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    TRAINING = "training", _("in training or a qualification measure")
    SEEKING = "seeking", _("looking for work")
    NOT_AVAILABLE = "not_available", _("not available for work")
    UNKNOWN = "unknown", _("not known")


class QualificationMatch(models.TextChoices):
    YES = "yes", _("yes")
    PARTLY = "partly", _("partly")
    NO = "no", _("no")
    NOT_APPLICABLE = "na", _("not applicable")


# Fields a referral consent may name, in the order the receiver sees them.
SHAREABLE_FIELD_LABELS = [
    ("name", _("name")),
    ("email", _("e-mail")),
    ("phone", _("phone")),
    ("preferred_language", _("preferred language")),
    ("languages", _("languages spoken")),
    ("qualification_country", _("country where the qualification was earned")),
    ("qualifications", _("highest qualification(s)")),
    ("work_experience", _("work experience")),
    ("cases", _("recognition cases (occupation and status)")),
]
SHAREABLE_FIELDS = [code for code, _label in SHAREABLE_FIELD_LABELS]
CASE_ORDER_LABELS = dict(CaseStatus.choices)

# Languages a session can be held in or a client can speak (ISO 639-1 codes).
COUNSELLING_LANGUAGES = [
    "de", "en", "ar", "tr", "uk", "ru", "fa", "ps", "ku", "fr", "es", "it", "pl", "ro", "bg",
    "hr", "sr", "sq", "el", "ti", "so", "am", "hi", "ur", "bn", "vi", "zh", "pt",
]  # fmt: skip
