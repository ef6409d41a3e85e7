"""A small per-address rate limit for the public request form (no third-party service).

Counts live in Django's cache: use a shared cache (e.g. Redis, database) when several app
servers run, or each server counts on its own.
"""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def rate_limited(*, key: str, request) -> bool:
    """Count one attempt; True when this address has made too many within the window."""
    limit = getattr(settings, "LOTSE_REQUEST_RATE_LIMIT", 10)
    address = request.META.get("REMOTE_ADDR", "unknown")
    cache_key = f"ratelimit:{key}:{address}"
    if cache.add(cache_key, 1, WINDOW_SECONDS):
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, WINDOW_SECONDS)
        return False
    return count > limit
