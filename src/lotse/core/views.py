from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_safe
from django.views.i18n import set_language


@require_safe
def home(request):
    return render(request, "core/home.html")


@require_safe
def about(request):
    return render(request, "core/about.html")


@never_cache
@require_safe
def healthz(request):
    """The process is up. No dependency is checked here, so a load balancer never flaps on it."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Ready to serve: the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@csrf_protect
def switch_language(request):
    """Django's set_language, with the language of the page we come from active.

    `translate_url()` can only resolve `/de/...` while German is the active language; without
    this, a visitor whose browser asks for English would stay on the German page.
    """
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    from_language = translation.get_language_from_path(next_url)
    if from_language:
        with translation.override(from_language):
            return set_language(request)
    return set_language(request)
