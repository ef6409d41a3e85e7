"""Client records of one counselling organisation, from first contact to a job that fits.

Every row carries `organisation` so that scoping is one indexed filter (ADR 0003), also on
child records (sessions, cases …) where it is copied from the client. Erasure (Art. 17) and
retention blank the personal fields in place and keep the statistical ones (district, country
of qualification, gender, age band, occupation, status, outcome), so reports stay correct
without holding a copy of personal data (PRODUCT.md §3, last line).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.casework.vocab import (
    FINAL_CASE_STATUSES,
    AgeBand,
    CaseStatus,
    CompensationType,
    ConsentPurpose,
    Decision,
    DocumentKind,
    EmploymentStatus,
    Gender,
    QualificationLevel,
    QualificationMatch,
    ReferralKind,
    ReferralStatus,
    ResidenceStatus,
    SessionMode,
)

USER = settings.AUTH_USER_MODEL


class Client(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    class Source(models.TextChoices):
        MANUAL = "manual", _("manual intake")
        GUIDE = "guide", _("request from the public guide")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="clients"
    )
    number = models.CharField(_("client number"), max_length=16, unique=True)
    counsellor = models.ForeignKey(
        USER,
        verbose_name=_("counsellor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clients",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    appointment_request = models.OneToOneField(
        "guide.AppointmentRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="client",
    )
    # --- contact: the minimum that may be stored without consent
    name = models.CharField(_("name"), max_length=200, blank=True)
    # Lower-case, accents and punctuation removed: what the duplicate check and search compare.
    name_key = models.CharField(max_length=200, blank=True, db_index=False)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The last nine digits of `phone`: "+49 711 1234567" and "0711 1234567" meet here, in an
    # index, so the duplicate check compares numbers however they were typed. Personal data:
    # erased together with `phone`.
    phone_key = models.CharField(max_length=12, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="de")
    # --- needs recorded consent
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    gender = models.CharField(
        _("gender"), max_length=12, choices=Gender.choices, default=Gender.NOT_STATED
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    country_of_residence = models.CharField(_("country of residence"), max_length=2, blank=True)
    arrived_on = models.DateField(_("arrived in Germany on"), null=True, blank=True)
    district_code = models.CharField(_("district"), max_length=5, blank=True)
    residence_status = models.CharField(
        _("residence status"),
        max_length=24,
        choices=ResidenceStatus.choices,
        default=ResidenceStatus.NOT_STATED,
    )
    qualification_country = models.CharField(
        _("country where the qualification was earned"), max_length=2, blank=True
    )
    qualification_level = models.CharField(
        _("level of the highest qualification"),
        max_length=16,
        choices=QualificationLevel.choices,
        default=QualificationLevel.NOT_STATED,
    )
    qualifications = models.TextField(_("highest qualification(s)"), max_length=2000, blank=True)
    work_experience = models.TextField(_("work experience"), max_length=2000, blank=True)
    # --- kept after erasure (statistics), never personal on its own
    age_band = models.CharField(
        _("age band"), max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    first_contact_on = models.DateField(_("first contact"), default=timezone.localdate)
    last_contact_on = models.DateField(_("last contact"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-last_contact_on", "-id"]
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        indexes = [
            # The client list never shows erased clients: partial indexes let its count and
            # its first page read the index alone (bench/casework.py, 10⁶ clients).
            models.Index(
                fields=["organisation", "-last_contact_on", "-id"],
                condition=models.Q(erased_at__isnull=True),
                name="client_list_recent",
            ),
            models.Index(fields=["organisation", "name_key"]),
            models.Index(
                fields=["organisation", "status", "-last_contact_on", "-id"],
                condition=models.Q(erased_at__isnull=True),
                name="client_list_status",
            ),
            models.Index(fields=["organisation", "counsellor", "status"]),
            models.Index(fields=["organisation", "first_contact_on"]),
            models.Index(fields=["organisation", "email"]),
            models.Index(fields=["organisation", "phone_key"]),
            models.Index(fields=["status", "closed_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class Consent(models.Model):
    """One consent given by a client, for one purpose, under one version of the consent text.

    A referral consent names the receiving organisation and the fields that may be shared.
    """

    class GivenBy(models.TextChoices):
        CLIENT = "client", _("the client")
        REPRESENTATIVE = "representative", _("a legal representative")

    class Form(models.TextChoices):
        WRITTEN = "written", _("in writing (signed form)")
        ELECTRONIC = "electronic", _("electronically")
        ORAL = "oral", _("orally, documented by the counsellor")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("version of the consent text"), max_length=20)
    given_on = models.DateField(_("given on"))
    given_by = models.CharField(
        _("given by"), max_length=16, choices=GivenBy.choices, default=GivenBy.CLIENT
    )
    form = models.CharField(_("form"), max_length=12, choices=Form.choices, default=Form.WRITTEN)
    receiving_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("receiving organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    shared_fields = models.JSONField(_("fields that may be shared"), default=list, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["client", "purpose", "withdrawn_on"])]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.purpose}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class CounsellingSession(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="sessions")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    counsellor = models.ForeignKey(
        USER, verbose_name=_("counsellor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    mode = models.CharField(_("mode"), max_length=10, choices=SessionMode.choices)
    language = models.CharField(_("language"), max_length=8)
    interpreter = models.BooleanField(_("interpreter used"), default=False)
    topics = models.JSONField(_("topics"), default=list)
    note = models.TextField(_("note"), max_length=5000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        indexes = [
            models.Index(fields=["client", "-date"]),
            models.Index(fields=["organisation", "date"]),
            models.Index(fields=["date"]),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}@{self.date}"


class RecognitionCase(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="cases")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    counsellor = models.ForeignKey(
        USER,
        verbose_name=_("counsellor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    occupation = models.ForeignKey(
        "occupations.Occupation",
        verbose_name=_("reference occupation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    authority = models.ForeignKey(
        "occupations.Authority",
        verbose_name=_("competent authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INFORMED
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    submitted_on = models.DateField(_("application submitted on"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decision dated"), null=True, blank=True)
    compensation_type = models.CharField(
        _("compensation measure"), max_length=16, choices=CompensationType.choices, blank=True
    )
    compensation_provider = models.CharField(_("provider"), max_length=200, blank=True)
    compensation_start = models.DateField(_("measure starts"), null=True, blank=True)
    compensation_end = models.DateField(_("measure ends"), null=True, blank=True)
    grant_applied = models.BooleanField(_("recognition grant applied for"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    abandon_reason = models.CharField(_("reason for abandoning"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("recognition case")
        verbose_name_plural = _("recognition cases")
        indexes = [
            # With the client: the list's "has a case in this status/occupation" filter is
            # answered from the index.
            models.Index(fields=["organisation", "status", "client"]),
            models.Index(fields=["organisation", "occupation", "client"]),
            models.Index(fields=["client", "-opened_on"]),
            models.Index(fields=["status", "submitted_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.occupation_id}"

    @property
    def is_open(self) -> bool:
        return self.status not in FINAL_CASE_STATUSES


class CaseStep(models.Model):
    """One entry of a case's timeline: the status it moved to, when, and a note."""

    case = models.ForeignKey(RecognitionCase, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.status}@{self.date}"


class Referral(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("referral to"), max_length=24, choices=ReferralKind.choices)
    offer = models.ForeignKey(
        "training.QualificationOffer",
        verbose_name=_("qualification offer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    receiving_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("receiving organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    target = models.CharField(_("course, employer or contact"), max_length=300, blank=True)
    # What the receiver sees: a copy of the agreed fields, removed when consent is withdrawn.
    shared_data = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_on = models.DateField(_("date"), default=timezone.localdate)
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["client", "-created_on"]),
            models.Index(fields=["receiving_organisation", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}->{self.kind}"


def _document_path(instance, filename: str) -> str:
    # Random name: the original name is kept in the row, never in the path.
    import secrets

    return f"casework/{instance.organisation_id}/{secrets.token_hex(16)}"


class Document(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="documents")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        RecognitionCase,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("recognition case"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=DocumentKind.choices)
    file = models.FileField(upload_to=_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["client", "-uploaded_at"])]

    def __str__(self) -> str:
        return self.original_name


class FollowUp(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="follow_ups")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        USER, verbose_name=_("assigned to"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        indexes = [
            models.Index(fields=["assignee", "done_on", "due_on"]),
            models.Index(fields=["organisation", "done_on", "due_on"]),
            models.Index(fields=["client", "done_on", "due_on"]),
            models.Index(
                fields=["organisation", "due_on", "client"],
                condition=models.Q(done_on__isnull=True),
                name="follow_up_open_due",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class Outcome(models.Model):
    class Timepoint(models.TextChoices):
        AT_CLOSE = "close", _("at close")
        AFTER_6_MONTHS = "6m", _("6 months after close")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="outcomes")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    timepoint = models.CharField(_("when"), max_length=6, choices=Timepoint.choices)
    employment = models.CharField(
        _("employment status"), max_length=20, choices=EmploymentStatus.choices
    )
    qualification_match = models.CharField(
        _("job matches the qualification"),
        max_length=10,
        choices=QualificationMatch.choices,
        default=QualificationMatch.NOT_APPLICABLE,
    )
    recorded_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["recorded_on"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "timepoint"], name="one_outcome_per_timepoint"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.timepoint}"


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        CANCELLED = "cancelled", _("cancelled")
        DONE = "done", _("took place")

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="appointments")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    counsellor = models.ForeignKey(
        USER, verbose_name=_("counsellor"), on_delete=models.PROTECT, related_name="appointments"
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    mode = models.CharField(_("mode"), max_length=10, choices=SessionMode.choices)
    location = models.CharField(_("place, phone number or video link"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=8)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    uid = models.CharField(max_length=64, unique=True)
    sequence = models.PositiveIntegerField(default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        indexes = [
            models.Index(fields=["counsellor", "starts_at"]),
            models.Index(fields=["organisation", "starts_at"]),
            models.Index(fields=["status", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.client_id}@{self.starts_at:%Y-%m-%d %H:%M}"


class RetentionRule(models.Model):
    """How long one kind of record is kept, counted from the event named by `record_type`.

    Administrators change the periods in the admin; `lotse apply_retention` (run daily)
    carries them out.
    """

    class RecordType(models.TextChoices):
        CLIENT_CLOSED = "client_closed", _("client, counted from the closure of the case")
        CLIENT_NO_CONSENT = (
            "client_no_consent",
            _("contact data without consent, counted from the first contact"),
        )
        CONSENT_WITHDRAWN = (
            "consent_withdrawn",
            _("client, counted from the withdrawal of the counselling consent"),
        )
        DOCUMENT = "document", _("uploaded document, counted from the closure of the case")
        APPOINTMENT_REQUEST = (
            "appointment_request",
            _("appointment request from the public guide, counted from its answer"),
        )

    record_type = models.CharField(
        _("record type"), max_length=24, choices=RecordType.choices, unique=True
    )
    days = models.PositiveIntegerField(_("keep for (days)"))
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    class Meta:
        ordering = ["record_type"]
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.days}"
