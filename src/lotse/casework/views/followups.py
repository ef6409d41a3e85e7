"""Follow-up tasks ("my tasks due this week", overdue first) and the lead's team figures."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.decorators import staff_required
from lotse.casework import selectors, services
from lotse.casework.entry_forms import FollowUpForm
from lotse.casework.models import FollowUp
from lotse.casework.views.clients import submit_entry
from lotse.casework.views.common import (
    audit_read,
    client_url,
    done,
    get_client,
    get_scoped,
    team_members,
)

TASK_DAYS = 7


@staff_required("client.list")
@require_POST
def follow_up_add(request, pk: int):
    client = get_client(request, pk, "client.change")
    return submit_entry(
        request,
        client,
        form=FollowUpForm(request.POST, prefix="f", members=team_members(request.user)),
        name="follow_up_form",
        write=lambda data: services.follow_up_create(
            client=client, user=request.user, request=request, **data
        ),
        message=_("Task added."),
        anchor="follow-ups",
    )


@staff_required("client.list")
@require_POST
def follow_up_done(request, task_pk: int):
    task = get_scoped(
        request,
        FollowUp,
        task_pk,
        "client.change",
        FollowUp.objects.select_related("client").filter(client__erased_at__isnull=True),
    )
    try:
        services.follow_up_done(task=task, user=request.user, request=request)
    except services.CaseworkError as error:
        message, ok = str(error), False
    else:
        message, ok = _("Task marked as done."), True
    if request.POST.get("next") == "tasks":
        (messages.success if ok else messages.error)(request, message)
        return redirect("casework:tasks")
    if not ok:
        messages.error(request, message)
        return redirect(client_url(task.client, "follow-ups"))
    return done(request, task.client, message, "follow-ups")


@staff_required("client.list")
def tasks(request):
    """My open follow-ups: overdue first, then those due within the next seven days."""
    today = timezone.localdate()
    rows = list(selectors.tasks_for(request.user, within_days=TASK_DAYS))
    audit_read(request, "follow_up.list_viewed", None, rows=len(rows))
    context = {
        "overdue": [t for t in rows if t.due_on < today],
        "due": [t for t in rows if t.due_on >= today],
        "today": today,
        "until": today + timedelta(days=TASK_DAYS),
    }
    return render(request, "casework/tasks.html", context)


@staff_required("casework.team")
def team(request):
    """Per counsellor: active clients, open recognition cases, overdue tasks (counts only)."""
    rows = selectors.team_figures(request.user)
    context = {
        "rows": rows,
        "unassigned": selectors.unassigned_active_clients(request.user),
        "totals": {
            key: sum(row[key] for row in rows)
            for key in ("active_clients", "open_cases", "overdue_tasks")
        },
    }
    return render(request, "casework/team.html", context)


urlpatterns = [
    path("staff/clients/<int:pk>/tasks/", follow_up_add, name="follow_up_add"),
    path("staff/tasks/<int:task_pk>/done/", follow_up_done, name="follow_up_done"),
    path("staff/tasks/", tasks, name="tasks"),
    path("staff/team/", team, name="team"),
]
