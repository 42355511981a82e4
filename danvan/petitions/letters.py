"""The answer letter to the citizen: the signed conclusion or decision of an accepted case, as
.docx in the official layout (lib/officialdoc, NĐ 30/2020/NĐ-CP, Phụ lục I).

It is made only once a leader of the commune has signed the result off (services.petition_
sign_off, or a leader's own petition_resolve), and carries what the case holds: the commune as
issuer, the kind of petition, when it was received and accepted, its subject, the conclusion
signed, the legal basis the handler wrote (one line each), and as signer the leader who signed
it — their name as their account holds it today and the authority of their position (a
vice-chairman signs "KT. CHỦ TỊCH"), never a name written into the code or the seed.

A denunciation's letter never names the denouncer (Luật Tố cáo 2018, Điều 8 khoản 3): it is
addressed to "người tố cáo" and everything taken from the case is struck of the identity sealed
in the vault (petitions.redaction); the office puts the address on the envelope from the vault,
through a logged reveal, as for any other notice.
"""

from __future__ import annotations

from typing import cast

from danvan.core.errors import DomainError
from danvan.core.models import User
from danvan.lib import officialdoc as od
from danvan.lib.text import fold
from danvan.petitions.dossier import PROTECTED_PARTY
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.notices import SECRECY_PROMISE
from danvan.petitions.redaction import redact_identity, sealed_identity

SYMBOL = "TB-UBND"
VICE_CHAIRMAN_SIGNER = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
SUBJECTS = {
    PetitionKind.COMPLAINT: "Về kết quả giải quyết khiếu nại",
    PetitionKind.DENUNCIATION: "Về kết quả giải quyết tố cáo",
    PetitionKind.RECOMMENDATION: "Về việc trả lời kiến nghị",
    PetitionKind.REFLECTION: "Về việc trả lời phản ánh",
}


def unavailable(petition: Petition) -> str | None:
    """Why the letter cannot be made now, in Vietnamese; None when it can."""
    if petition.status != Petition.Status.RESOLVED or petition.signed_off_by_id is None:
        return "Chỉ lập văn bản trả lời khi kết quả giải quyết đã được lãnh đạo UBND xã ký duyệt."
    return None


def signer_authority(signer: User) -> list[str]:
    """The signing block's title for the leader who signed: a vice-chairman signs on the
    chairman's behalf ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", NĐ 30/2020/NĐ-CP, Phụ lục I, Mục II.7),
    anybody else as the commune's chairman."""
    if fold(signer.position).startswith("pho chu tich"):
        return list(VICE_CHAIRMAN_SIGNER)
    return list(od.COMMUNE_SIGNER)


def basis_lines(legal_basis: str) -> list[str]:
    """ "Căn cứ …;" for each line of the handler's legal basis, however it was typed."""
    lines = []
    for raw in legal_basis.splitlines():
        line = " ".join(raw.split()).strip(" -–•;.")
        if line.lower().startswith("căn cứ"):
            line = line[len("căn cứ") :].strip(" :")
        if line:
            lines.append(f"Căn cứ {line};")
    return lines


def letter_document(petition: Petition, *, by: User) -> od.OfficialDocument:
    """The letter, ready for officialdoc.render_docx; dated the day the result was signed."""
    p = petition
    signer, signed_on = cast(User | None, p.signed_off_by), p.closed_on
    problem = unavailable(p)
    if problem or signer is None or signed_on is None:
        raise DomainError(problem or "Đơn chưa có ngày ký kết quả giải quyết.")
    protected = p.kind == PetitionKind.DENUNCIATION
    hidden = sealed_identity(p) if protected else None

    def clean(text: str) -> str:
        return redact_identity(" ".join(text.split()), hidden)

    issuer, place, in_text = od.commune_issuer(p.commune.name)
    kind_text = f"đơn {p.get_kind_display().lower()}"
    if protected:
        party, you, addressee = PROTECTED_PARTY, "người tố cáo", _capital(PROTECTED_PARTY)
    else:
        name = p.petitioner_name.strip()
        party = f"ông/bà {name}" if name else "người gửi đơn (không ghi tên)"
        if p.petitioner_address.strip():
            party += f", địa chỉ: {p.petitioner_address.strip()}"
        you = "ông/bà" if name else "người gửi đơn"
        addressee = f"Ông/Bà {name}" if name else "Người gửi đơn"
    lines = [
        f"Kính gửi: {addressee}.",
        *basis_lines(redact_identity(p.legal_basis, hidden)),
        f"Ngày {p.received_on:%d/%m/%Y}, {in_text} nhận được {kind_text} của {party} "
        f"(hồ sơ số {p.code}), nội dung: {clean(p.subject)}.",
    ]
    if p.accepted_on:
        lines.append(f"Ngày {p.accepted_on:%d/%m/%Y}, {in_text} đã thụ lý giải quyết.")
    lines.append(f"Sau khi xem xét, {in_text} trả lời như sau:")
    lines += [clean(line) for line in p.outcome.splitlines() if line.strip()]
    lines.append(f"Mã tra cứu tình trạng giải quyết trên Cổng thông tin của xã: {p.tracking_code}.")
    if protected:
        lines.append(SECRECY_PROMISE)
    lines.append(f"{_capital(in_text)} thông báo để {you} biết./.")
    return od.OfficialDocument(
        issuer=issuer,
        symbol=SYMBOL,
        place=place,
        date=signed_on,
        doc_type="Thông báo",
        subject=SUBJECTS.get(PetitionKind(p.kind), "Về kết quả giải quyết đơn"),
        blocks=[od.Paragraph(line) for line in lines],
        recipients=["Như trên", "Lưu: VT, hồ sơ"],
        signer_authority=signer_authority(signer),
        signer_name=signer.get_full_name(),
        author=by.get_full_name(),
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
