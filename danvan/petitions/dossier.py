"""The file handed to verifiers (hồ sơ giao xác minh), and the commune as the issuer of documents.

Luật Tố cáo 2018 forbids revealing the name, address, handwriting or other information that
identifies a denouncer (Điều 8 khoản 3); the denouncer has the right to that secrecy (Điều 9
khoản 1 điểm b) and is a protected person (Điều 47). When a case is handed over for
verification, the body handling it strikes the denouncer's name, address, handwriting and other
personal information out of the letter and the evidence attached to it (Điều 56 khoản 2).

So the verifier's file never carries the identity, not even when the person who downloads it
holds an IdentityGrant: the grant lets that person *see* the identity, it does not let them pass
it on. The identity is decrypted only to find and strike it out of free text (petitions.redaction:
a denouncer often writes "Tôi là …" in the letter itself); nobody is shown it, so this is not a
reveal.
Attachments are listed under neutral names and are not bundled: a scanned letter carries the
denouncer's handwriting and signature, which no program can strike out reliably, so the handler
hands over paper copies after masking them by hand.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.template.defaultfilters import filesizeformat

from danvan.core.models import Attachment, User
from danvan.lib import officialdoc as od
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.redaction import redact_identity, sealed_identity

# What a document says wherever the denouncer would be named (Luật Tố cáo 2018, Điều 8).
PROTECTED_PARTY = "người tố cáo (danh tính được giữ bí mật theo Điều 8 Luật Tố cáo)"
SECRECY_LINE = (
    "Họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo đã được lược bỏ "
    "theo khoản 2 Điều 56 Luật Tố cáo năm 2018; không được tiết lộ (khoản 3 Điều 8)."
)

_MIME_LABELS = {
    "application/pdf": "PDF",
    "image/jpeg": "ảnh JPEG",
    "image/png": "ảnh PNG",
    "image/webp": "ảnh WEBP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
}


# --- the verifier's file ------------------------------------------------------------------


def petition_attachments(petition: Petition) -> list[Attachment]:
    owner_type = ContentType.objects.get_for_model(Petition)
    return list(
        Attachment.objects.filter(owner_type=owner_type, owner_id=petition.pk).order_by("pk")
    )


def neutral_name(n: int, attachment: Attachment) -> str:
    """A name that says nothing of its uploader: "Tài liệu 01 (PDF, 120,0 KB)".

    The file name a person gave ("don-to-cao-Nguyen-Van-An.pdf") may carry their name.
    """
    kind = _MIME_LABELS.get(attachment.mime_type, "tệp")
    return f"Tài liệu {n:02d} ({kind}, {filesizeformat(attachment.size)})"


def _yes_no(value: bool | None) -> str:
    return "chưa xác định" if value is None else ("có" if value else "không")


def dossier_document(petition: Petition, *, by: User, today: date) -> od.OfficialDocument:
    """The verifier's file of one case, with the denouncer struck out (Điều 56 khoản 2).

    For a complaint, recommendation or reflection the petitioner is a party to the case and is
    named; for a denunciation the identity and anything in the text that matches it is not.
    """
    p = petition
    protected = p.kind == PetitionKind.DENUNCIATION
    identity = sealed_identity(p)

    def clean(text: str) -> str:
        return redact_identity(text, identity)

    issuer, place, in_text = od.commune_issuer(p.commune.name)
    if protected:
        party = PROTECTED_PARTY[:1].upper() + PROTECTED_PARTY[1:]
    else:
        party = p.petitioner_name or "không ghi tên"
        if p.petitioner_address:
            party += f"; địa chỉ: {p.petitioner_address}"
    facts = [
        ("Số hồ sơ", p.code),
        ("Ngày nhận đơn", f"{p.received_on:%d/%m/%Y}"),
        ("Kênh tiếp nhận", p.get_channel_display()),
        ("Loại đơn", p.get_kind_display()),
        ("Lĩnh vực", p.get_topic_display()),
        ("Thôn, tổ dân phố", p.village.name if p.village else "—"),
        ("Người gửi đơn", party),
        ("Số người ký đơn", str(p.signatories)),
        ("Tình trạng", p.get_status_display()),
        ("Đơn vị, người xử lý", " – ".join(str(x) for x in (p.handling_unit, p.handler) if x)),
    ]
    blocks: list[od.Block] = []
    if protected:
        blocks.append(od.Paragraph(SECRECY_LINE, italic=True))
    blocks += [
        od.Heading("I. THÔNG TIN VỤ VIỆC"),
        od.Table(
            columns=[od.Column("Mục", 5.0), od.Column("Nội dung", 11.5)],
            rows=[(label, clean(value) or "—") for label, value in facts],
        ),
        od.Heading("II. NỘI DUNG ĐƠN"),
        od.Paragraph(f"Tóm tắt: {clean(p.subject)}"),
        od.Paragraph(clean(p.content) or "—"),
        od.Heading("III. PHÂN LOẠI"),
        od.Paragraph(
            f"Thuộc thẩm quyền: {_yes_no(p.competent)}; đủ điều kiện thụ lý: "
            f"{_yes_no(p.conditions_met)}; vụ việc phức tạp: {_yes_no(p.complex)}; đặc biệt "
            f"phức tạp: {_yes_no(p.very_complex)}; vùng sâu, vùng xa: {_yes_no(p.remote)}; "
            f"xác minh ở nhiều địa điểm: {_yes_no(p.several_places)}; nhạy cảm (dân tộc, tôn "
            f"giáo): {_yes_no(p.sensitive)}; đơn đông người: {_yes_no(p.multi_person)}."
        ),
        od.Heading("IV. QUÁ TRÌNH XỬ LÝ"),
    ]
    events = list(p.events.all())
    if events:
        blocks.append(
            od.Table(
                columns=[
                    od.Column("Ngày", 2.6, "center"),
                    od.Column("Bước", 4.0),
                    od.Column("Nội dung", 9.9),
                ],
                rows=[
                    (f"{e.on:%d/%m/%Y}", e.get_kind_display(), clean(e.note) or "—") for e in events
                ],
            )
        )
    else:
        blocks.append(od.Paragraph("Chưa có bước xử lý nào."))
    if p.due_on:
        blocks.append(od.Paragraph(f"Hạn xử lý bước hiện tại: {p.due_on:%d/%m/%Y}."))
        blocks += [od.Paragraph(f"- {clean(line)}") for line in p.due_explained or []]
    blocks.append(od.Heading("V. KẾT QUẢ, QUYẾT ĐỊNH"))
    decided = [clean(t) for t in (p.outcome, p.public_answer) if t.strip()]
    blocks += [od.Paragraph(t) for t in decided] or [od.Paragraph("Chưa có kết quả.")]
    blocks.append(od.Heading("VI. TÀI LIỆU KÈM THEO"))
    files = petition_attachments(p)
    if files:
        blocks += [od.Paragraph(f"- {neutral_name(n, f)}.") for n, f in enumerate(files, 1)]
        if protected:
            blocks.append(
                od.Paragraph(
                    "Các tài liệu trên được giao bằng bản sao đã che họ tên, địa chỉ, bút tích, "
                    "chữ ký của người tố cáo (khoản 2 Điều 56 Luật Tố cáo năm 2018).",
                    italic=True,
                )
            )
    else:
        blocks.append(od.Paragraph("Không có tài liệu kèm theo."))
    blocks.append(
        od.Paragraph(f"Hồ sơ gồm các nội dung trên, do {in_text} lập để giao xác minh./.")
    )
    return od.OfficialDocument(
        issuer=issuer,
        symbol="HS-UBND",
        place=place,
        date=today,
        doc_type="Hồ sơ giao xác minh",
        subject=f"Vụ việc số {p.code}: {p.get_kind_display().lower()}",
        blocks=blocks,
        recipients=["Người được giao xác minh", "Lưu: VT, hồ sơ vụ việc"],
        signer_authority=od.COMMUNE_SIGNER,
        author=by.get_full_name(),
    )


def dossier_docx(petition: Petition, *, by: User, today: date) -> bytes:
    return od.render_docx(dossier_document(petition, by=by, today=today))
