"""Staff pages of the quality cycle, and the public client feedback survey."""

import csv

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook

from lotse.accounts.decorators import staff_required
from lotse.accounts.models import User
from lotse.accounts.permissions import can, require
from lotse.core.audit import audit_record
from lotse.core.charts import horizontal_bars
from lotse.core.pdf import render_pdf
from lotse.core.signals import staff_competence_evidence
from lotse.quality import selectors, services
from lotse.quality.forms import ActionForm, FeedbackForm, ReviewForm, StartForm, parse_ratings
from lotse.quality.models import (
    ActionItem,
    Assessment,
    CatalogueVersion,
    Criterion,
    FeedbackLink,
    Rating,
)


def _assessment(request, pk: int, action: str = "quality.assessment.view") -> Assessment:
    assessment = get_object_or_404(
        Assessment.objects.select_related("organisation", "version"), pk=pk
    )
    require(request.user, action, assessment)
    return assessment


@staff_required("quality.use")
def overview(request):
    user = request.user
    context = {
        "assessments": selectors.assessments_visible_to(user=user)[:200],
        "start_form": StartForm()
        if can(user, "quality.assessment.start", user.organisation)
        else None,
        "can_review": can(user, "quality.assessment.review"),
        "can_catalogue": can(user, "quality.catalogue.change"),
        "can_feedback": user.organisation is not None
        and can(user, "quality.feedback.view", user.organisation),
    }
    return render(request, "quality/overview.html", context)


@staff_required("quality.use")
@require_POST
def start(request):
    require(request.user, "quality.assessment.start", request.user.organisation)
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a year between 2020 and 2100."))
        return redirect("quality:overview")
    try:
        assessment = services.assessment_start(
            organisation=request.user.organisation,
            period=form.cleaned_data["period"],
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("quality:overview")
    return redirect("quality:assessment", pk=assessment.pk)


@staff_required("quality.use")
@require_http_methods(["GET", "POST"])
def assessment(request, pk: int):
    """Rate each criterion with evidence; save a draft or submit."""
    item = _assessment(request, pk)
    editable = can(request.user, "quality.assessment.edit", item)
    ratings = list(
        item.ratings.select_related("criterion__area").order_by(
            "criterion__area__position", "criterion__position"
        )
    )
    errors: dict[int, list[str]] = {}
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        values, errors = parse_ratings(request.POST, request.FILES, ratings)
        if not errors:
            services.ratings_save(assessment=item, user=request.user, values=values)
            if "submit" in request.POST:
                try:
                    services.assessment_submit(assessment=item, user=request.user)
                except ValidationError as error:
                    messages.error(request, error.messages[0])
                    return redirect("quality:assessment", pk=item.pk)
                messages.success(request, _("The self-assessment is submitted for review."))
                return redirect("quality:results", pk=item.pk)
            messages.success(request, _("Draft saved."))
            return redirect("quality:assessment", pk=item.pk)
        for rating in ratings:  # keep what was typed when the form comes back with errors
            rating.evidence_text = request.POST.get(f"evidence_{rating.pk}", rating.evidence_text)
            rating.comment = request.POST.get(f"comment_{rating.pk}", rating.comment)
            rating.evidence_link = request.POST.get(f"link_{rating.pk}", rating.evidence_link)
    groups: dict[str, list] = {}
    for rating in ratings:
        rating.errors = errors.get(rating.pk, [])
        groups.setdefault(rating.criterion.area, []).append(rating)
    training_evidence = [
        text
        for _receiver, texts in staff_competence_evidence.send(
            sender=assessment, organisation_id=item.organisation_id, year=item.period
        )
        for text in texts or []
    ]
    feedback = selectors.feedback_summary(organisation=item.organisation)
    answered = [m for m in feedback["means"].values() if m is not None]
    context = {
        "training_evidence": training_evidence,
        "feedback_count": feedback["count"],
        "feedback_mean": round(sum(answered) / len(answered), 1) if answered else None,
        "assessment": item, "groups": groups, "editable": editable, "has_errors": bool(errors),
        "levels": item.version.levels, "text_lang": "de" if get_language() == "de" else "en",
    }  # fmt: skip
    return render(request, "quality/assessment.html", context)


def _results_context(request, item: Assessment) -> dict:
    rows = selectors.area_scores(item)
    previous = selectors.previous_assessment(item)
    previous_rows = (
        {r["key"]: r["percent"] for r in selectors.area_scores(previous)} if previous else {}
    )
    medians, count = selectors.network_medians(period=item.period)
    text_lang = "de" if get_language() == "de" else "en"
    for row in rows:
        row["title"] = row[f"title_{text_lang}"]
        row["previous"] = previous_rows.get(row["key"])
        row["median"] = medians.get(row["key"]) if medians else None
    series = [(_("this year"), [r["percent"] for r in rows])]
    if previous:
        series.append((_("previous"), [r["previous"] for r in rows]))
    if medians is not None:
        series.append((_("network median"), [r["median"] for r in rows]))
    chart = horizontal_bars(
        title=_("Score per area in percent; the table gives the same figures."),
        labels=[r["title"] for r in rows],
        series=series,
    )
    return {
        "chart": chart,
        "assessment": item, "rows": rows, "overall": selectors.overall_percent(rows),
        "previous": previous, "network_count": count, "network_shown": medians is not None,
        "min_institutions": selectors.MIN_INSTITUTIONS,
    }  # fmt: skip


@staff_required("quality.use")
def results(request, pk: int):
    item = _assessment(request, pk)
    context = _results_context(request, item)
    context["actions"] = selectors.actions_for(assessment=item)
    context["can_edit_actions"] = can(request.user, "quality.assessment.start", item.organisation)
    context["can_review"] = (
        can(request.user, "quality.assessment.review", item)
        and item.status == Assessment.Status.SUBMITTED
    )
    if context["can_edit_actions"]:
        context["action_form"] = ActionForm(
            members=User.objects.filter(organisation=item.organisation, is_active=True)
        )
    context["review_form"] = ReviewForm() if context["can_review"] else None
    return render(request, "quality/results.html", context)


@staff_required("quality.use")
def results_pdf(request, pk: int):
    item = _assessment(request, pk)
    html = render_to_string(
        "quality/results_pdf.html", _results_context(request, item), request=request
    )
    response = HttpResponse(
        render_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="quality-{item.period}.pdf"'
    return response


@staff_required("quality.use")
@require_POST
def review(request, pk: int):
    item = _assessment(request, pk, "quality.assessment.review")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("quality:results", pk=item.pk)
    try:
        services.assessment_review(
            assessment=item, user=request.user, lock=form.cleaned_data["decision"] == "lock",
            comment=form.cleaned_data["comment"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("quality:results", pk=item.pk)


@staff_required("quality.use")
@require_POST
def action_add(request, pk: int):
    item = _assessment(request, pk)
    require(request.user, "quality.assessment.start", item.organisation)
    members = User.objects.filter(organisation=item.organisation, is_active=True)
    form = ActionForm(request.POST, members=members)
    if form.is_valid():
        services.action_create(assessment=item, user=request.user, **form.cleaned_data)
    else:
        messages.error(request, _("Please give the action, an owner and a due date."))
    return redirect("quality:results", pk=item.pk)


@staff_required("quality.use")
@require_POST
def action_status(request, pk: int):
    action = get_object_or_404(ActionItem, pk=pk)
    require(request.user, "quality.assessment.start", action.organisation)
    status = request.POST.get("status", "")
    if status in ActionItem.Status.values:
        services.action_set_status(item=action, user=request.user, status=status)
    return redirect("quality:results", pk=action.assessment_id)


@staff_required("quality.use")
def evidence_file(request, pk: int):
    rating = get_object_or_404(Rating.objects.select_related("assessment"), pk=pk)
    require(request.user, "quality.assessment.view", rating.assessment)
    if not rating.evidence_file:
        raise Http404
    audit_record(action="quality.evidence.downloaded", target=rating, request=request)
    response = FileResponse(rating.evidence_file.open("rb"), as_attachment=True)
    response["Content-Security-Policy"] = "sandbox"
    return response


@staff_required("quality.catalogue.change")
@require_http_methods(["GET", "POST"])
def catalogue(request):
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "draft":
            services.catalogue_new_draft(user=request.user)
        elif action == "publish":
            version = get_object_or_404(
                CatalogueVersion, pk=request.POST.get("version"), published_at__isnull=True
            )
            services.catalogue_publish(version=version, user=request.user)
            messages.success(request, _("The new catalogue version is published."))
        elif action == "criterion":
            criterion = get_object_or_404(Criterion, pk=request.POST.get("criterion"))
            text_de = request.POST.get("text_de", "").strip()[:2000]
            text_en = request.POST.get("text_en", "").strip()[:2000]
            if not text_de or not text_en:
                messages.error(request, _("Both the German and the English text are needed."))
            else:
                try:
                    services.criterion_update(
                        criterion=criterion, user=request.user, text_de=text_de, text_en=text_en
                    )
                except ValidationError as error:
                    messages.error(request, error.messages[0])
        return redirect("quality:catalogue")
    versions = CatalogueVersion.objects.prefetch_related("areas__criteria")
    return render(request, "quality/catalogue.html", {"versions": versions})


@staff_required("quality.use")
def network_export(request, fmt: str):
    """Anonymised network figures per year and area (medians, only with ≥ 5 institutions)."""
    periods = sorted(
        set(Assessment.objects.filter(status__in=selectors.DONE).values_list("period", flat=True))
    )
    rows = [["year", "area", "institutions", "median_percent"]]
    for period in periods:
        medians, count = selectors.network_medians(period=period)
        for area, median in sorted((medians or {}).items()):
            rows.append([period, area, count, median])
        if medians is None:
            rows.append([period, "", count, "."])  # suppressed: fewer than five institutions
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="quality-network.csv"'
        csv.writer(response).writerows(rows)
        return response
    book = Workbook()
    sheet = book.active
    sheet.title = "network"
    for row in rows:
        sheet.append(row)
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="quality-network.xlsx"'
    book.save(response)
    return response


@staff_required("quality.use")
def feedback_admin(request):
    organisation = request.user.organisation
    require(request.user, "quality.feedback.view", organisation)
    link, _created = FeedbackLink.objects.get_or_create(organisation=organisation)
    url = request.build_absolute_uri(reverse("quality:survey", args=[link.token]))
    qr = segno.make(url, error="m").svg_inline(scale=4, title=_("QR code of the feedback survey"))
    summary = selectors.feedback_summary(organisation=organisation)
    form = FeedbackForm()
    questions = [
        (name, form.fields[name].label, summary["means"][name])
        for name in services.FEEDBACK_QUESTIONS
    ]
    context = {"url": url, "qr": qr, "summary": summary, "questions": questions}
    return render(request, "quality/feedback_admin.html", context)


@require_http_methods(["GET", "POST"])
def survey(request, token):
    """The public, anonymous client survey (no account, no personal data)."""
    link = get_object_or_404(FeedbackLink.objects.select_related("organisation"), token=token)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.feedback_submit(
            organisation=link.organisation, language=get_language(),
            answers={k: data[k] for k in services.FEEDBACK_QUESTIONS}, free_text=data["free_text"],
        )  # fmt: skip
        return render(request, "quality/survey_thanks.html")
    return render(request, "quality/survey.html", {"form": form, "organisation": link.organisation})
