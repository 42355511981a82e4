"""Every error of the API in one shape, with a Vietnamese message (README, "JSON API"):

    {"error": {"code": "not_found", "message": "Không tìm thấy …", "fields": {"commune": "…"}}}

`fields` maps a parameter or body field to what is wrong with it (empty when the error is not
about a field). Codes: bad_request (400), unauthorized (401), forbidden (403), not_found (404),
invalid (422: a field, or a rule of the domain), rate_limited (429, with Retry-After),
unavailable (503: storage failed, with Retry-After), server_error (500: a fault of ours, logged).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from danvan.core.errors import DomainError
from danvan.core.failsafe import STORAGE_ERRORS

logger = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}
MESSAGES = {
    400: "Yêu cầu không đọc được (JSON hoặc multipart/form-data không hợp lệ).",
    401: "Thiếu khóa API (tiêu đề X-API-Key), hoặc khóa không đúng hay đã bị thu hồi.",
    403: "Khóa API này không được phép làm việc này.",
    405: "Phương thức không dùng được ở đây.",
    404: "Không tìm thấy (hoặc không thuộc phạm vi của khóa API này).",
    422: "Dữ liệu gửi lên chưa hợp lệ.",
    429: "Khóa API này đã gửi quá số yêu cầu cho phép trong một phút: hãy thử lại sau.",
    500: "Máy chủ gặp lỗi; lỗi đã được ghi lại.",
    503: "Hệ thống tạm thời chưa lưu được dữ liệu: hãy thử lại sau ít phút.",
}
# Pydantic's error types, said in Vietnamese.
FIELD_MESSAGES = {
    "missing": "Thiếu trường bắt buộc.",
    "int_parsing": "Phải là một số nguyên.",
    "int_type": "Phải là một số nguyên.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (YYYY-MM-DD).",
    "date_parsing": "Ngày không hợp lệ (YYYY-MM-DD).",
    "date_type": "Ngày không hợp lệ (YYYY-MM-DD).",
    "datetime_from_date_parsing": "Thời điểm không hợp lệ (ISO 8601).",
    "datetime_parsing": "Thời điểm không hợp lệ (ISO 8601).",
    "datetime_type": "Thời điểm không hợp lệ (ISO 8601).",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_long": "Quá dài.",
    "string_too_short": "Quá ngắn.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "greater_than": "Giá trị quá nhỏ.",
    "less_than": "Giá trị quá lớn.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "enum": "Giá trị không nằm trong danh sách cho phép.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "dict_type": "Phải là một đối tượng JSON.",
    "json_invalid": "Nội dung không phải JSON hợp lệ.",
}


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, str]


class Error(Schema):
    error: ErrorBody


class Refused(Exception):
    """An answer other than success, raised by an endpoint: status, message, fields."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        fields: dict[str, str] | None = None,
        **named: str,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message or MESSAGES.get(status, MESSAGES[400])
        self.fields = {**(fields or {}), **named}


def only(allowed: list[str]) -> str:
    """What a field that takes one of a few values says to another value."""
    return "Chỉ nhận: " + ", ".join(allowed) + "."


def body(status: int, message: str | None = None, fields: dict[str, str] | None = None) -> dict:
    return {
        "error": {
            "code": CODES.get(status, "error"),
            "message": message or MESSAGES.get(status, MESSAGES[400]),
            "fields": fields or {},
        }
    }


def field_name(loc: Any) -> str:
    """("query", "commune") -> "commune"; ("body", "payload", "petitioner", "name") ->
    "petitioner.name": the name the caller sent."""
    parts = [str(p) for p in (loc or ()) if p not in ("query", "body", "form", "path", "header")]
    if len(parts) > 1 and parts[0] in ("payload", "data", "params", "filters"):
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def install(api: NinjaAPI) -> None:
    def answer(
        request: HttpRequest,
        status: int,
        message: str | None = None,
        *,
        fields: dict[str, str] | None = None,
        retry_after: int | None = None,
    ) -> HttpResponse:
        response = api.create_response(request, body(status, message, fields), status=status)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response

    @api.exception_handler(Refused)
    def refused(request: HttpRequest, exc: Refused) -> HttpResponse:
        return answer(request, exc.status, exc.message, fields=exc.fields)

    @api.exception_handler(DomainError)
    def domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return answer(request, 422, exc.message)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        fields: dict[str, str] = {}
        for error in exc.errors:
            name = field_name(error.get("loc"))
            fields.setdefault(
                name, FIELD_MESSAGES.get(error.get("type", ""), "Giá trị không hợp lệ.")
            )
        return answer(request, 422, fields=fields)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return answer(request, 429, retry_after=int(exc.wait or 60))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return answer(request, 401)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        status = exc.status_code
        # Ninja's own HttpErrors (a body it could not read…) carry an English message.
        return answer(request, status if status in CODES else 400)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, 404)

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return answer(request, 403)

    @api.exception_handler(Exception)
    def fault(request: HttpRequest, exc: Exception) -> HttpResponse:
        if isinstance(exc, STORAGE_ERRORS):
            logger.warning("API: storage failed: %s", exc)
            return answer(request, 503, retry_after=30)
        logger.exception("API: unexpected error", exc_info=exc)
        return answer(request, 500)


# The error answers each operation documents in the OpenAPI description.
READ_ERRORS: dict[int, type[Error]] = {c: Error for c in (400, 401, 403, 404, 422, 429)}
WRITE_ERRORS: dict[int, type[Error]] = {c: Error for c in (400, 401, 403, 404, 422, 429, 503)}
