"""The minutes of a dialogue (.docx) in the layout of Nghị định 30/2020/NĐ-CP (lib.officialdoc).

The minutes name those who asked when the recorder wrote their names: they go to those who
record dialogues only (views.minutes, by POST, logged), never to the portal.
"""

from __future__ import annotations

from danvan.dialogues.models import Dialogue
from danvan.lib import officialdoc as od


def minutes_document(d: Dialogue) -> od.OfficialDocument:
    issuer, place, committee = od.commune_issuer(d.commune.name)
    when = f"{d.starts_at:%H giờ %M}, " if d.starts_at else ""
    blocks: list[od.Block] = [
        od.Paragraph(
            f"Vào {when}ngày {d.held_on:%d/%m/%Y}, tại {d.place}, {committee}"
            + (f" phối hợp với {d.co_organiser.name}" if d.co_organiser else "")
            + f" tổ chức {d.title[:1].lower()}{d.title[1:]}."
        ),
        od.Heading("I. THÀNH PHẦN"),
        od.Paragraph(f"Chủ trì: {d.chairs}."),
    ]
    if d.officials_present:
        blocks.append(od.Paragraph(f"Lãnh đạo, cán bộ dự: {d.officials_present}"))
    if d.invited:
        blocks.append(od.Paragraph(f"Thành phần mời: {d.invited}"))
    counts = list(d.village_counts.select_related("village"))
    total = d.attendance_total if d.attendance_total is not None else "…"
    blocks.append(od.Paragraph(f"Tổng số người dự: {total} người."))
    if counts:
        blocks.append(
            od.Table(
                columns=[od.Column("Thôn", 10.0), od.Column("Số người dự", 4.0, "center")],
                rows=[[c.village.name, str(c.people)] for c in counts],
            )
        )
    blocks.append(od.Heading("II. NỘI DUNG"))
    blocks.append(od.Paragraph(d.topic))
    for n, item in enumerate(d.agenda_items, 1):
        blocks.append(od.Paragraph(f"{n}. {item}"))
    blocks.append(od.Heading("III. Ý KIẾN CỦA NHÂN DÂN VÀ TRẢ LỜI TẠI HỘI NGHỊ"))
    questions = list(d.questions.select_related("village"))
    for q in questions:
        who = ", ".join(x for x in (q.asker_name, q.village.name if q.village else "") if x)
        blocks.append(od.Heading(f"Ý kiến {q.number}" + (f" ({who})" if who else ""), level=2))
        blocks.append(od.Paragraph(q.text))
        if q.answer:
            blocks.append(od.Paragraph(f"Trả lời ({q.answered_by}): {q.answer}"))
        else:
            blocks.append(od.Paragraph("Chưa trả lời tại hội nghị.", italic=True))
    if not questions:
        blocks.append(od.Paragraph("Không có ý kiến.", italic=True))
    commitments = list(d.commitments.select_related("owner_unit"))
    if commitments:
        blocks.append(od.Heading("IV. CÁC CAM KẾT TẠI HỘI NGHỊ"))
        blocks.append(
            od.Table(
                columns=[
                    od.Column("TT", 1.0, "center"),
                    od.Column("Cam kết", 7.5),
                    od.Column("Đơn vị, người thực hiện", 5.0),
                    od.Column("Thời hạn", 2.5, "center"),
                ],
                rows=[
                    [
                        str(n),
                        c.title,
                        c.owner_unit.name + (f" ({c.owner_person})" if c.owner_person else ""),
                        f"{c.due_on:%d/%m/%Y}",
                    ]
                    for n, c in enumerate(commitments, 1)
                ],
            )
        )
    blocks.append(
        od.Paragraph(
            f"Hội nghị kết thúc ngày {d.held_on:%d/%m/%Y}. Biên bản đã được đọc lại cho những "
            "người dự hội nghị cùng nghe./."
        )
    )
    return od.OfficialDocument(
        issuer=issuer,
        symbol="BB-UBND",
        place=place,
        date=d.held_on,
        doc_type="Biên bản",
        subject=f"{d.title}",
        blocks=blocks,
        recipients=["Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã", "Các thôn", "Lưu: VT"],
        signer_authority=["CHỦ TRÌ HỘI NGHỊ"],
    )


def minutes_docx(d: Dialogue) -> bytes:
    return od.render_docx(minutes_document(d))
