"""The ledger of mediation (sổ theo dõi hoạt động hòa giải ở cơ sở) of a year, as .xlsx.

Part I follows the columns of the Ministry of Justice's form as reproduced by a secondary page
(docs/research/promises-law.md §5, UNVERIFIED): one row per case, with the parties' names, so
the file goes only to those who read the cases (mediation.access). Part II, the team leader's
totals by mediator, by kind of matter and by result, is the second sheet. The form's old header
named the district ("Huyện/quận"), gone since 01/07/2025: the commune is named alone.
lib.spreadsheet guards every cell against formula injection.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone

from danvan.core.http import download
from danvan.core.models import Unit
from danvan.lib.spreadsheet import BOLD, XLSX_MIME, Book
from danvan.lib.text import commune_official_name
from danvan.mediation.models import MediationCase, MediationTeam

COLUMNS = [
    ("STT", 6),
    ("Ngày nhận vụ, việc", 12),
    ("Họ tên hòa giải viên, người được mời (nếu có)", 24),
    ("Họ tên, tuổi, địa chỉ của các bên, người có quyền, nghĩa vụ liên quan", 32),
    ("Nội dung chủ yếu của vụ, việc", 36),
    ("Thỏa thuận của các bên (hoặc yêu cầu của mỗi bên) sau hòa giải", 36),
    ("Kết quả hòa giải", 16),
    ("Chữ ký", 10),
    ("Ghi chú", 30),
]


def _note(case: MediationCase) -> str:
    parts = [f"Số {case.code}", f"Tổ: {case.team.name}", str(case.matter)]
    if case.started_on:
        parts.append(f"Bắt đầu {case.started_on:%d/%m/%Y}")
    if case.referred_to:
        parts.append(f"Chuyển đến: {case.referred_to}")
    if case.outcome == MediationCase.Outcome.SUCCESS:
        parts.append(case.get_agreement_kept_display())
    if case.petition is not None:
        parts.append(f"Đơn số {case.petition.code}")
    return "; ".join(parts)


def ledger_cases(teams: QuerySet[MediationTeam], year: int) -> list[MediationCase]:
    return list(
        MediationCase.objects.filter(team__in=teams, year=year)
        .select_related("team", "matter", "petition")
        .prefetch_related("mediators")
        .order_by("received_on", "number")
    )


def ledger_bytes(commune: Unit, year: int, cases: list[MediationCase], scope: str) -> bytes:
    book = Book(f"Sổ theo dõi hoạt động hòa giải ở cơ sở năm {year}")
    sheet = book.sheet(
        f"Sổ theo dõi {year}",
        title=f"SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI Ở CƠ SỞ NĂM {year}",
        subtitle=f"{commune_official_name(commune.name)} · {scope} · lập ngày "
        f"{timezone.localdate():%d/%m/%Y}",
    )
    sheet.line("Phần I. Vụ, việc hòa giải (có thông tin cá nhân: chỉ dùng nội bộ)")
    sheet.header(COLUMNS)
    for n, case in enumerate(cases, start=1):
        result = case.get_outcome_display()
        sheet.row(
            [
                n,
                case.received_on,
                ", ".join(m.full_name for m in case.mediators.all()),
                case.parties,
                case.summary,
                case.agreement,
                result,
                "",
                _note(case),
            ]
        )
    if not cases:
        sheet.row(["", "Chưa có vụ, việc nào trong năm."])
    totals = book.sheet(
        "Tổng hợp",
        title=f"PHẦN II. TỔNG HỢP KẾT QUẢ HÒA GIẢI NĂM {year}",
        subtitle=f"{commune_official_name(commune.name)} · {scope}",
    )
    totals.header([("Nội dung", 50), ("Số vụ, việc", 14)])
    by_mediator: Counter[str] = Counter()
    for case in cases:
        for m in case.mediators.all():
            by_mediator[f"{m.full_name} ({case.team.name})"] += 1
    sections = (
        ("Theo hòa giải viên", by_mediator),
        ("Theo loại vụ, việc", Counter(str(c.matter) for c in cases)),
        ("Theo kết quả", Counter(c.get_outcome_display() for c in cases)),
    )
    for heading, counts in sections:
        totals.row([heading, ""], font=BOLD)
        for label, value in sorted(counts.items()):
            totals.row([label, value])
    totals.row(["Tổng số vụ, việc", len(cases)], font=BOLD)
    return book.to_bytes()


def ledger_xlsx(
    *, commune: Unit, year: int, teams: QuerySet[MediationTeam], scope: str
) -> HttpResponse:
    data = ledger_bytes(commune, year, ledger_cases(teams, year), scope)
    return download(data, XLSX_MIME, f"so-theo-doi-hoa-giai-{year}.xlsx")
