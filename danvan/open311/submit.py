"""POST requests: a citizen's kiến nghị or phản ánh sent from another app with an API key.

The portal's form and its service take it, unchanged: `portal.forms.PetitionForm` checks it
(required fields, lengths, the phone, the e-mail, the village of the commune, the pledge) and
`portal.petitions.petition_submit` files it in one transaction, exactly as a citizen's form on
`/gui-don/`. Only the form's guards against robots are met for the key's holder (the trap field
stays empty and the form counts as shown long ago): a system with a key is no robot filling a
page, and its requests are limited per key (`core.apikeys.throttle`) instead of per address.

GeoReport's fields become the form's (`FIELDS` maps back for errors): `description` the
letter, with the place the citizen gave (`address_string`, `lat`/`long`) and the link to a
photo (`media_url`, kept as a link, never fetched) added to it for the officers;
`last_name` `first_name` the sender's name (họ before tên, as Vietnamese write it), `phone`,
`email`, and the definition's attributes (catalogue.definition) for the rest. `device_id` and
`account_id` are not kept.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from danvan.core.audit import log_action
from danvan.core.http import int_param
from danvan.core.models import ApiKey, Unit
from danvan.open311.catalogue import PLEDGE, PLEDGE_YES, SENDER_ADDRESS, SUMMARY, VILLAGE, Service
from danvan.open311.render import Refused
from danvan.petitions.models import Petition
from danvan.portal.forms import PetitionForm, form_token
from danvan.portal.petitions import petition_submit

SUBJECT_LENGTH = 300
# The portal form's fields, by the GeoReport parameter that fills them.
FIELDS = {
    "commune": "jurisdiction_id",
    "kind": "service_code",
    "topic": "service_code",
    "village": f"attribute[{VILLAGE}]",
    "subject": f"attribute[{SUMMARY}]",
    "content": "description",
    "name": "first_name, last_name",
    "address": f"attribute[{SENDER_ADDRESS}]",
    "phone": "phone",
    "email": "email",
    "consent": f"attribute[{PLEDGE}]",
    "attachments": "media_url",
}


def summary_of(description: str) -> str:
    """The first line of the letter, cut at a word within the summary's 300 characters."""
    first = next((line.strip() for line in description.splitlines() if line.strip()), "")
    if len(first) <= SUBJECT_LENGTH:
        return first
    cut = first[: SUBJECT_LENGTH - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


def _place(params: QueryDict, problems: list[str]) -> list[str]:
    """The lines the place and the photo add to the letter."""
    lines = []
    if where := params.get("address_string", "").strip():
        lines.append(_("Địa điểm: %(where)s") % {"where": where[:500]})
    lat, long = params.get("lat", "").strip(), params.get("long", "").strip()
    if lat or long:
        try:
            y, x = float(lat), float(long)
            if not (-90 <= y <= 90 and -180 <= x <= 180):
                raise ValueError
        except ValueError:
            problems.append(
                _(
                    "lat và long phải gửi cùng nhau, là vĩ độ (−90 đến 90) và kinh độ (−180 đến 180) theo WGS84."
                )
            )
        else:
            lines.append(_("Tọa độ (WGS84): %(lat)s, %(long)s") % {"lat": y, "long": x})
    if media := params.get("media_url", "").strip():
        try:
            if len(media) > 500:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(media)
        except ValidationError:
            problems.append(
                _("media_url phải là một địa chỉ http:// hoặc https:// (tối đa 500 ký tự).")
            )
        else:
            lines.append(_("Ảnh, tài liệu kèm theo (đường dẫn): %(url)s") % {"url": media})
    return lines


def form_data(
    params: QueryDict, service: Service, commune: Unit
) -> tuple[dict[str, Any], Unit | None]:
    """The portal form's data from a POST of GeoReport, and the village it names if any."""
    problems: list[str] = []
    description = params.get("description", "")
    extra = _place(params, problems)
    if problems:
        raise Refused(400, *problems)

    def attribute(code: str) -> str:
        return params.get(f"attribute[{code}]", "")

    content = "\n\n".join([description.strip(), *extra]) if description.strip() else ""
    village_pk = attribute(VILLAGE).strip()
    village = None
    if village_pk:
        village = Unit.objects.filter(
            kind=Unit.Kind.VILLAGE, is_active=True, pk=int_param(village_pk) or 0
        ).first()
    name = " ".join(
        part.strip()
        for part in (params.get("last_name", ""), params.get("first_name", ""))
        if part.strip()
    )
    data = {
        "commune": str(commune.pk),
        "kind": service.kind,
        "topic": service.topic,
        # An unknown village stays as given, for the form's own message.
        "village": str(village.pk) if village else village_pk,
        "subject": attribute(SUMMARY) or summary_of(description),
        "content": content,
        "name": name,
        "address": attribute(SENDER_ADDRESS),
        "phone": params.get("phone", ""),
        "email": params.get("email", ""),
        "consent": "on" if attribute(PLEDGE).strip() == PLEDGE_YES else "",
        "website": "",
        "token": form_token(started=0),
    }
    return data, village


def submit(*, params: QueryDict, service: Service, commune: Unit, key: ApiKey) -> Petition:
    """Check and file the request as the portal's form would: the petition, committed, or
    Refused(400) with each of the form's messages under the parameter it is about. Raises
    DomainError and the storage errors as `petition_submit` does."""
    data, village = form_data(params, service, commune)
    form = PetitionForm(data, {}, communes=[commune], villages=[village] if village else [])
    if not form.is_valid():
        messages = []
        for field, errors in form.errors.items():
            if field == "subject" and not data["subject"] and "content" in form.errors:
                continue  # no summary given, none taken from an empty description: one message

            where = FIELDS.get(field)
            for message in errors:
                messages.append(f"{where}: {message}" if where else str(message))
        raise Refused(400, *messages)
    with transaction.atomic():
        petition = petition_submit(data=form.cleaned_data, nonce=None, client=None)
        # Who sent it: the key's system (a key acts as nobody, core.ApiKey).
        log_action(
            petition,
            "open311.received",
            by=None,
            changes={"api_key": key.prefix, "api_key_name": key.name, "service_code": service.code},
        )
    return petition
