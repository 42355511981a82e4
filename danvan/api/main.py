"""The JSON API (issue 15): one NinjaAPI with the key check, the per-key rate limit, the error
shape and the routers of reads and writes. Served under /api/ (danvan/api/urls.py)."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from danvan.api import errors, reads, writes  # noqa: F401 - writes registers on reads.router
from danvan.api.auth import KeyAuth, KeyThrottle

DESCRIPTION = """API của Dân vận số cho các hệ thống khác (hệ thống một cửa, báo cáo của tỉnh,
ứng dụng của người dân).

Mỗi yêu cầu gửi khóa API trong tiêu đề `X-API-Key`. Khóa do quản trị viên cấp cho từng hệ
thống (`danvan api-key create --name TÊN --commune MÃ [--write]`), trong phạm vi một xã hoặc
một tỉnh, chỉ đọc hoặc được gửi dữ liệu; khóa có thể bị thu hồi. Khóa đọc những gì thành viên
“chỉ xem” của xã đọc được: không bao giờ có thông tin cá nhân của người gửi đơn, danh tính
người tố cáo.

Lỗi luôn có dạng `{"error": {"code", "message", "fields"}}`, thông báo bằng tiếng Việt.
"""


class Utf8(JSONRenderer):
    """Vietnamese as it is written, not as \\u escapes: the same JSON, readable in a log."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="Dân vận số API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=KeyAuth(),
    throttle=[KeyThrottle()],
    docs_url="/docs",
    openapi_url="/openapi.json",
    renderer=Utf8(),
)
errors.install(api)
api.add_router("/", reads.router)  # writes add their operations to the same router
