"""Template helpers of the counsellor's workspace."""

from django import template

from lotse.accounts.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def casework_nav(context) -> dict:
    """Which links of the casework sub-navigation the user may follow, and which is current.
    A tag rather than view context, so that every casework page (also those of other parts:
    calendar, monitoring export) gets the same navigation with one `{% include %}`."""
    request = context.get("request")
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "team": can(user, "casework.team"),
        "monitoring": can(user, "casework.monitoring_export"),
        "current": match.view_name if match else "",
    }


@register.filter
def in_list(value, items) -> bool:
    return value in (items or [])
