"""The register of models and exemplars of a year, as .xlsx (lib.spreadsheet guards every cell
against formula injection)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib.spreadsheet import XLSX_MIME, Book
from danvan.lib.text import commune_official_name
from danvan.movement.models import REGISTRATION, Practice

COLUMNS = [
    ("STT", 6),
    ("Tên mô hình, điển hình", 36),
    ("Loại", 16),
    ("Lĩnh vực", 18),
    ("Đơn vị đăng ký", 24),
    ("Thôn", 18),
    ("Cá nhân", 20),
    ("Ngày đăng ký", 12),
    ("Trạng thái", 16),
    ("Điểm bình quân", 10),
    ("Số người chấm", 10),
    ("Quyết định công nhận", 22),
    ("Đề nghị cấp trên", 22),
    *((label, 40) for _, label in REGISTRATION),
]


def register_bytes(commune: Unit, year: int, practices: list[Practice]) -> bytes:
    book = Book(f"Mô hình, điển hình Dân vận khéo năm {year}")
    sheet = book.sheet(
        f"Năm {year}",
        title=f"DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH “DÂN VẬN KHÉO” NĂM {year}",
        subtitle=f"{commune_official_name(commune.name)} · lập ngày {timezone.localdate():%d/%m/%Y}",
    )
    sheet.header(COLUMNS)
    for n, p in enumerate(practices, start=1):
        decision = (
            f"Số {p.decision_number} ngày {p.decided_on:%d/%m/%Y}"
            if p.decision_number and p.decided_on
            else ""
        )
        proposal = (
            f"{p.proposed_level.name}: {p.proposal_number} ngày {p.proposed_on:%d/%m/%Y}"
            if p.proposed_level and p.proposed_on
            else ""
        )
        sheet.row(
            [
                n,
                p.name,
                p.get_kind_display(),
                p.field.name,
                p.registrant.name,
                p.village.name if p.village else "",
                p.person_name,
                p.registered_on,
                p.get_status_display(),
                float(p.score) if p.score is not None else "",
                p.reviews_count,
                decision,
                proposal,
                *(getattr(p, name) for name, _ in REGISTRATION),
            ]
        )
    if not practices:
        sheet.row(["", "Chưa có mô hình, điển hình nào."])
    return book.to_bytes()


def register_xlsx(*, commune: Unit, year: int, practices: QuerySet[Practice]) -> HttpResponse:
    rows = list(practices.select_related("field", "registrant", "village", "proposed_level"))
    return download(register_bytes(commune, year, rows), XLSX_MIME, f"dan-van-kheo-{year}.xlsx")
