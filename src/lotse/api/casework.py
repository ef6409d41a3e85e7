"""Case management API: clients and recognition cases, for integrations.

Same rules as the web pages: the token's user must be a counsellor or lead (else 403), sees
only their organisation's records (another organisation's record answers 404), and every
change goes through `lotse.casework.services`, which enforce consent and the case timeline and
write the audit log. Reads are audited here, with ids and counts only.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Path, Query, Router, Status
from ninja.errors import HttpError

from lotse.accounts.permissions import can
from lotse.api.auth import TokenAuth
from lotse.api.casework_schemas import (
    ERRORS,
    CaseDetailOut,
    CaseIn,
    CasePatch,
    CaseQuery,
    CasesOut,
    ClientIn,
    ClientOut,
    ClientPatch,
    ClientQuery,
    ClientsOut,
    Id,
)
from lotse.casework import selectors, services
from lotse.core.audit import audit_record
from lotse.directory.selectors import district_get
from lotse.occupations.models import Occupation
from lotse.occupations.selectors import occupation_get

router = Router(
    tags=["case management"],
    auth=TokenAuth(
        action="client.list",
        refusal=gettext_lazy("Your role gives no access to client records."),
    ),
)

# Choice fields whose "empty" value is a code, not "".
_CHOICE_DEFAULTS = {
    "gender": "not_stated",
    "residence_status": "not_stated",
    "qualification_level": "not_stated",
}


def _caseworker(request):
    """The token's user; `TokenAuth` has checked already that their role works on client
    records. Asked again so that an operation added without the router's auth fails closed."""
    user = request.auth
    if not can(user, "client.list"):
        raise HttpError(403, _("Your role gives no access to client records."))
    return user


def _allowed(user, action: str, record) -> None:
    if not can(user, action, record):
        raise HttpError(403, _("You may not change this record."))


def _not_found():
    return HttpError(404, _("Not found."))


def _refused(error: services.CaseworkError) -> HttpError:
    return HttpError(409, str(error))


def _audit_read(request, action: str, target=None, **extra) -> None:
    audit_record(
        action=action,
        actor=request.auth,
        target=target,
        request=request,
        extra={"via": "api", **extra},
    )


# --- Clients -------------------------------------------------------------------------------


def _client_out(client) -> dict:
    return {
        "id": client.pk,
        "number": client.number,
        "status": client.status,
        "source": client.source,
        "counsellor": client.counsellor.username if client.counsellor else None,
        "has_consent": client.has_counselling_consent,
        "name": client.name,
        "email": client.email,
        "phone": client.phone,
        "preferred_language": client.preferred_language,
        "languages": client.languages.split(),
        "gender": client.gender,
        "birth_year": client.birth_year,
        "age_band": client.age_band,
        "country_of_residence": client.country_of_residence,
        "arrived_on": client.arrived_on,
        "district_code": client.district_code,
        "residence_status": client.residence_status,
        "qualification_country": client.qualification_country,
        "qualification_level": client.qualification_level,
        "qualifications": client.qualifications,
        "work_experience": client.work_experience,
        "first_contact_on": client.first_contact_on,
        "last_contact_on": client.last_contact_on,
        "closed_on": client.closed_on,
        "created_at": client.created_at,
        "updated_at": client.updated_at,
    }


def _client_values(sent: dict) -> dict:
    """The service's values from the fields sent: languages as the stored space-separated
    codes, `null` on a choice field as its "not stated" code."""
    values = {}
    for field, value in sent.items():
        if field == "consent":
            continue
        if field == "languages":
            value = " ".join(dict.fromkeys(value or []))
        elif value is None and field in _CHOICE_DEFAULTS:
            value = _CHOICE_DEFAULTS[field]
        values[field] = value
    district = values.get("district_code")
    if district and district_get(code=district) is None:
        raise HttpError(422, _("There is no district with this key in Baden-Württemberg."))
    return values


@router.get("/clients", response={200: ClientsOut, **ERRORS}, summary="List clients")
def client_list(request, params: Query[ClientQuery]):
    """Clients of your organisation, oldest first; `count` is the number of all matches."""
    user = _caseworker(request)
    clients = selectors.api_clients(
        user, status=params.status or "", query=params.q, updated_since=params.updated_since
    )
    rows = list(clients[params.offset : params.offset + params.limit])
    _audit_read(request, "client.list_viewed", rows=len(rows), offset=params.offset)
    return {
        "items": [_client_out(c) for c in rows],
        "count": clients.count(),
        "limit": params.limit,
        "offset": params.offset,
    }


@router.get("/clients/{pk}", response={200: ClientOut, **ERRORS}, summary="One client")
def client_detail(request, pk: Path[Id]):
    user = _caseworker(request)
    client = selectors.api_client_get(user, pk)
    if client is None or not can(user, "client.view", client):
        raise _not_found()
    _audit_read(request, "client.viewed", client)
    return _client_out(client)


@router.post("/clients", response={201: ClientOut, **ERRORS}, summary="Create a client")
def client_create(request, payload: ClientIn):
    """Without `consent` only contact data (name, e-mail, phone, preferred language) may be
    sent; profile fields are refused with 409 until a counselling consent is recorded."""
    user = _caseworker(request)
    if not can(user, "client.create"):
        raise HttpError(403, _("You may not create clients."))
    sent = payload.model_dump(exclude_none=True)
    consent = None
    if payload.consent is not None:
        consent = {"purpose": "counselling", **payload.consent.model_dump()}
    try:
        client = services.client_create(
            organisation=user.organisation,
            user=user,
            values=_client_values(sent),
            consent=consent,
            request=request,
        )
    except services.CaseworkError as error:
        raise _refused(error) from error
    return Status(201, _client_out(selectors.api_client_get(user, client.pk)))


@router.patch("/clients/{pk}", response={200: ClientOut, **ERRORS}, summary="Change a client")
def client_update(request, pk: Path[Id], payload: ClientPatch):
    """Only the fields sent change. Profile fields need a recorded counselling consent (409)."""
    user = _caseworker(request)
    client = selectors.api_client_get(user, pk)
    if client is None:
        raise _not_found()
    _allowed(user, "client.change", client)
    sent = payload.model_dump(exclude_unset=True)
    for required in ("name", "preferred_language"):
        if required in sent and sent[required] is None:
            raise HttpError(422, _("This field cannot be emptied: %(field)s") % {"field": required})
    email = sent.get("email", client.email) or ""
    phone = sent.get("phone", client.phone) or ""
    if not email and not phone:
        raise HttpError(422, _("Give an e-mail address or a phone number."))
    try:
        services.client_update(
            client=client, user=user, values=_client_values(sent), request=request
        )
    except services.CaseworkError as error:
        raise _refused(error) from error
    return _client_out(selectors.api_client_get(user, pk))


# --- Recognition cases ---------------------------------------------------------------------


def _case_out(case, *, steps: list | None = None) -> dict:
    out = {
        "id": case.pk,
        "client": case.client_id,
        "client_number": case.client.number,
        "counsellor": case.counsellor.username if case.counsellor else None,
        "occupation": {
            "slug": case.occupation.slug,
            "title_de": case.occupation.title_de,
            "kldb2010": case.occupation.kldb2010,
            "regulated": case.occupation.is_regulated,
        },
        "authority": {"key": case.authority.key, "name": case.authority.name}
        if case.authority
        else None,
        "status": case.status,
        "allowed_next": [str(s) for s in services.allowed_next(case)],
        "opened_on": case.opened_on,
        "submitted_on": case.submitted_on,
        "days_since_submission": services.days_since_submission(case),
        "decision": case.decision,
        "decided_on": case.decided_on,
        "compensation_type": case.compensation_type,
        "compensation_provider": case.compensation_provider,
        "compensation_start": case.compensation_start,
        "compensation_end": case.compensation_end,
        "grant_applied": case.grant_applied,
        "closed_on": case.closed_on,
        "abandon_reason": case.abandon_reason,
        "updated_at": case.updated_at,
    }
    if steps is not None:
        out["steps"] = [{"status": s.status, "date": s.date, "note": s.note} for s in steps]
    return out


def _occupation(slug: str):
    try:
        return occupation_get(slug=slug)
    except Occupation.DoesNotExist as error:
        raise HttpError(422, _("No reference occupation has this short name.")) from error


def _authority(key: str):
    authority = selectors.authority_by_key(key)
    if authority is None:
        raise HttpError(422, _("No competent authority has this key."))
    return authority


@router.get("/cases", response={200: CasesOut, **ERRORS}, summary="List recognition cases")
def case_list(request, params: Query[CaseQuery]):
    user = _caseworker(request)
    cases = selectors.api_cases(
        user,
        status=params.status or "",
        client_id=params.client,
        occupation_slug=params.occupation or "",
        updated_since=params.updated_since,
    )
    rows = list(cases[params.offset : params.offset + params.limit])
    _audit_read(request, "case.list_viewed", rows=len(rows), offset=params.offset)
    return {
        "items": [_case_out(c) for c in rows],
        "count": cases.count(),
        "limit": params.limit,
        "offset": params.offset,
    }


@router.get(
    "/cases/{pk}", response={200: CaseDetailOut, **ERRORS}, summary="One case with its timeline"
)
def case_detail(request, pk: Path[Id]):
    user = _caseworker(request)
    case = selectors.api_case_get(user, pk)
    if case is None or not can(user, "client.view", case):
        raise _not_found()
    _audit_read(request, "case.viewed", case)
    return _case_out(case, steps=selectors.case_timeline(case))


@router.post("/cases", response={201: CaseDetailOut, **ERRORS}, summary="Open a case")
def case_create(request, payload: CaseIn):
    """Open a recognition case for a client who has consented to counselling. Without
    `authority` the competent authority comes from the knowledge base (by the client's
    district where it depends on it)."""
    user = _caseworker(request)
    client = selectors.api_client_get(user, payload.client)
    if client is None:
        raise _not_found()
    _allowed(user, "client.change", client)
    occupation = _occupation(payload.occupation)
    values: dict = {}
    if payload.authority:
        values["authority"] = _authority(payload.authority)
    if payload.grant_applied is not None:
        values["grant_applied"] = payload.grant_applied
    try:
        case = services.case_open(
            client=client, user=user, occupation=occupation, values=values, request=request
        )
    except services.CaseworkError as error:
        raise _refused(error) from error
    case = selectors.api_case_get(user, case.pk)
    return Status(201, _case_out(case, steps=selectors.case_timeline(case)))


@router.patch(
    "/cases/{pk}", response={200: CaseDetailOut, **ERRORS}, summary="Change a case, add a step"
)
def case_update(request, pk: Path[Id], payload: CasePatch):
    """Change the occupation, authority or grant, and/or record the next timeline step. The
    step is checked first; if it is refused (409) nothing is changed."""
    user = _caseworker(request)
    case = selectors.api_case_get(user, pk)
    if case is None:
        raise _not_found()
    _allowed(user, "client.change", case)
    sent = payload.model_dump(exclude_unset=True)
    facts: dict = {}
    if sent.get("occupation"):
        facts["occupation"] = _occupation(sent["occupation"])
    if "authority" in sent:
        facts["authority"] = _authority(sent["authority"]) if sent["authority"] else None
    if "grant_applied" in sent:
        facts["grant_applied"] = sent["grant_applied"]
    step = payload.step
    try:
        if step is not None:
            details = step.model_dump(exclude={"status", "date", "note"})
            services.case_step(
                case=case,
                user=user,
                status=step.status,
                on=step.date or timezone.localdate(),
                note=step.note,
                details=details,
                request=request,
            )
            case = selectors.api_case_get(user, pk)
        if facts:
            services.case_update(case=case, user=user, values=facts, request=request)
    except services.CaseworkError as error:
        raise _refused(error) from error
    case = selectors.api_case_get(user, pk)
    return _case_out(case, steps=selectors.case_timeline(case))
