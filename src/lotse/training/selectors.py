from django.db.models import Avg, Count, F, Q, QuerySet
from django.utils import timezone

from lotse.training.models import Event, QualificationOffer, Registration


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
