"""The pages of commendations: the register's filters and search, the exports (.xlsx, .docx,
the certificate), a proposal granted or refused through its page, bad input refused in
Vietnamese with what was typed kept, the overview's part and "Việc của tôi"."""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from danvan.commendations import exports, services
from danvan.commendations.models import Award, Proposal
from danvan.commendations.overview import figures
from danvan.commendations.tests.conftest import Com
from danvan.commendations.work import waiting_on
from danvan.conftest import World
from danvan.testing.pages import kept_as_fresh


def _xa(name: str, world: World, **params: object) -> str:
    extra = "".join(f"&{k}={v}" for k, v in params.items())
    return f"{reverse(name)}?xa={world.commune.pk}{extra}"


def test_the_register_filters_and_searches_without_diacritics(world: World, com: Com) -> None:
    client = world.client(world.readonly_a)
    body = client.get(_xa("commendations:index", world, q="doan+ket")).content.decode()
    assert "Ban công tác Mặt trận thôn Đoàn Kết" in body
    assert "Thôn Khác" not in body  # another commune's
    body = client.get(_xa("commendations:index", world, ve="mediation")).content.decode()
    assert "Ông Lường Văn Thắng" in body and "Ban công tác Mặt trận" not in body
    body = client.get(_xa("commendations:index", world, loai="individual")).content.decode()
    assert "Ông Lường Văn Thắng" in body and "Ủy ban MTTQ xã" not in body
    body = client.get(_xa("commendations:index", world, nam=2025)).content.decode()
    assert "Không có khen thưởng nào khớp bộ lọc." in body
    # A province's decision is recorded but offers no certificate; the commune's do.
    body = client.get(_xa("commendations:index", world)).content.decode()
    assert body.count("Giấy khen (PDF)") == 2


def test_the_register_reads_in_a_few_queries(
    world: World, com: Com, django_assert_max_num_queries: Any
) -> None:
    client = world.client(world.chairman)
    client.get(_xa("commendations:index", world))
    with django_assert_max_num_queries(12):
        assert client.get(_xa("commendations:index", world)).status_code == 200


def test_the_register_downloads_with_its_filters(world: World, com: Com) -> None:
    response = world.client(world.province_viewer).get(
        _xa("commendations:register_xlsx", world, ve="movement")
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    assert "Ban công tác Mặt trận thôn Đoàn Kết" in cells
    assert "Ông Lường Văn Thắng" not in cells
    assert "SỔ THEO DÕI KHEN THƯỞNG" in cells


def test_the_decision_docx_lists_its_awards_in_article_1(world: World, com: Com) -> None:
    response = world.client(world.officer_a).get(
        reverse("commendations:decision_docx", args=[com.decision.pk])
    )
    doc = Document(io.BytesIO(response.content))
    texts = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(
        t.startswith("Điều 1. Tặng Giấy khen của Chủ tịch UBND xã cho 01 tập thể và 01 cá nhân")
        for t in texts
    )
    assert "Ông Lường Văn Thắng" in cells
    assert any("Ban công tác Mặt trận thôn Đoàn Kết" in c for c in cells)
    assert "Số: 45/QĐ-UBND" in cells
    closing = cells[-1]  # the signature's cell
    assert closing.startswith("CHỦ TỊCH") and "Hoàng Văn Chủ" in closing
    assert "TM. ỦY BAN NHÂN DÂN" not in closing  # the chairman decides in his own name
    assert any("Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in t for t in texts)


def test_the_certificate_is_one_a4_landscape_page(world: World, com: Com) -> None:
    from weasyprint import HTML

    html = exports.certificate_html(com.award)
    assert "Chủ tịch Ủy ban nhân dân xã Hồng Phong" in html
    assert '<p class="title">Giấy khen</p>' in html
    assert "Ban công tác Mặt trận thôn Đoàn Kết" in html and "Thôn Đoàn Kết" in html
    assert "Hồng Phong, ngày 01 tháng 6 năm 2026" in html
    pages = HTML(string=html).render().pages
    assert len(pages) == 1
    assert pages[0].width > pages[0].height  # landscape


def test_the_chairman_grants_a_proposal_into_an_existing_decision(world: World, com: Com) -> None:
    client = world.client(world.chairman)
    before = client.get(com.decision.get_absolute_url()).content.decode()  # kept from here
    assert before.count("Ghi vào sổ khen thưởng") == 2
    register = f"{reverse('commendations:index')}?xa={world.commune.pk}"
    listed = re.findall(r"(\d+) lượt khen thưởng", client.get(register).content.decode())
    url = reverse("commendations:proposal_grant", args=[com.pending.pk])
    response = client.post(
        url,
        {
            "kt-decision_number": "45/QĐ-UBND",
            "kt-decided_on": "01/06/2026",
            "kt-form": com.pending.form_id,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == com.decision.get_absolute_url()
    award = Award.objects.get(proposal=com.pending)
    assert award.decision == com.decision
    page = client.get(com.decision.get_absolute_url()).content.decode()
    assert "Chi hội Phụ nữ thôn Đoàn Kết" in page and "Theo đề nghị" in page
    # Each line recorded is in the decision's history.
    assert page.count("Ghi vào sổ khen thưởng") == 3
    after = client.get(register).content.decode()
    assert f"{int(listed[0]) + 1} lượt khen thưởng" in after


def test_a_grant_on_a_wrong_day_is_refused_and_keeps_what_was_typed(world: World, com: Com) -> None:
    response = world.client(world.officer_b).post(
        reverse("commendations:proposal_grant", args=[com.pending.pk]),
        {
            "kt-decision_number": "45/QĐ-UBND",
            "kt-decided_on": "02/06/2026",
            "kt-form": com.pending.form_id,
            "kt-signer_name": "Hoàng Văn Chủ",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "đã ghi ngày ký 01/06/2026" in body and "Hoàng Văn Chủ" in body
    assert Proposal.objects.get(pk=com.pending.pk).status == Proposal.Status.PENDING


def test_a_refusal_without_reason_is_refused(world: World, com: Com) -> None:
    client = world.client(world.chairman)
    url = reverse("commendations:proposal_refuse", args=[com.pending.pk])
    assert client.post(url, {"kk-reason": ""}).status_code == 400
    assert client.post(url, {"kk-reason": "Đã khen năm 2025."}).status_code == 302
    page = client.get(com.pending.get_absolute_url()).content.decode()
    assert "Không khen thưởng" in page and "Đã khen năm 2025." in page


def test_another_app_prefills_a_proposal(world: World, db: None) -> None:
    page = (
        world.client(world.front)
        .get(
            _xa(
                "commendations:proposal_create",
                world,
                ve="mediation",
                thuoc="Tổ hòa giải thôn Đoàn Kết",
                ten="Tổ hòa giải thôn Đoàn Kết",
                **{"duong-dan": "/can-bo/hoa-giai/to/1/"},
            )
        )
        .content.decode()
    )
    assert 'value="Tổ hòa giải thôn Đoàn Kết"' in page
    assert 'value="/can-bo/hoa-giai/to/1/"' in page
    assert '<option value="mediation" selected>' in page


def test_a_proposal_from_the_page_names_the_unit_of_the_proposer(world: World, db: None) -> None:
    from danvan.commendations.models import AwardForm

    client = world.client(world.village_head)
    page = client.get(_xa("commendations:proposal_create", world)).content.decode()
    assert (
        world.village.name in page and world.office_a.name not in page.split("proposing_unit")[-1]
    )
    response = client.post(
        _xa("commendations:proposal_create", world),
        {
            "recipient": "Hộ ông Nông Văn Bình",
            "recipient_kind": "individual",
            "source": "movement",
            "achievement": "Hiến 200 m² đất làm đường",
            "form": AwardForm.objects.get(code="giay-khen").pk,
            "proposing_unit": world.office_a.pk,  # not his unit
        },
    )
    assert response.status_code == 400
    assert "Chọn đơn vị của bạn trong danh sách." in response.content.decode()


def test_the_kept_proposal_form_is_written_afresh_for_each_proposers_units(
    world: World, db: None, settings: Any
) -> None:
    """Blank, kept per set of units: the village head, after the chairman, is offered his
    village only; a prefilled form after a blank one shows what it was given."""
    url = _xa("commendations:proposal_create", world)
    chairman = kept_as_fresh(world.client(world.chairman), url, settings)
    head = kept_as_fresh(world.client(world.village_head), url, settings)
    offered = {
        who: page.split('name="proposing_unit"')[1].split("</select>")[0]
        for who, page in (("chairman", chairman), ("head", head))
    }
    assert (
        world.commune.name in offered["chairman"] and world.village.name not in offered["chairman"]
    )
    assert world.village.name in offered["head"] and world.commune.name not in offered["head"]
    prefilled = world.client(world.chairman).get(url + "&ten=Chi hội Nông dân thôn Nà Pàn")
    assert 'value="Chi hội Nông dân thôn Nà Pàn"' in prefilled.content.decode()


def test_the_overview_counts_proposals_without_a_rate_and_awards_by_source(
    world: World, com: Com
) -> None:
    part = figures(
        communes=[world.commune.pk],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        on=date(2026, 6, 15),
    )["commendations"]
    extra = {e["key"]: e["value"] for e in part["extra"]}
    assert extra["awards"] == 3
    assert extra["award_movement"] == 2 and extra["award_mediation"] == 1
    assert extra["award_collective"] == 2 and extra["award_individual"] == 1
    assert part["by_commune"][0]["open"] == 1
    assert part["by_commune"][0]["on_time_rate"] is None


def test_pending_proposals_wait_on_the_leaders_and_the_office(world: World, com: Com) -> None:
    today = date(2026, 6, 15)
    for user in (world.chairman, world.officer_b, world.admin):
        items = waiting_on(user, today=today)
        assert [i.title for i in items] == ["Đề nghị khen thưởng Chi hội Phụ nữ thôn Đoàn Kết"]
        assert items[0].due is None
    for user in (world.officer_a, world.front, world.province_viewer):
        assert waiting_on(user, today=today) == []


def test_the_kept_decision_and_proposal_pages_are_the_pages_written_afresh(
    world: World, com: Com, settings: Any
) -> None:
    pages = {}
    for user, name, pk in (
        (world.chairman, "commendations:decision", com.decision.pk),
        (world.readonly_a, "commendations:decision", com.decision.pk),
        (world.chairman, "commendations:proposal", com.pending.pk),
        (world.front, "commendations:proposal", com.pending.pk),
    ):
        pages[user, name] = kept_as_fresh(world.client(user), reverse(name, args=[pk]), settings)
    assert 'name="kt-recipient_kind"' in pages[world.chairman, "commendations:decision"]
    assert 'name="kk-reason"' in pages[world.chairman, "commendations:proposal"]
    assert 'name="kk-reason"' not in pages[world.front, "commendations:proposal"]


def test_the_kept_proposal_page_drops_its_forms_once_decided(world: World, com: Com) -> None:
    c = world.client(world.chairman)
    url = reverse("commendations:proposal", args=[com.pending.pk])
    assert 'name="kk-reason"' in c.get(url).content.decode()
    services.proposal_refuse(proposal=com.pending, by=world.chairman, reason="Chưa đủ thành tích.")
    body = c.get(url).content.decode()
    assert 'name="kk-reason"' not in body and "Chưa đủ thành tích." in body
