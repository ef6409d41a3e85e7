"""Statistics dashboards, table downloads and the funder report. Thin: parse the filter,
decide whose figures (`selectors.scope_for`), build panels, render."""

from io import StringIO
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import can
from lotse.core.audit import audit_record
from lotse.core.pdf import render_pdf
from lotse.reports import exports
from lotse.reports.aggregates.network import quality_tables, training_tables
from lotse.reports.aggregates.sources import Geography
from lotse.reports.forms import FilterForm
from lotse.reports.panels import Builder, table_panel
from lotse.reports.selectors import (
    Figures,
    scope_for,
    snapshot_of,
    table_names,
    years_available,
)
from lotse.reports.tasks import figures_ready, refresh_request

SECTIONS = {
    "counselling": gettext_lazy("Counselling"),
    "recognition": gettext_lazy("Recognition and outcomes"),
    "training": gettext_lazy("Trainings"),
    "quality": gettext_lazy("Quality"),
}
PLACES = ("counselling", "recognition")


def _filter(request, section: str = "counselling"):
    """(form, scope, geography): the viewer's choices, checked against their role."""
    geo = Geography.load()
    years = years_available()
    own_allowed = can(request.user, "reports.own")
    form = FilterForm(
        request.GET or None,
        years=years,
        regions=geo.regions,
        own=own_allowed,
        places=section in PLACES,
    )
    values = form.values(default_year=years[0], own_default=own_allowed)
    scope = scope_for(request.user, **values)
    return form, scope, geo


def _query(scope, **extra) -> str:
    values = {"year": scope.year, "scope": "own" if scope.own else "network", **extra}
    return urlencode({k: v for k, v in values.items() if v != ""})


def _place_label(scope, geo) -> str:
    where = dict(geo.regions).get(scope.region, "") if scope.region else ""
    if scope.own:
        if where:
            return _("your organisation, %(region)s") % {"region": where}
        return _("your organisation")
    return where or _("the whole network")


def _panels(section: str, scope, geo, *, link=None) -> list:
    if section == "training":
        return [table_panel(t, year=scope.year) for t in training_tables(scope.year).values()]
    if section == "quality":
        return [table_panel(t, year=scope.year) for t in quality_tables(scope.year).values()]
    builder = Builder(
        Figures(scope), place=_place_label(scope, geo), link=link or (lambda region: "")
    )
    return builder.section(section)


@staff_required("reports.view")
def dashboard(request, section: str = "counselling"):
    if section not in SECTIONS:
        raise Http404
    form, scope, geo = _filter(request, section)
    ready = section not in PLACES or figures_ready(scope.year)
    base = reverse("reports:section", args=[section])
    panels = []
    if ready:
        panels = _panels(
            section, scope, geo, link=lambda region: f"{base}?{_query(scope, region=region)}"
        )
    context = {
        "form": form,
        "section": section,
        "sections": SECTIONS,
        "scope": scope,
        "panels": panels,
        "ready": ready,
        "snapshot": snapshot_of(scope.year),
        "query": _query(scope),
        "can_refresh": can(request.user, "reports.refresh"),
        "region_name": dict(geo.regions).get(scope.region, ""),
        "up": f"{base}?{_query(scope)}" if scope.region else "",
    }
    return render(request, "reports/dashboard.html", context)


def _tables(scope, *, names: list[str] | None = None) -> list:
    """The protected tables of a scope by export name (all of them without `names`)."""
    figures = Figures(scope)
    extra = {**training_tables(scope.year), **quality_tables(scope.year)}
    wanted = names if names is not None else [*table_names(scope), *extra]
    found = [extra[name] if name in extra else figures.table(name) for name in wanted]
    return [t for t in found if t is not None]


def _not_ready(request, scope):
    messages.info(
        request, _("The figures of this year are being computed. Please try again later.")
    )
    return redirect(f"{reverse('reports:dashboard')}?{_query(scope)}")


@staff_required("reports.view")
def export(request, name: str, fmt: str):
    """One table as CSV or XLSX, for all regions of the chosen year and scope."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, scope, _geo = _filter(request)
    if not figures_ready(scope.year):
        return _not_ready(request, scope)
    found = _tables(scope, names=[name])
    if not found:
        raise Http404
    table = found[0]
    audit_record(
        action="reports.exported",
        request=request,
        extra={"table": name, "format": fmt, "year": scope.year, "own": scope.own},
    )
    filename = f"lotse-{scope.year}-{'own' if scope.own else 'network'}-{name}.{fmt}"
    if fmt == "csv":
        out = StringIO()
        exports.write_csv(out, table)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.workbook([table]), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required("reports.view")
def workbook(request):
    """Every table of the chosen year and scope, one sheet each."""
    _form, scope, _geo = _filter(request)
    if not figures_ready(scope.year):
        return _not_ready(request, scope)
    tables = _tables(scope)
    audit_record(
        action="reports.exported",
        request=request,
        extra={"table": "all", "format": "xlsx", "year": scope.year, "own": scope.own},
    )
    response = HttpResponse(exports.workbook(tables), content_type=exports.XLSX)
    kind = "own" if scope.own else "network"
    response["Content-Disposition"] = f'attachment; filename="lotse-{scope.year}-{kind}.xlsx"'
    return response


@staff_required("reports.view")
def report_pdf(request):
    """The funder report: every section's tables, charts and summaries for one year."""
    _form, scope, geo = _filter(request)
    if not figures_ready(scope.year):
        return _not_ready(request, scope)
    sections = [(SECTIONS[name], _panels(name, scope, geo)) for name in SECTIONS]
    context = {
        "scope": scope,
        "sections": sections,
        "place": _place_label(scope, geo),
        "snapshot": snapshot_of(scope.year),
    }
    html = render_to_string("reports/funder_report_pdf.html", context, request=request)
    audit_record(
        action="reports.exported",
        request=request,
        extra={"table": "funder_report", "format": "pdf", "year": scope.year, "own": scope.own},
    )
    response = HttpResponse(
        render_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    kind = "own" if scope.own else "network"
    response["Content-Disposition"] = f'attachment; filename="lotse-report-{scope.year}-{kind}.pdf"'
    return response


@staff_required("reports.refresh")
@require_POST
def refresh(request):
    """Recompute the chosen year now (in the background when a worker runs)."""
    form = FilterForm(request.POST, years=years_available(), regions=[], own=False, places=False)
    year = form.values(default_year=years_available()[0], own_default=False)["year"]
    refresh_request(year=year, actor=request.user, request=request)
    messages.success(request, _("The figures of %(year)s are being computed.") % {"year": year})
    return redirect(f"{reverse('reports:dashboard')}?{urlencode({'year': year})}")


urlpatterns = [
    path("staff/statistics/", dashboard, name="dashboard"),
    path("staff/statistics/refresh/", refresh, name="refresh"),
    path("staff/statistics/report.pdf", report_pdf, name="report_pdf"),
    path("staff/statistics/tables.xlsx", workbook, name="workbook"),
    path("staff/statistics/tables/<slug:name>.<str:fmt>", export, name="export"),
    path("staff/statistics/<slug:section>/", dashboard, name="section"),
]
