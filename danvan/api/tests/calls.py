"""How the API's tests call it: with a key (or none), by GET, or by POST as a system pushes a
plan or forwards a petition."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

PLAN_TEXT = (
    "ỦY BAN NHÂN DÂN\nXÃ HỒNG PHONG\nSố: 12/KH-UBND\n\nHồng Phong, ngày 10 tháng 3 năm 2026\n\n"
    "KẾ HOẠCH\nThực hiện công tác dân vận chính quyền năm 2026\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiệu quả.\n\n"
    "II. NHIỆM VỤ\n1. Tổ chức đối thoại với Nhân dân. Phòng Văn hóa - Xã hội chủ trì.\n"
    "2. Công khai thủ tục hành chính. Văn phòng HĐND và UBND xã chủ trì.\n"
)


def headers(key: str | None) -> dict[str, str]:
    return {"HTTP_X_API_KEY": key} if key else {}


def get(key: str | None, path: str, **data: Any) -> Any:
    return Client().get(path, data=data, **headers(key))


def post_plan(key: str, commune: str, **extra: Any) -> Any:
    data = {"commune": commune, "file": SimpleUploadedFile("kh.txt", PLAN_TEXT.encode()), **extra}
    return Client().post("/api/plans/import", data=data, **headers(key))


def post_petition(key: str, commune: str, **extra: Any) -> Any:
    body = {
        "commune": commune,
        "forwarded_by": "Thanh tra tỉnh Lạng Sơn",
        "received_on": "2026-03-02",
        "kind": "recommendation",
        "subject": "Đường vào thôn hỏng",
        "content": "Đề nghị sửa đường.",
        "petitioner": {"name": "Trần Thị Bình", "address": "Thôn Đoàn Kết"},
        **extra,
    }
    return Client().post(
        "/api/petitions", data=body, content_type="application/json", **headers(key)
    )
