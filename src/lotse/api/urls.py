"""The JSON API (django-ninja) under `/api/v1/`; OpenAPI at `openapi.json`, docs at `docs`.

Routers live beside this module and call the apps' services and selectors.
"""

from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema

from lotse.api.casework import router as casework_router
from lotse.api.guide import router as guide_router
from lotse.api.occupations import router as occupations_router
from lotse.api.training import router as training_router

api = NinjaAPI(
    title="Lotse API",
    version="1",
    description="Recognition knowledge, guide and case management of the IQ Network "
    "Baden-Württemberg.",
    urls_namespace="api",
)


@api.exception_handler(RequestDataTooBig)
def _body_too_large(request, exc):
    """JSON, not Django's HTML error page (and never a 500 in debug mode)."""
    return api.create_response(request, {"detail": _("The request body is too large.")}, status=413)


class StatusOut(Schema):
    status: str
    database: str


@api.get("/status", response=StatusOut, tags=["meta"], summary="Service status")
def status(request):
    """Tell whether the service and its database answer."""
    connection.ensure_connection()
    return {"status": "ok", "database": connection.vendor}


api.add_router("/occupations", occupations_router)
api.add_router("/guide", guide_router)
api.add_router("/training", training_router)
# Personal API token required (`Authorization: Bearer lotse_…`); the others stay public.
api.add_router("", casework_router)
