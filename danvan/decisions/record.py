"""The decision record (.docx) in the official layout (NĐ 30/2020/NĐ-CP, Phụ lục I).

What it says follows Luật THDCCS 2022, Điều 20 khoản 2 and the form of NĐ 59/2023/NĐ-CP, Mẫu
số 03 (nghị quyết/biên bản cuộc họp của cộng đồng dân cư): the matter decided and its item of
Điều 15; the form of the vote; when and where; who convened it; the households of the village,
those represented; the votes for, against and invalid with their share of ALL households; the
threshold of Điều 21 khoản 1 (and for a commune-wide matter, the count of villages) and the
result; when it takes effect or who recognises it (Điều 21 khoản 2), the recognition or the
written refusal with its reasons; the responsibility to carry it out. A village matter is
the village's record (headed by its commune's People's Committee and the village, Mẫu 03); a
commune-wide matter is the commune's summary with one row per village.
"""

from __future__ import annotations

from datetime import date

from danvan.decisions.models import CommunityDecision, Meeting, Recognizer
from danvan.decisions.rules import percent
from danvan.lib import officialdoc as od
from danvan.lib.text import commune_official_name, commune_place_name


def record_document(decision: CommunityDecision, *, today: date) -> od.OfficialDocument:
    d = decision
    item = d.item
    commune_name = commune_official_name(d.commune.name)
    place = commune_place_name(d.commune.name)
    meetings: list[Meeting] = list(
        d.meetings.select_related("village", "tally").order_by("village__name")
    )
    village_scope = d.scope == CommunityDecision.Scope.VILLAGE
    blocks: list[od.Block] = [
        od.Paragraph(f"Căn cứ {item.item_source};"),
        od.Paragraph(f"Căn cứ {item.threshold_source};"),
        od.Heading("I. NỘI DUNG ĐƯA RA BÀN VÀ QUYẾT ĐỊNH"),
        od.Paragraph(f"{d.title} (khoản {item.number} Điều 15: {item.name})."),
        od.Paragraph(d.content),
        od.Paragraph(f"Hình thức: {d.get_form_display()}."),
        od.Heading("II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"),
    ]
    for m in meetings:
        when = f"ngày {m.held_on:%d/%m/%Y}" + (
            f" đến ngày {m.ballot_until:%d/%m/%Y}" if m.ballot_until else ""
        )
        blocks.append(
            od.Paragraph(
                f"{m.village.name}: {when}, tại {m.place}; thông báo ngày {m.notice_on:%d/%m/%Y}; "
                f"người triệu tập, chủ trì: {m.convened_by}."
            )
        )
    blocks.append(od.Heading("III. KẾT QUẢ BIỂU QUYẾT"))
    rows = []
    for m in meetings:
        t = getattr(m, "tally", None)
        if t is None:
            rows.append([m.village.name, "", "", "", "", "", "Chưa có kết quả"])
            continue
        rows.append(
            [
                m.village.name,
                str(t.households),
                str(t.present),
                f"{t.agree} ({percent(t.agree, t.households)})",
                str(t.disagree),
                str(t.invalid),
                "Thông qua" if t.passed else "Không thông qua",
            ]
        )
    blocks.append(
        od.Table(
            columns=[
                od.Column("Thôn", 3.2),
                od.Column("Tổng số hộ", 1.9, "center"),
                od.Column("Số hộ tham gia", 2.0, "center"),
                od.Column("Tán thành (tỷ lệ trên tổng số hộ)", 2.9, "center"),
                od.Column("Không tán thành", 2.0, "center"),
                od.Column("Không hợp lệ", 1.8, "center"),
                od.Column("Kết quả", 2.6, "center"),
            ],
            rows=rows,
        )
    )
    blocks.append(
        od.Paragraph(
            f"Ngưỡng thông qua ở mỗi thôn: {item.threshold_text} tổng số hộ gia đình "
            f"({item.threshold_source})."
        )
    )
    if not village_scope and item.commune_wide_rule:
        blocks.append(
            od.Paragraph(
                f"Toàn xã: {item.get_commune_wide_rule_display().lower()} "
                f"({item.commune_wide_source})."
            )
        )
    for line in d.outcome_text.splitlines():
        blocks.append(od.Paragraph(line))
    blocks.append(od.Heading("IV. KẾT LUẬN VÀ TỔ CHỨC THỰC HIỆN"))
    verdict = "Chưa đủ kết quả biểu quyết của các thôn."
    if d.outcome == CommunityDecision.Outcome.PASSED:
        verdict = "Nội dung trên ĐƯỢC THÔNG QUA."
    elif d.outcome == CommunityDecision.Outcome.REJECTED:
        verdict = "Nội dung trên KHÔNG ĐƯỢC THÔNG QUA."
    blocks.append(od.Paragraph(verdict))
    if item.recognizer:
        effect = (
            f"{Recognizer(item.recognizer).label} xem xét công nhận; trường hợp không công nhận "
            "thì trả lời bằng văn bản và nêu rõ lý do"
        )
    elif village_scope:
        effect = "quyết định có hiệu lực từ ngày cộng đồng dân cư biểu quyết thông qua"
    else:
        effect = (
            "thời điểm có hiệu lực do Ủy ban nhân dân xã quyết định trên cơ sở tổng hợp kết quả "
            "biểu quyết của các thôn"
        )
    blocks.append(
        od.Paragraph(
            "Quyết định được gửi đến Ủy ban nhân dân xã và Ủy ban Mặt trận Tổ quốc Việt Nam xã"
            + (f" (hạn gửi {d.send_due:%d/%m/%Y})" if d.send_due else "")
            + f"; {effect} ({item.recognizer_source})."
        )
    )
    blocks.append(
        od.Paragraph(
            "Trưởng thôn chủ trì, phối hợp với Ban công tác Mặt trận thôn tổ chức thực hiện "
            "quyết định của cộng đồng dân cư./."
        )
    )
    if d.recognised_on:
        act = "Đã được công nhận" if item.recognizer else "Ủy ban nhân dân xã quyết định"
        note = f" ({d.recognition_note})" if d.recognition_note else ""
        blocks.append(od.Paragraph(f"{act} ngày {d.recognised_on:%d/%m/%Y}{note}.", italic=True))
    if d.effective_on:
        blocks.append(od.Paragraph(f"Có hiệu lực từ ngày {d.effective_on:%d/%m/%Y}.", italic=True))
    if d.refused_on:
        blocks.append(
            od.Paragraph(
                f"{Recognizer(item.recognizer).label} không công nhận (văn bản trả lời ngày "
                f"{d.refused_on:%d/%m/%Y}). Lý do: {d.refusal_reasons}",
                italic=True,
            )
        )
    if village_scope and meetings:
        village = meetings[0].village.name
        return od.OfficialDocument(
            superior=f"Ủy ban nhân dân {commune_name}",
            issuer=village,
            symbol="BB",
            place=place,
            date=meetings[0].vote_day,
            doc_type="Biên bản cuộc họp của cộng đồng dân cư",
            subject=f"Về việc {d.title[:1].lower()}{d.title[1:]}",
            blocks=blocks,
            recipients=["UBND xã", "UBMTTQ Việt Nam xã", "Lưu: thôn"],
            signer_authority=["CHỦ TRÌ CUỘC HỌP"],
            signer_name=meetings[0].convened_by,
        )
    return od.OfficialDocument(
        issuer=od.commune_issuer(d.commune.name)[0],
        symbol="BB-UBND",
        place=place,
        date=d.voted_until or today,
        doc_type="Biên bản",
        subject=f"Tổng hợp kết quả Nhân dân bàn và quyết định về {d.title[:1].lower()}{d.title[1:]}",
        blocks=blocks,
        recipients=["UBMTTQ Việt Nam xã", "Các thôn", "Lưu: VT"],
        signer_authority=od.COMMUNE_SIGNER,
    )


def record_docx(decision: CommunityDecision, *, today: date) -> bytes:
    return od.render_docx(record_document(decision, today=today))
