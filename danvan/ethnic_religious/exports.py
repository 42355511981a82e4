"""The two lists as .xlsx (lib.spreadsheet guards every cell against formula injection): what the
reader sees on the page, all pages, with its filters. A person's phone is written only for those
who record for every person (the office); an internal row is marked as such."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.ethnic_religious.models import Establishment, KeyPerson
from danvan.lib.spreadsheet import XLSX_MIME, Book
from danvan.lib.text import commune_official_name


def _subtitle(commune: Unit) -> str:
    return f"{commune_official_name(commune.name)} · lập ngày {timezone.localdate():%d/%m/%Y}"


def persons_xlsx(commune: Unit, rows: QuerySet[KeyPerson], *, phones: bool) -> HttpResponse:
    book = Book("Danh sách người có uy tín")
    sheet = book.sheet(
        "Người có uy tín", title="DANH SÁCH NGƯỜI CÓ UY TÍN", subtitle=_subtitle(commune)
    )
    columns = [
        ("STT", 6),
        ("Họ và tên", 24),
        ("Năm sinh", 9),
        ("Dân tộc", 12),
        ("Thôn", 18),
        ("Thành phần", 22),
        ("Công nhận", 26),
        ("Tình trạng", 16),
        ("Cán bộ theo dõi", 20),
        ("Lần tiếp xúc gần nhất", 14),
        ("Nội bộ", 8),
    ]
    if phones:
        columns.insert(10, ("Điện thoại", 14))
    sheet.header(columns)
    for n, p in enumerate(rows, start=1):
        recognised = p.decision_label or f"Năm {p.recognised_year}"
        if p.recognised_until:
            recognised += f" (đến năm {p.recognised_until})"
        cells: list[object] = [
            n,
            p.full_name,
            p.birth_year,
            p.ethnic_group.name,
            p.village.name,
            p.standing.name,
            recognised,
            p.get_status_display(),
            str(p.follower) if p.follower else "",
            getattr(p, "last_contact", None),
            "Có" if p.internal else "",
        ]
        if phones:
            cells.insert(10, p.phone)
        sheet.row(cells)
    if not rows:
        sheet.row(["", "Không có người có uy tín nào."])
    return download(book.to_bytes(), XLSX_MIME, "nguoi-co-uy-tin.xlsx")


def establishments_xlsx(commune: Unit, rows: QuerySet[Establishment]) -> HttpResponse:
    book = Book("Danh sách cơ sở tôn giáo, tín ngưỡng")
    sheet = book.sheet(
        "Cơ sở", title="DANH SÁCH CƠ SỞ TÔN GIÁO, TÍN NGƯỠNG", subtitle=_subtitle(commune)
    )
    sheet.header(
        [
            ("STT", 6),
            ("Tên cơ sở", 26),
            ("Loại", 12),
            ("Tôn giáo, tín ngưỡng", 18),
            ("Thôn", 18),
            ("Địa chỉ", 24),
            ("Người đại diện", 20),
            ("Tình trạng pháp lý", 16),
            ("Cán bộ theo dõi", 20),
            ("Nội bộ", 8),
        ]
    )
    for n, e in enumerate(rows, start=1):
        sheet.row(
            [
                n,
                e.name,
                e.kind.name,
                e.religion.name,
                e.village.name,
                e.address,
                e.representative,
                e.get_legal_status_display(),
                str(e.follower) if e.follower else "",
                "Có" if e.internal else "",
            ]
        )
    if not rows:
        sheet.row(["", "Không có cơ sở nào."])
    return download(book.to_bytes(), XLSX_MIME, "co-so-ton-giao-tin-nguong.xlsx")
