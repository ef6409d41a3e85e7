from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from lotse.accounts.decorators import staff_required
from lotse.accounts.permissions import require
from lotse.directory import selectors
from lotse.directory.forms import CentreEditForm, CentreFilterForm
from lotse.directory.services import centre_update


@require_safe
def centre_list(request):
    districts = list(selectors.districts_all())
    form = CentreFilterForm(
        request.GET or None, districts=districts, languages=selectors.centre_languages()
    )
    district = language = service = None
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["district"]
        district = next((d for d in districts if d.code == code), None)
        language = form.cleaned_data["language"]
        service = form.cleaned_data["service"]
    centres = selectors.centres_search(
        district=district, language=language or "", service=service or ""
    )
    return render(request, "directory/centre_list.html", {"form": form, "centres": centres})


@require_safe
def centre_detail(request, key: str):
    centre = selectors.centre_get(key=key)
    if centre is None:
        raise Http404
    return render(request, "directory/centre_detail.html", {"centre": centre})


@staff_required("workspace.view")
@require_http_methods(["GET", "POST"])
def centre_edit(request, key: str):
    centre = selectors.centre_get(key=key)
    if centre is None:
        raise Http404
    require(request.user, "centre.change", centre)
    initial = {
        "phone": centre.phone,
        "email": centre.email,
        "web": centre.web,
        "opening_hours_de": centre.opening_hours.get("de", ""),
        "opening_hours_en": centre.opening_hours.get("en", ""),
        "languages": ", ".join(centre.languages),
        "services": centre.services,
        "modes": centre.modes,
    }
    form = CentreEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        centre_update(centre=centre, user=request.user, changes=form.changes())
        return redirect("directory:centre_detail", key=centre.key)
    return render(request, "directory/centre_edit.html", {"centre": centre, "form": form})
