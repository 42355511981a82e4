"""The endpoints of GeoReport v2 (wiki.open311.org/GeoReport_v2), public except POST.

Every answer is the specification's: a document in the format the path ends with (.json or
.xml), or its error list ({code, description}, in Vietnamese) with 400 for bad input, 403 for a
key, 404 for what does not exist, 405, 429 when a key sends too much and 503 when storage fails.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from danvan.core import apikeys
from danvan.core.errors import DomainError
from danvan.core.failsafe import RETRY_AFTER_SECONDS, STORAGE_ERRORS, log_failure
from danvan.core.models import Unit
from danvan.open311 import reads
from danvan.open311.catalogue import SERVICES, Service, definition
from danvan.open311.places import jurisdiction, the_one_commune
from danvan.open311.render import FORMATS, Refused, answer, errors, refused
from danvan.open311.submit import submit
from danvan.portal.forms import commune_label

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-06T00:00:00+07:00"  # the day these endpoints last changed
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
View = Callable[..., HttpResponse]


def endpoint(*methods: str) -> Callable[[View], View]:
    """An endpoint: public (no login, no CSRF: a key, not a cookie, authorises a POST), its
    format checked, and every refusal in the specification's error list."""

    def wrap(view: View) -> View:
        @login_not_required
        @csrf_exempt
        @wraps(view)
        def run(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            if fmt not in FORMATS:
                return errors(
                    "json",
                    404,
                    _("Định dạng “%(f)s” không có: dùng .json hoặc .xml.") % {"f": fmt[:10]},
                )
            allowed = (*methods, "HEAD") if "GET" in methods else methods
            if request.method not in allowed:
                response = errors(
                    fmt,
                    405,
                    _("Phương thức %(m)s không dùng được ở đây.") % {"m": str(request.method)[:20]},
                )
                response["Allow"] = ", ".join(allowed)
                return response
            try:
                return view(request, *args, fmt=fmt, **kwargs)
            except Refused as e:
                return refused(fmt, e)
            except DomainError as e:
                return errors(fmt, 400, e.message)
            except (MultiPartParserError, SuspiciousOperation, BadRequest):
                return errors(fmt, 400, _("Không đọc được nội dung gửi lên."))
            except STORAGE_ERRORS as e:
                log_failure(e)
                said = (
                    _("Hệ thống đang gặp sự cố lưu trữ; vui lòng thử lại sau ít phút.")
                    if request.method in ("GET", "HEAD")
                    else _(
                        "Chưa lưu được: hệ thống đang gặp sự cố lưu trữ, chưa có gì được ghi "
                        "nhận. Vui lòng gửi lại sau ít phút."
                    )
                )
                return errors(fmt, 503, said, retry_after=RETRY_AFTER_SECONDS)

        return run

    return wrap


@endpoint("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Service Discovery (wiki.open311.org/Service_Discovery): where GeoReport v2 is served."""
    base = request.build_absolute_uri(reverse("open311:index"))
    return answer(
        fmt,
        "discovery",
        {
            "changeset": CHANGESET,
            "contact": _("Ủy ban nhân dân xã, phường phục vụ trang này."),
            "key_service": _(
                "Đọc không cần khóa. Gửi yêu cầu cần api_key do quản trị viên của xã hoặc tỉnh cấp "
                "(danvan api-key create --write)."
            ),
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base.rstrip("/"),
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


@endpoint("GET")
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    jurisdiction(request.GET.get("jurisdiction_id"))  # an unknown one is a 404
    return answer(fmt, "services", [s.row() for s in SERVICES.values()])


@endpoint("GET")
def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    commune = jurisdiction(request.GET.get("jurisdiction_id")) or the_one_commune()
    return answer(fmt, "service_definition", definition(_service(code), commune))


@endpoint("GET", "POST")
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _post(request, fmt)
    commune = jurisdiction(request.GET.get("jurisdiction_id"))
    rows = reads.select(reads.parse(request.GET), commune)
    return answer(fmt, "service_requests", [reads.row(p) for p in rows])


@endpoint("GET")
def request_detail(request: HttpRequest, pk: str, fmt: str) -> HttpResponse:
    petition = reads.find(pk, jurisdiction(request.GET.get("jurisdiction_id")))
    return answer(fmt, "service_requests", [reads.row(petition)])


def _service(code: str) -> Service:
    """The service of this service_code, or 404."""
    service = SERVICES.get(code)
    if service is None:
        raise Refused(404, _("Không có loại yêu cầu (service_code) “%(c)s”.") % {"c": code[:40]})
    return service


def _params(request: HttpRequest) -> QueryDict:
    if request.content_type not in FORM_TYPES:
        raise Refused(
            400,
            _("Gửi yêu cầu dưới dạng application/x-www-form-urlencoded (đặc tả GeoReport v2)."),
        )
    return request.POST


def _post(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST Service Request: 403 without a valid key or one that may not write for the commune,
    429 past the key's limit per minute, 404 for an unknown service or commune, 400 with the
    portal form's messages, else 201 with the new request's id and the receipt's code in
    `service_notice`."""
    params = _params(request)
    # The specification's parameter; the header the JSON API reads is taken too.
    raw_key = (
        params.get("api_key") or request.GET.get("api_key") or request.headers.get("X-Api-Key")
    )
    if not raw_key:
        raise Refused(403, _("Thiếu api_key: gửi yêu cầu cần khóa API do xã hoặc tỉnh cấp."))
    key = apikeys.authenticate(raw_key)
    if key is None:
        raise Refused(403, _("api_key không hợp lệ hoặc đã bị thu hồi."))
    wait = apikeys.throttle(key)
    if wait is not None:
        raise Refused(
            429,
            _(
                "Khóa API này đã gửi quá nhiều yêu cầu trong một phút; vui lòng thử lại sau %(s)d giây."
            )
            % {"s": wait},
            retry_after=wait,
        )
    if not key.can_write:
        raise Refused(403, _("Khóa API này chỉ được đọc, không được gửi yêu cầu."))
    code = params.get("service_code", "").strip()
    if not code:
        raise Refused(400, _("Thiếu service_code: chọn một loại yêu cầu trong services.json."))
    service = _service(code)
    commune = jurisdiction(params.get("jurisdiction_id") or request.GET.get("jurisdiction_id"))
    commune = commune or _commune_of(key.communes())
    if commune.pk not in key.communes():
        raise Refused(
            403,
            _("Khóa API này không được gửi yêu cầu đến %(place)s.")
            % {"place": commune_label(commune)},
        )
    petition = submit(params=params, service=service, commune=commune, key=key)
    status_url = request.build_absolute_uri(
        reverse("portal:petition_status", args=[petition.tracking_code])
    )
    notice = _(
        "UBND %(place)s đã tiếp nhận đơn số %(code)s. Mã tra cứu: %(tracking)s; người gửi theo "
        "dõi tại %(url)s."
    ) % {
        "place": commune_label(commune),
        "code": petition.code,
        "tracking": petition.tracking_code,
        "url": status_url,
    }
    if deadline := reads.notice(petition):
        notice = f"{notice} {deadline}"
    return answer(
        fmt,
        "service_requests",
        [{"service_request_id": str(petition.pk), "service_notice": notice, "account_id": None}],
        status=201,
    )


def _commune_of(key_communes: set[int]) -> Unit:
    """Without jurisdiction_id: the key's one commune, or the install's one commune."""
    if len(key_communes) == 1:
        found = Unit.objects.filter(pk=next(iter(key_communes))).select_related("parent").first()
        if found is not None:
            return found
    only = the_one_commune()
    if only is None:
        raise Refused(
            400,
            _("Thiếu jurisdiction_id: mã xã, phường nhận yêu cầu (ví dụ 06079)."),
        )
    return only


@login_not_required
@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    fmt = "xml" if rest.endswith(".xml") else "json"
    return errors(
        fmt, 404, _("Không có địa chỉ này trong Open311 GeoReport v2; xem discovery.json.")
    )
