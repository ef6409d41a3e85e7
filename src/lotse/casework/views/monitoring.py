"""The quarterly network monitoring export (one pseudonymous row per counselling case)."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotse.accounts.decorators import staff_required
from lotse.casework import monitoring
from lotse.casework.views.common import audit_read

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
QUARTERS = [
    (1, gettext_lazy("1st quarter (January to March)")),
    (2, gettext_lazy("2nd quarter (April to June)")),
    (3, gettext_lazy("3rd quarter (July to September)")),
    (4, gettext_lazy("4th quarter (October to December)")),
]


class MonitoringForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    quarter = forms.TypedChoiceField(label=gettext_lazy("Quarter"), coerce=int, choices=QUARTERS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        years = range(this_year, monitoring.FIRST_YEAR - 1, -1)
        self.fields["year"].choices = [(y, str(y)) for y in years]

    def clean(self):
        data = super().clean()
        if "year" in data and "quarter" in data:
            start, _end = monitoring.quarter_bounds(data["year"], data["quarter"])
            if start > timezone.localdate():
                raise forms.ValidationError(_("This quarter has not begun yet."))
        return data


def _download(request, rows: list[list], *, year: int, quarter: int, fmt: str) -> HttpResponse:
    slug = request.user.organisation.slug
    if fmt == "csv":
        body = monitoring.as_csv(rows)
    else:
        body = monitoring.as_xlsx(rows, title=f"{year}-Q{quarter}")
    response = HttpResponse(body, content_type=FORMATS[fmt])
    filename = f"monitoring-{slug}-{year}-Q{quarter}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required("casework.monitoring_export")
def monitoring_export(request):
    """Choose a quarter; the page says how many cases it holds and downloads CSV or XLSX."""
    year, quarter = monitoring.last_completed_quarter(timezone.localdate())
    form = MonitoringForm(request.GET or None, initial={"year": year, "quarter": quarter})
    fmt = request.GET.get("format", "")
    rows = None
    if form.is_bound and form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        rows = monitoring.monitoring_rows(request.user, year=year, quarter=quarter)
        if fmt in FORMATS:
            audit_read(
                request, "monitoring.exported", None, year=year, quarter=quarter, format=fmt,
                rows=len(rows),
            )  # fmt: skip
            return _download(request, rows, year=year, quarter=quarter, fmt=fmt)
    context = {
        "form": form,
        "rows": rows,
        "year": year,
        "quarter": quarter,
        "columns": monitoring.COLUMNS,
    }
    return render(request, "casework/monitoring.html", context, status=400 if form.errors else 200)


urlpatterns = [path("staff/monitoring/", monitoring_export, name="monitoring_export")]
