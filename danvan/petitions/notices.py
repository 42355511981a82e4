"""Notices of a petition as .docx in the official layout (NĐ 30/2020/NĐ-CP, Phụ lục I).

Five documents, each a step the law asks the commune to put in writing:

- thông báo thụ lý: to the petitioner or denouncer once the case is accepted (Luật Tố cáo 2018,
  Điều 9 khoản 1 điểm c and Điều 29 khoản 3; Luật Khiếu nại 2011, Điều 27);
- thông báo không thụ lý, with the reason (the same articles);
- phiếu chuyển đơn: to the competent body (Luật Tố cáo 2018, Điều 24 khoản 2);
- phiếu hướng dẫn: tells the petitioner which body is competent;
- thông báo cho người bị tố cáo: the content of an accepted denunciation (Điều 29 khoản 3).

Who may be named. A complaint, recommendation or reflection names its sender, as the reception
register does. A denouncer is named only in a notice addressed to the denouncer and only when the
person generating it holds an IdentityGrant on the case; the view then reveals the identity
through services.identity_reveal, so the reveal is logged. A document for ANY other party (the
forwarding slip, the notice to the denounced person) never names the denouncer and says
"người tố cáo (danh tính được giữ bí mật theo Điều 8 Luật Tố cáo)" instead (Điều 8 khoản 3,
Điều 47); anything in the petition's text that matches the identity is struck out (Điều 56).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from danvan.core.deadlines import rule_or_none
from danvan.core.models import User
from danvan.lib import officialdoc as od
from danvan.petitions.dossier import PROTECTED_PARTY
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.redaction import redact_identity, sealed_identity
from danvan.petitions.services import first_step

BLANK = "…" * 20  # room to write by hand
TC_NOTIFY = "Luật Tố cáo năm 2018, điểm c khoản 1 Điều 9 và khoản 3 Điều 29"
TC_DENOUNCED = "Luật Tố cáo năm 2018, khoản 3 Điều 29"


@dataclass(frozen=True)
class NoticeKind:
    slug: str
    label: str
    doc_type: str
    symbol: str
    to_denouncer: bool  # addressed to the petitioner (who may be a protected denouncer)
    asks: str = ""  # "reason": why not accepted; "to": the body or person it goes to


KINDS: dict[str, NoticeKind] = {
    k.slug: k
    for k in (
        NoticeKind("thu-ly", "Thông báo thụ lý", "Thông báo", "TB-UBND", True),
        NoticeKind(
            "khong-thu-ly", "Thông báo không thụ lý", "Thông báo", "TB-UBND", True, "reason"
        ),
        NoticeKind("chuyen-don", "Phiếu chuyển đơn", "Phiếu chuyển đơn", "PC-UBND", False, "to"),
        NoticeKind("huong-dan", "Phiếu hướng dẫn", "Phiếu hướng dẫn", "HD-UBND", True, "to"),
        NoticeKind(
            "nguoi-bi-to-cao",
            "Thông báo cho người bị tố cáo",
            "Thông báo",
            "TB-UBND",
            False,
            "to",
        ),
    )
}


def kinds_for(petition: Petition) -> list[NoticeKind]:
    """The notices that make sense for this kind of petition (the denounced exist only in a
    denunciation)."""
    protected = petition.kind == PetitionKind.DENUNCIATION
    return [k for k in KINDS.values() if protected or k.slug != "nguoi-bi-to-cao"]


def unavailable(petition: Petition, kind: NoticeKind) -> str | None:
    """Why this notice does not fit the case now, in Vietnamese; None when it does."""
    p = petition
    if kind not in kinds_for(p):
        return "Thông báo cho người bị tố cáo chỉ lập cho đơn tố cáo."
    if kind.slug in ("thu-ly", "nguoi-bi-to-cao") and not p.accepted_on:
        return f"Đơn chưa được thụ lý: chưa thể lập {kind.label[:1].lower()}{kind.label[1:]}."
    if kind.slug in ("khong-thu-ly", "chuyen-don", "huong-dan") and p.accepted_on:
        return (
            f"Đơn đã được thụ lý ngày {p.accepted_on:%d/%m/%Y}: không lập "
            f"{kind.label.lower()} cho đơn này."
        )
    return None


def _source(procedure: str, step: str, on: date) -> str | None:
    """The article of the rule in force (core.deadlines, the cached rule table), if any."""
    rule = rule_or_none(procedure, step, on)
    return rule.source if rule else None


def legal_basis(petition: Petition, kind: NoticeKind) -> list[str]:
    """The article that governs the step, from the rule table (DeadlineRule.source) where the
    step has a time limit, otherwise the article on notifying."""
    p = petition
    if p.kind == PetitionKind.DENUNCIATION:
        if kind.slug == "nguoi-bi-to-cao":
            return [TC_DENOUNCED]
        if kind.slug in ("thu-ly", "khong-thu-ly"):
            return [TC_NOTIFY]
        step = "chuyen-don" if kind.slug == "chuyen-don" else "xu-ly-ban-dau"
        source = _source("to-cao", step, p.received_on)
        return [source] if source else ["Luật Tố cáo năm 2018, Điều 24"]
    procedure, step = first_step(p)
    source = _source(procedure, step, p.received_on)
    return [source] if source else []


SECRECY_PROMISE = (
    "Họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo được giữ bí mật "
    "theo khoản 3 Điều 8 và điểm b khoản 1 Điều 9 Luật Tố cáo năm 2018."
)


def _due_line(p: Petition) -> list[str]:
    """The resolution's time limit and its article, while one runs (else nothing)."""
    if not (p.due_on and p.step == "giai-quyet" and p.step_started_on):
        return []
    source = _source(p.procedure, p.step, p.step_started_on)
    line = f"Thời hạn giải quyết: đến hết ngày {p.due_on:%d/%m/%Y}"
    return [line + (f" (theo {source})." if source else ".")]


def notice_document(
    petition: Petition,
    kind: NoticeKind,
    *,
    by: User,
    today: date,
    identity: dict[str, str] | None = None,
    reason: str = "",
    to: str = "",
) -> od.OfficialDocument:
    """One notice of `kind`, ready for officialdoc.render_docx.

    `identity` is the denouncer's, given only by a view that revealed it to a grant holder for
    a notice addressed to the denouncer; it is ignored for every other kind of notice.
    """
    p = petition
    protected = p.kind == PetitionKind.DENUNCIATION
    if not (protected and kind.to_denouncer):
        identity = None
    # The identity is struck out of everything written here unless the notice names it anyway.
    hidden = sealed_identity(p) if protected and identity is None else None

    def clean(text: str) -> str:
        return redact_identity(" ".join(text.split()), hidden)

    issuer, place, in_text = od.commune_issuer(p.commune.name)
    kind_text = f"đơn {p.get_kind_display().lower()}"
    if protected and identity is None:
        party, you, addressee = PROTECTED_PARTY, "người tố cáo", _capital(PROTECTED_PARTY)
    else:
        who = identity or {
            "name": p.petitioner_name,
            "address": p.petitioner_address,
        }
        name = (who.get("name") or "").strip()
        party = f"ông/bà {name}" if name else "người gửi đơn (không ghi tên)"
        if (who.get("address") or "").strip():
            party += f", địa chỉ: {who['address'].strip()}"
        you = "ông/bà" if name else "người gửi đơn"
        addressee = f"Ông/Bà {name}" if name else "Người gửi đơn"
    to = clean(to) or BLANK
    received = (
        f"Ngày {p.received_on:%d/%m/%Y}, {in_text} nhận được {kind_text} của {party} "
        f"(hồ sơ số {p.code}), nội dung: {clean(p.subject)}."
    )
    basis = [f"Căn cứ {b};" for b in legal_basis(p, kind)]
    closing = f"{_capital(in_text)} thông báo để {you} biết./."
    promise = [SECRECY_PROMISE] if protected else []
    subject = ""
    recipients = ["Như trên", "Lưu: VT, hồ sơ"]
    lines: list[str]
    if kind.slug == "thu-ly":
        subject = f"Về việc thụ lý giải quyết {kind_text}"
        lines = [
            f"Kính gửi: {addressee}.",
            *basis,
            received,
            f"Xét thấy đơn đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết, ngày "
            f"{p.accepted_on:%d/%m/%Y} {in_text} đã thụ lý giải quyết.",
            *_due_line(p),
            f"Mã tra cứu tình trạng giải quyết trên Cổng thông tin của xã: {p.tracking_code}.",
            *promise,
            closing,
        ]
    elif kind.slug == "khong-thu-ly":
        subject = f"Về việc không thụ lý giải quyết {kind_text}"
        why = clean(reason) or _refusal_reason(p) or BLANK
        lines = [
            f"Kính gửi: {addressee}.",
            *basis,
            received,
            f"Sau khi xem xét, {in_text} không thụ lý giải quyết đơn, với lý do: "
            f"{why.rstrip('.')}.",
            *promise,
            closing,
        ]
    elif kind.slug == "chuyen-don":
        lines = [
            f"Kính gửi: {to}.",
            received,
            *basis,
            f"Xét thấy nội dung đơn không thuộc thẩm quyền giải quyết của {in_text}, "
            f"{in_text} chuyển đơn đến {to} để xem xét, giải quyết theo thẩm quyền.",
        ]
        if protected:
            lines.append(
                "Thông tin về người tố cáo được quản lý theo chế độ mật và không được tiết "
                "lộ (khoản 3 Điều 8, khoản 1 Điều 56 Luật Tố cáo năm 2018); khi cần làm "
                f"việc với người tố cáo, đề nghị liên hệ {in_text}."
            )
        lines.append(f"Đề nghị {to} thông báo kết quả xử lý cho {in_text} biết./.")
        informed = "Người tố cáo" if protected else addressee
        recipients = ["Như trên", f"{informed} (để biết)", "Lưu: VT, hồ sơ"]
    elif kind.slug == "huong-dan":
        lines = [
            f"Kính gửi: {addressee}.",
            received,
            *basis,
            f"Nội dung đơn không thuộc thẩm quyền giải quyết của {in_text}. Đề nghị {you} "
            f"gửi đơn đến {to} để được xem xét, giải quyết theo quy định của pháp luật./.",
        ]
    else:  # nguoi-bi-to-cao
        subject = "Về nội dung tố cáo"
        lines = [
            f"Kính gửi: {to}.",
            *basis,
            f"Ngày {p.accepted_on:%d/%m/%Y}, {in_text} đã thụ lý giải quyết tố cáo của "
            f"{PROTECTED_PARTY} (hồ sơ số {p.code}), nội dung: {clean(p.subject)}.",
            *_due_line(p),
            f"{_capital(in_text)} thông báo để người bị tố cáo biết, có văn bản giải trình "
            "và cung cấp thông tin, tài liệu liên quan đến nội dung tố cáo./.",
        ]
    return od.OfficialDocument(
        issuer=issuer,
        symbol=kind.symbol,
        place=place,
        date=today,
        doc_type=kind.doc_type,
        subject=subject,
        blocks=[od.Paragraph(line) for line in lines],
        recipients=recipients,
        signer_authority=od.COMMUNE_SIGNER,
        author=by.get_full_name(),
    )


def _refusal_reason(p: Petition) -> str:
    if p.competent is False:
        return "nội dung đơn không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã"
    if p.conditions_met is False:
        return "đơn không đủ điều kiện thụ lý theo quy định của pháp luật"
    return ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
