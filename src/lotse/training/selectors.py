from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from lotse.training.models import (
    Event,
    EventFeedback,
    QualificationOffer,
    Registration,
    TrainingModule,
)


def upcoming_events() -> QuerySet[Event]:
    """Published events that have not started, with seats taken and waiting list counted."""
    return (
        Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gte=timezone.now())
        .select_related("module")
        .annotate(
            taken=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
        )
        .annotate(free=F("capacity") - F("taken"))
        .order_by("starts_at")
    )


def seats_left(event: Event) -> int:
    return max(0, event.capacity - event.taken)


def events_for_trainer(*, user) -> QuerySet[Event]:
    """The trainer's events with registrations, waiting list and the mean feedback score, so
    that each module's results can be followed over time."""
    qs = Event.objects.select_related("module").annotate(
        feedback_overall=Avg("feedback__overall"),
        taken=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    )
    if user.role == "trainer":
        qs = qs.filter(trainers=user)
    return qs.order_by("module__title_de", "-starts_at")


def offers_for(*, occupation_slug: str = "", district_code: str = "", kind: str = "") -> list[dict]:
    """Offers for an occupation in a district (or online), soonest first."""
    offers = []
    for offer in QualificationOffer.objects.all():
        if occupation_slug and occupation_slug not in offer.occupation_slugs:
            continue
        if district_code and not (offer.online or district_code in offer.district_codes):
            continue
        if kind and offer.kind != kind:
            continue
        offers.append(offer)
    offers.sort(key=lambda o: (o.starts_on is None, o.starts_on or timezone.localdate(), o.title))
    return [
        {
            "id": o.pk,
            "title": o.title,
            "kind": o.kind,
            "kind_label": str(o.get_kind_display()),
            "provider": o.provider,
            "online": o.online,
            "starts_on": o.starts_on,
            "ends_on": o.ends_on,
            "cost": o.cost,
            "admission": o.admission,
            "language_level": o.language_level,
            "email": o.contact_email,
            "phone": o.contact_phone,
            "web": o.web,
            "is_demo": o.is_demo,
        }  # fmt: skip
        for o in offers
    ]


# --- Statistics (read by lotse.reports) ----------------------------------------------------
# Figures per training module for events starting in a period. People are counted by distinct
# e-mail address. Not scoped: lotse.reports suppresses small cells before showing anything.


def statistics_registrations(
    *,
    start,
    end,
    group: tuple[str, ...] = ("module", "status"),
    attended: bool | None = None,
    ended: bool = False,
    status: str = "",
) -> list[tuple[tuple[str, ...], int, int]]:
    """(codes, distinct people, registrations) per combination of `group` ("module", "status";
    empty: one row for all). `ended`: only events that are over and were not cancelled."""
    rows = Registration.objects.filter(event__starts_at__date__range=(start, end))
    if status:
        rows = rows.filter(status=status)
    if attended is not None:
        rows = rows.filter(attended=attended)
    if ended:
        rows = rows.filter(event__ends_at__lt=timezone.now()).exclude(
            event__status=Event.Status.CANCELLED
        )
    counted = {"people": Count(Lower("email"), distinct=True), "n": Count("pk")}
    if not group:
        total = rows.aggregate(**counted)
        return [((), total["people"], total["n"])] if total["n"] else []
    paths = [{"module": "event__module_id", "status": "status"}[g] for g in group]
    found = rows.values(*paths).annotate(**counted).order_by()
    return [(tuple(str(r[p]) for p in paths), r["people"], r["n"]) for r in found]


def statistics_events(*, start, end) -> list[tuple[int, str, int]]:
    """(module id, event status, events) for events starting in the period."""
    found = (
        Event.objects.filter(starts_at__date__range=(start, end))
        .values("module_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(r["module_id"], r["status"], r["n"]) for r in found]


def statistics_feedback(*, start, end) -> list[tuple[int, int, float, float, float]]:
    """(module id, responses, mean overall, mean usefulness, mean trainer) on a 1–5 scale."""
    found = (
        EventFeedback.objects.filter(event__starts_at__date__range=(start, end))
        .values("event__module_id")
        .annotate(
            n=Count("pk"), overall=Avg("overall"), useful=Avg("useful"), trainer=Avg("trainer")
        )
        .order_by()
    )
    return [(r["event__module_id"], r["n"], r["overall"], r["useful"], r["trainer"]) for r in found]


def statistics_modules() -> dict[int, tuple[str, str]]:
    """Module id -> (German title, English title)."""
    return {
        pk: (de, en)
        for pk, de, en in TrainingModule.objects.values_list("pk", "title_de", "title_en")
    }
