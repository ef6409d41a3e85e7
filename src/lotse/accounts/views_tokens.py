"""Personal API tokens in the user's settings: create (shown once), list, revoke."""

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from lotse.accounts.decorators import staff_required
from lotse.accounts.tokens import ApiTokenError, api_token_create, api_token_revoke, api_tokens_of


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the token"),
        max_length=100,
        help_text=gettext_lazy(
            "What the token is for, for example the program that uses it. Shown in the list."
        ),
    )


def _page(request, form: ApiTokenForm, *, new_token: str = "", status: int = 200):
    context = {
        "form": form,
        "tokens": list(api_tokens_of(request.user)),
        "new_token": new_token,
    }
    return render(request, "accounts/api_tokens.html", context, status=status)


@staff_required("workspace.view")
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """The token is in this one response only (never stored, never in a redirect or a
    message); the page afterwards shows only its name, prefix and dates."""
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, raw = api_token_create(
                    user=request.user,
                    name=form.cleaned_data["name"],
                    actor=request.user,
                    request=request,
                )
            except ApiTokenError as error:
                form.add_error("name", str(error))
            else:
                return _page(request, ApiTokenForm(), new_token=raw)
        return _page(request, form, status=400)
    return _page(request, form)


@staff_required("workspace.view")
@require_POST
def api_token_revoke_view(request, pk: int):
    token = api_tokens_of(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404
    try:
        api_token_revoke(token=token, user=request.user, request=request)
    except ApiTokenError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The token “%(name)s” is revoked and stops working now.") % {"name": token.name},
        )
    return redirect("accounts:api_tokens")
