"""The JSON API (django-ninja) under `/api/v1/`; OpenAPI at `openapi.json`, docs at `docs`.

Routers live beside this module and call the apps' services and selectors.
"""

from django.db import connection
from ninja import NinjaAPI, Schema

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
