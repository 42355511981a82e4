"""The answer letter to the citizen (.docx, NĐ 30/2020/NĐ-CP layout): made once a leader has
signed the result off, signed with that leader's name as their account holds it now, and for a
denunciation naming nobody (Luật Tố cáo 2018, Điều 8 khoản 3)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import User
from danvan.lib.officialdoc import DOCX_MIME
from danvan.petitions import services
from danvan.petitions.letters import basis_lines
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.redaction import REDACTED
from danvan.petitions.tests.test_notices import docx_text, docx_xml

SUBJECT = "Khiếu nại việc thu hồi đất làm đường thôn Đoàn Kết"
OUTCOME = "Giữ nguyên quyết định thu hồi đất.\nBồi thường bổ sung 12.000.000 đồng."
BASIS = "Căn cứ Luật Đất đai năm 2024, Điều 12;\n- Nghị định số 88/2024/NĐ-CP."
NAME, PHONE, ADDRESS = "Lường Thị Thắm", "0912 345 678", "Số 7, ngõ 12, thôn Khau Ngù"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    with time_machine.travel(datetime(2026, 11, 2, 9, tzinfo=tz), tick=False):
        yield


def resolved(world: World, kind: str = PetitionKind.COMPLAINT, **extra: object) -> Petition:
    """Received 01/10, accepted 05/10, drafted by officer A on 30/10, signed on 02/11."""
    fields: dict[str, object] = {
        "commune": world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.POST,
        "kind": kind,
        "subject": SUBJECT,
        "content": "Chưa được bồi thường phần đất bị thu hồi.",
        "received_on": date(2026, 10, 1),
        "identity": {"name": "Lê Thị Hoa", "address": "Thôn Đoàn Kết"},
    }
    fields.update(extra)
    p = services.petition_receive(**fields)  # type: ignore[arg-type]
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
    )
    services.petition_accept(petition=p, by=world.chairman, accepted_on=date(2026, 10, 5))
    services.petition_resolve(
        petition=p,
        by=world.officer_a,
        decided_on=date(2026, 10, 30),
        outcome=OUTCOME,
        legal_basis=BASIS,
    )
    return services.petition_sign_off(petition=p, by=world.chairman, signed_on=date(2026, 11, 2))


def letter(world: World, user: User, p: Petition):  # type: ignore[no-untyped-def]
    return world.client(user).get(reverse("petitions:answer_letter", args=[p.pk]))


def test_it_writes_the_signed_result_to_the_citizen(world: World) -> None:
    p = resolved(world)
    r = letter(world, world.officer_a, p)
    assert r.status_code == 200 and r["Content-Type"] == DOCX_MIME
    assert "no-store" in r["Cache-Control"]
    assert f"tra-loi-don-{p.number}-{p.year}.docx" in r["Content-Disposition"]
    text = docx_text(r.content)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ HỒNG PHONG",
        "Số:      /TB-UBND",
        "Hồng Phong, ngày 02 tháng 11 năm 2026",
        "THÔNG BÁO",
        "Về kết quả giải quyết khiếu nại",
        "Kính gửi: Ông/Bà Lê Thị Hoa.",
        "Căn cứ Luật Đất đai năm 2024, Điều 12;",
        "Căn cứ Nghị định số 88/2024/NĐ-CP;",
        "Ngày 01/10/2026, Ủy ban nhân dân xã Hồng Phong nhận được đơn khiếu nại của ông/bà "
        f"Lê Thị Hoa, địa chỉ: Thôn Đoàn Kết (hồ sơ số {p.code}), nội dung: {SUBJECT}.",
        "Ngày 05/10/2026, Ủy ban nhân dân xã Hồng Phong đã thụ lý giải quyết.",
        "Giữ nguyên quyết định thu hồi đất.",
        "Bồi thường bổ sung 12.000.000 đồng.",
        p.tracking_code,
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        str(world.chairman),
        "Lưu: VT, hồ sơ.",
    ):
        assert expected in text, expected


def test_it_is_signed_by_the_leader_as_named_today(world: World) -> None:
    p = resolved(world)
    User.objects.filter(pk=world.chairman.pk).update(
        full_name="Hà Văn Mới", position="Phó Chủ tịch UBND xã"
    )
    text = docx_text(letter(world, world.officer_b, p).content)
    assert "Hà Văn Mới" in text and "Chairman" not in text
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and "TM. ỦY BAN NHÂN DÂN" not in text


def test_it_names_no_denouncer(world: World) -> None:
    p = resolved(
        world,
        PetitionKind.DENUNCIATION,
        subject=f"Tố cáo cán bộ địa chính; người viết: {NAME}, số điện thoại {PHONE}",
        identity={"name": NAME, "phone": PHONE, "address": ADDRESS},
    )
    # The handler's text names her too: the letter strikes it out.
    Petition.objects.filter(pk=p.pk).update(outcome=f"Tố cáo của bà {NAME} đúng một phần.")
    p.refresh_from_db()
    r = letter(world, world.officer_a, p)  # officer A holds the identity grant
    assert r.status_code == 200
    text, xml = docx_text(r.content), docx_xml(r.content)
    for secret in (NAME, "Thắm", PHONE, "0912345678", "Khau Ngù", "ngõ 12"):
        assert secret not in text and secret not in xml, secret
    assert REDACTED in text
    assert "Kính gửi: Người tố cáo (danh tính được giữ bí mật theo Điều 8 Luật Tố cáo)." in text
    assert "Về kết quả giải quyết tố cáo" in text and "khoản 3 Điều 8" in text


def test_it_waits_for_the_sign_off(world: World) -> None:
    p = services.petition_receive(
        commune=world.commune,
        by=world.officer_b,
        channel="post",
        kind=PetitionKind.RECOMMENDATION,
        subject="Kiến nghị lắp đèn",
        content="…",
        received_on=date(2026, 10, 1),
        identity={"name": "Lê Thị Hoa"},
    )
    r = letter(world, world.chairman, p)
    assert r.status_code == 409
    assert "đã được lãnh đạo UBND xã ký duyệt" in r.content.decode()
    page = world.client(world.chairman).get(reverse("petitions:detail", args=[p.pk]))
    assert "Văn bản trả lời người gửi" not in page.content.decode()


def test_it_is_for_those_who_open_the_case_by_get_only(world: World) -> None:
    p = resolved(world)
    page = world.client(world.chairman).get(reverse("petitions:detail", args=[p.pk]))
    assert reverse("petitions:answer_letter", args=[p.pk]) in page.content.decode()
    for who in (world.readonly_a, world.outsider, world.front, world.village_head):
        assert letter(world, who, p).status_code == 404
    url = reverse("petitions:answer_letter", args=[p.pk])
    assert world.client(world.chairman).post(url).status_code == 405
    assert world.client(None).get(url).status_code == 302


def test_it_reads_the_legal_basis_however_it_was_typed() -> None:
    assert basis_lines("Căn cứ Luật A;\n\n - Luật B.\nCăn cứ: Nghị định C ;") == [
        "Căn cứ Luật A;",
        "Căn cứ Luật B;",
        "Căn cứ Nghị định C;",
    ]
