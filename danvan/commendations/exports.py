"""The register as .xlsx (lib.spreadsheet), a decision as .docx in the layout of NĐ 30/2020
(lib.officialdoc), and a printable certificate per award as PDF (WeasyPrint, A4 landscape).

The decision's bases ("Căn cứ") name the laws by their day: Luật Thi đua, khen thưởng of
15/6/2022 (read: Công báo 571+572/2022) and Luật Tổ chức chính quyền địa phương of 16/6/2025
(its day as cited by the press: UNVERIFIED). No amount of money is written: the reward that goes
with a form is set by a decree the product does not carry.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from danvan.commendations.models import Award, Decision, RecipientKind
from danvan.core.http import download
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import XLSX_MIME, Book
from danvan.lib.text import commune_official_name, commune_place_name

PDF_MIME = "application/pdf"
REGISTER_COLUMNS = [
    ("STT", 6),
    ("Tập thể, cá nhân", 32),
    ("Loại", 10),
    ("Thuộc đơn vị", 24),
    ("Thành tích", 44),
    ("Khen thưởng về", 20),
    ("Thành tích thuộc", 30),
    ("Hình thức", 30),
    ("Số quyết định", 16),
    ("Ngày ký", 12),
]
BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
]


def register_bytes(commune_name: str, awards: Iterable[Award], scope: str) -> bytes:
    book = Book("Sổ khen thưởng")
    sheet = book.sheet(
        "Sổ khen thưởng",
        title="SỔ THEO DÕI KHEN THƯỞNG",
        subtitle=f"{commune_official_name(commune_name)} · {scope} · lập ngày "
        f"{timezone.localdate():%d/%m/%Y}",
    )
    sheet.header(REGISTER_COLUMNS)
    n = 0
    for n, a in enumerate(awards, start=1):
        sheet.row(
            [
                n,
                a.recipient,
                a.get_recipient_kind_display(),
                a.recipient_unit.name if a.recipient_unit else "",
                a.achievement,
                a.get_source_display(),
                a.source_label,
                a.decision.form.name,
                a.decision.number,
                a.decision.signed_on,
            ]
        )
    if not n:
        sheet.row(["", "Chưa có khen thưởng nào."])
    return book.to_bytes()


def register_xlsx(commune_name: str, awards: Iterable[Award], scope: str) -> HttpResponse:
    return download(register_bytes(commune_name, awards, scope), XLSX_MIME, "so-khen-thuong.xlsx")


def _signer(decision: Decision) -> list[str]:
    """The chairman decides in his own name (Luật Thi đua, khen thưởng 2022, Điều 80 khoản 3):
    "CHỦ TỊCH", or "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" for a vice-chairman signing for him."""
    if "phó" in decision.signer_title.lower():
        return ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    return ["CHỦ TỊCH"]


def _count(awards: list[Award]) -> str:
    collectives = sum(a.recipient_kind == RecipientKind.COLLECTIVE for a in awards)
    people = len(awards) - collectives
    parts = [
        f"{collectives:02d} tập thể" if collectives else "",
        f"{people:02d} cá nhân" if people else "",
    ]
    return " và ".join(p for p in parts if p) or "các tập thể, cá nhân"


def decision_document(decision: Decision, awards: list[Award]) -> od.OfficialDocument:
    issuer, place, _in_text = od.commune_issuer(decision.commune.name)
    official = commune_official_name(decision.commune.name)
    authority = f"CHỦ TỊCH ỦY BAN NHÂN DÂN {official.upper()}"
    proposers = sorted(
        {a.proposal.proposing_unit.name for a in awards if a.proposal and a.proposal.proposing_unit}
    )
    proposed_by = ", ".join(proposers) or "Văn phòng HĐND và UBND xã"
    form = decision.form.name
    blocks: list[od.Block] = [
        od.Heading(authority),
        od.Paragraph("\n".join([*BASES, f"Xét đề nghị của {proposed_by}."])),
        od.Heading("QUYẾT ĐỊNH:"),
        od.Paragraph(f"Điều 1. Tặng {form} cho {_count(awards)} đã có thành tích sau đây:"),
        od.Table(
            columns=[
                od.Column("STT", 1.2, "center"),
                od.Column("Tập thể, cá nhân", 6.0),
                od.Column("Thành tích", 9.3),
            ],
            rows=[
                [
                    str(n),
                    a.recipient + (f" ({a.recipient_unit.name})" if a.recipient_unit else ""),
                    a.achievement,
                ]
                for n, a in enumerate(awards, start=1)
            ],
        ),
        od.Paragraph(
            "Điều 2. Các tập thể, cá nhân có tên tại Điều 1 được khen thưởng theo quy định "
            "của pháp luật về thi đua, khen thưởng."
        ),
        od.Paragraph(
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng HĐND và UBND xã, các "
            "tập thể, cá nhân có tên tại Điều 1 và các cơ quan, đơn vị có liên quan chịu trách "
            "nhiệm thi hành Quyết định này./."
        ),
    ]
    number, _, symbol = decision.number.partition("/")
    return od.OfficialDocument(
        issuer=issuer,
        symbol=symbol.strip() or "QĐ-UBND",
        number=number.strip(),
        place=place,
        date=decision.signed_on,
        doc_type="Quyết định",
        subject=f"Về việc tặng {form[:1].lower()}{form[1:]}"
        if not decision.summary
        else decision.summary,
        blocks=blocks,
        recipients=["Như Điều 3", "Lưu: VT"],
        signer_authority=_signer(decision),
        signer_name=decision.signer_name,
    )


def decision_docx(decision: Decision, awards: list[Award]) -> HttpResponse:
    content = od.render_docx(decision_document(decision, awards))
    return download(content, od.DOCX_MIME, f"quyet-dinh-khen-thuong-{decision.pk}.docx")


def certificate_html(award: Award) -> str:
    decision = award.decision
    official = commune_official_name(decision.commune.name)
    return render_to_string(
        "commendations/certificate.html",
        {
            "award": award,
            "decision": decision,
            "authority": f"Chủ tịch Ủy ban nhân dân {official[:1].lower()}{official[1:]}",
            # "Giấy khen của Chủ tịch UBND xã" is headed "GIẤY KHEN"; a title keeps its name.
            "title": decision.form.name.split(" của ")[0],
            "place_date": od.place_date_line(commune_place_name(official), decision.signed_on),
            "signer": _signer(decision),
        },
    )


def certificate_pdf_bytes(award: Award) -> bytes:
    from weasyprint import HTML  # heavy: loaded when a certificate is printed

    return bytes(HTML(string=certificate_html(award)).write_pdf())


def certificate_pdf(award: Award) -> HttpResponse:
    return download(certificate_pdf_bytes(award), PDF_MIME, f"giay-khen-{award.pk}.pdf")
