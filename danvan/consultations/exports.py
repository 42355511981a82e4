"""The comments as .xlsx and the synthesis report as .docx in the official layout.

The .xlsx carries every comment with the name of whoever gave one, hidden ones included with
their reason: it is for those who manage the consultation. The .docx is the report the law
asks the commune to make of what it accepted and why it did not (Luật THDCCS 2022, Điều 25–26):
it names nobody except commenters who asked for their name to be public.
Text typed by citizens goes into cells guarded against formula injection (lib.spreadsheet).
"""

from __future__ import annotations

from datetime import date

from danvan.consultations import selectors
from danvan.consultations.models import Comment, Consultation, Decision
from danvan.core.models import User
from danvan.lib import officialdoc as od
from danvan.lib.spreadsheet import BOLD, FONT, Book

COLUMNS = [
    ("STT", 6),
    ("Điều, mục", 24),
    ("Nội dung ý kiến", 50),
    ("Hình thức", 18),
    ("Hội nghị, nguồn", 24),
    ("Thôn", 16),
    ("Số người đồng tình", 11),
    ("Ngày nhận", 12),
    ("Người góp ý", 18),
    ("Công khai tên", 9),
    ("Nhóm", 20),
    ("Tiếp thu", 16),
    ("Giải trình", 40),
    ("Ẩn (lý do)", 24),
]
TALLY_COLUMNS = [
    ("Điều, mục", 40),
    ("Số ý kiến", 14),
    ("Số người đồng tình", 14),
    ("Tiếp thu", 14),
    ("Tiếp thu một phần", 14),
    ("Không tiếp thu", 14),
    ("Chưa trả lời", 14),
]


def _row(n: int, x: Comment) -> list[object]:
    decision, explanation = x.answer
    return [
        n,
        x.point.heading if x.point_id and x.point else "Ý kiến chung",
        x.text,
        x.channel.name,
        x.source,
        x.village.name if x.village_id and x.village else "",
        x.people,
        x.received_on,
        x.author_name,
        "Có" if x.show_name else "Không",
        str(x.group) if x.group_id else "",
        str(Decision(decision).label) if decision else "Chưa trả lời",
        explanation,
        x.hidden_reason if x.hidden else "",
    ]


def comments_xlsx(c: Consultation) -> bytes:
    """Sheet "Ý kiến": every comment (row 5 on); sheet "Theo điều": the counts per point."""
    book = Book(f"Ý kiến góp ý: {c.title}"[:250])
    period = (
        f"Thời gian lấy ý kiến: {c.opens_on:%d/%m/%Y} – {c.closes_on:%d/%m/%Y}"
        if c.opens_on and c.closes_on
        else "Chưa đặt thời gian lấy ý kiến"
    )
    sheet = book.sheet(
        "Ý kiến",
        title=f"TỔNG HỢP Ý KIẾN GÓP Ý: {c.title.upper()}",
        subtitle=f"{c.commune.name} · Chủ trì: {c.lead_unit.name} · {period}",
    )
    sheet.header(COLUMNS)
    sheet.rows(_row(n, x) for n, x in enumerate(selectors.comments_of(c, hidden=True), start=1))

    tally = book.sheet("Theo điều")
    tally.header(TALLY_COLUMNS)
    rows = selectors.tallies(c)
    total = selectors.totals(rows)
    for t in [*rows, total]:
        values = [t.heading, t.count, t.people, t.accepted, t.partly, t.rejected, t.unanswered]
        tally.row(values, font=BOLD if t is total else FONT)
    return book.to_bytes()


# --- the synthesis report ---------------------------------------------------------------------


def _answer_text(x: Comment) -> str:
    decision, explanation = x.answer
    if not decision:
        return "Chưa trả lời"
    label = str(Decision(decision).label)
    return f"{label}: {explanation}" if explanation else label


def _comment_text(x: Comment) -> str:
    who = [x.channel.name]
    if x.village_id and x.village:
        who.append(x.village.name)
    if x.public_name:
        who.append(x.public_name)
    return f"{x.text} ({'; '.join(who)})"


def _matter_text(c: Consultation) -> str:
    """The matter as the law numbers it (Điều 25), or the other matter written out."""
    m = c.matter
    if m is not None and m.item:
        return f"nội dung quy định tại khoản {m.item} Điều 25 của Luật: {m.name[:1].lower()}{m.name[1:]}"
    return f"nội dung: {c.matter_label}"


def _forms_text(c: Consultation) -> str:
    """The forms chosen, each with its point of Điều 26 khoản 1."""
    return "; ".join(
        f"{ch.name[:1].lower()}{ch.name[1:]} (điểm {ch.point} khoản 1 Điều 26)"
        if ch.point
        else ch.name
        for ch in c.channels.order_by("order", "pk")
    )


def synthesis_document(c: Consultation, *, by: User, today: date) -> od.OfficialDocument:
    issuer, place, in_text = od.commune_issuer(c.commune.name)
    rows = selectors.tallies(c)
    total = selectors.totals(rows)
    period = (
        f"từ ngày {c.opens_on:%d/%m/%Y} đến hết ngày {c.closes_on:%d/%m/%Y}"
        if c.opens_on and c.closes_on
        else ""
    )
    audience = (
        "Nhân dân trên địa bàn toàn xã"
        if c.whole_commune
        else "Nhân dân các thôn: " + ", ".join(v.name for v in c.villages.order_by("name"))
    )
    blocks: list[od.Block] = [
        od.Paragraph(
            f"Căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022 (Điều 25, Điều 26, Điều 28); "
            f"{in_text} đã tổ chức lấy ý kiến {audience.lower()} đối với {c.title}, thuộc "
            f"{_matter_text(c)}."
        ),
        od.Heading("I. KHÁI QUÁT VIỆC LẤY Ý KIẾN"),
        od.Paragraph(f"1. Thời gian: {period}." if period else "1. Thời gian: chưa xác định."),
        od.Paragraph(f"2. Hình thức: {_forms_text(c)}."),
        od.Paragraph(f"3. Đơn vị chủ trì: {c.lead_unit.name}."),
        od.Paragraph(
            f"4. Kết quả: nhận được {total.count} ý kiến với {total.people} lượt người đồng tình; "
            f"tiếp thu {total.accepted}, tiếp thu một phần {total.partly}, không tiếp thu "
            f"{total.rejected}"
            + (f", chưa trả lời {total.unanswered}" if total.unanswered else "")
            + "."
        ),
        od.Heading("II. TỔNG HỢP THEO TỪNG ĐIỀU, MỤC"),
        od.Table(
            columns=[
                od.Column("Điều, mục", 5.5),
                od.Column("Số ý kiến", 2.2, "center"),
                od.Column("Số người", 2.2, "center"),
                od.Column("Tiếp thu", 2.2, "center"),
                od.Column("Một phần", 2.2, "center"),
                od.Column("Không", 2.2, "center"),
            ],
            rows=[
                [
                    t.heading,
                    str(t.count),
                    str(t.people),
                    str(t.accepted),
                    str(t.partly),
                    str(t.rejected),
                ]
                for t in [*rows, total]
            ],
        ),
        od.Heading("III. Ý KIẾN VÀ VIỆC TIẾP THU, GIẢI TRÌNH"),
    ]
    for t in rows:
        if not t.comments:
            continue
        blocks.append(od.Heading(t.heading, level=2))
        blocks.append(
            od.Table(
                columns=[
                    od.Column("STT", 1.2, "center"),
                    od.Column("Ý kiến", 7.0),
                    od.Column("Số người", 1.8, "center"),
                    od.Column("Tiếp thu, giải trình", 6.3),
                ],
                rows=[
                    [str(n), _comment_text(x), str(x.people), _answer_text(x)]
                    for n, x in enumerate(t.comments, start=1)
                ],
            )
        )
    if not total.count:
        blocks.append(od.Paragraph("Không nhận được ý kiến nào trong thời gian lấy ý kiến."))
    if c.synthesis:
        blocks += [od.Heading("IV. KẾT QUẢ CHUNG"), od.Paragraph(c.synthesis)]
    blocks.append(
        od.Paragraph(
            f"Trên đây là báo cáo tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân của {in_text}./."
        )
    )
    return od.OfficialDocument(
        issuer=issuer,
        symbol="BC-UBND",
        place=place,
        date=c.published_on or today,
        doc_type="Báo cáo",
        subject=f"Tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân đối với {c.title}",
        blocks=blocks,
        recipients=[
            "Thường trực Đảng ủy xã",
            "Thường trực HĐND xã",
            "Ủy ban MTTQ Việt Nam xã",
            "Các thôn, tổ dân phố",
            "Lưu: VT",
        ],
        signer_authority=od.COMMUNE_SIGNER,
        author=by.get_full_name(),
    )


def synthesis_docx(c: Consultation, *, by: User, today: date) -> bytes:
    return od.render_docx(synthesis_document(c, by=by, today=today))
