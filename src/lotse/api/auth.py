"""Bearer authentication with personal API tokens (`Authorization: Bearer lotse_…`).

The API has no sessions and no CSRF exposure: a request is authenticated by its token alone,
and the token's user then passes through the same permission rules as in the web pages.
"""

from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from lotse.accounts.permissions import can
from lotse.accounts.tokens import api_token_verify


class TokenAuth(HttpBearer):
    """None (→ 401) for a missing, malformed, unknown or revoked token, an inactive user or a
    demo account outside demo mode. With `action`, a user whose role is not allowed it gets 403
    before the request body is even read, so the answer does not depend on the body."""

    def __init__(self, *, action: str | None = None, refusal: str = "") -> None:
        self.action = action
        self.refusal = refusal
        super().__init__()

    def __call__(self, request):
        # ninja's own parser logs the whole header on a wrong scheme in debug mode; a token
        # must never reach a log, so the header is parsed here.
        scheme, _space, token = request.headers.get(self.header, "").partition(" ")
        if scheme.lower() != self.openapi_scheme or not token.strip():
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token: str):
        user = api_token_verify(token)
        if user is None:
            return None
        # Services and the audit log read `request.user`; for the API it is the token's user.
        request.user = user
        if self.action is not None and not can(user, self.action):
            raise AuthorizationError(403, str(self.refusal) or "Forbidden")
        return user
