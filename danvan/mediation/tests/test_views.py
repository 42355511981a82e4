"""The pages of mediation: what each reader is shown, bad input refused in Vietnamese with what
was typed kept, the filters, the ledger and the figures."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.urls import reverse
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.mediation import services
from danvan.mediation.models import MediationCase
from danvan.mediation.tests.conftest import Med
from danvan.testing.pages import kept_as_fresh, without_tokens


def _xa(name: str, world: World, **params: object) -> str:
    extra = "".join(f"&{k}={v}" for k, v in params.items())
    return f"{reverse(name)}?xa={world.commune.pk}{extra}"


def test_the_kept_case_page_is_the_page_written_afresh(
    world: World, med: Med, settings: Any
) -> None:
    pages = {}
    for user, case in (
        (world.chairman, med.waiting),
        (world.chairman, med.success),
        (world.village_head, med.started),
        (world.front, med.started),
    ):
        pages[user, case.pk] = kept_as_fresh(
            world.client(user), reverse("mediation:case", args=[case.pk]), settings
        )
    assert 'name="bd-started_on"' in pages[world.chairman, med.waiting.pk]
    assert 'name="th-kept_checked_on"' in pages[world.chairman, med.success.pk]
    assert 'name="kq-outcome_on"' not in pages[world.front, med.started.pk]


def test_the_kept_case_page_follows_a_start_recorded_since(world: World, med: Med) -> None:
    c = world.client(world.chairman)
    url = reverse("mediation:case", args=[med.waiting.pk])
    assert 'name="bd-started_on"' in c.get(url).content.decode()
    services.case_start(
        case=med.waiting,
        by=world.chairman,
        started_on=date(2026, 6, 12),
        start_note="Các bên thỏa thuận hòa giải vào ngày 12/6.",
    )
    body = c.get(url).content.decode()
    assert 'name="bd-started_on"' not in body and 'name="kq-outcome_on"' in body


def test_it_lets_the_village_head_record_a_case_of_his_team(world: World, med: Med) -> None:
    client = world.client(world.village_head)
    page = client.get(_xa("mediation:case_create", world))
    assert "Tổ hòa giải thôn Hòa Bình" not in page.content.decode()  # not his village
    response = client.post(
        _xa("mediation:case_create", world),
        {
            "team": med.team.pk,
            "received_on": "2026-06-15",
            "mediators": [med.mediator.pk],
            "parties": "Ông Hà Văn Dũng, 60 tuổi; ông Lộc Văn Sinh, 58 tuổi",
            "matter": med.waiting.matter_id,
            "summary": "Trâu của hộ ông Sinh phá hoa màu.",
        },
    )
    case = MediationCase.objects.get(summary__startswith="Trâu")
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert case.start_due is not None and case.created_by == world.village_head
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Ông Hà Văn Dũng" in page and "Ghi ngày bắt đầu" in page


def test_it_refuses_another_team_s_case_and_keeps_what_was_typed(world: World, med: Med) -> None:
    client = world.client(world.village_head)
    response = client.post(
        _xa("mediation:case_create", world),
        {
            "team": med.other_village_team.pk,
            "received_on": "2026-06-15",
            "mediators": [med.leader.pk],
            "parties": "Ông Hà Văn Dũng",
            "matter": med.waiting.matter_id,
            "summary": "Trâu phá hoa màu.",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Chọn tổ hòa giải trong danh sách." in body and "Ông Hà Văn Dũng" in body


def test_it_says_in_vietnamese_why_a_late_start_is_refused(world: World, med: Med) -> None:
    client = world.client(world.village_head)
    url = reverse("mediation:case_start", args=[med.waiting.pk])
    response = client.post(url, {"bd-started_on": "2026-06-15"})
    assert response.status_code == 400
    assert "ghi lý do" in response.content.decode()
    assert MediationCase.objects.get(pk=med.waiting.pk).started_on is None
    response = client.post(url, {"bd-started_on": "2026-02-30"})
    assert response.status_code == 400 and "Ngày không hợp lệ" in response.content.decode()
    response = client.post(url, {"bd-started_on": "2099-06-15"})
    assert "Ngày không được sau hôm nay." in response.content.decode()


def test_it_records_a_failed_mediation_and_the_petition_it_came_back_as(
    world: World, med: Med
) -> None:
    head = world.client(world.village_head)
    head.post(
        reverse("mediation:case_outcome", args=[med.started.pk]),
        {
            "kq-outcome": "failed",
            "kq-outcome_on": "2026-06-15",
            "kq-agreement": "Ông Bình đòi mở lối đi 3 m; bà Lan chỉ đồng ý 1 m.",
        },
    )
    assert MediationCase.objects.get(pk=med.started.pk).outcome == "failed"
    officer = world.client(world.officer_a)
    response = officer.post(
        reverse("mediation:case_link", args=[med.started.pk]), {"don-code": "15/2026"}
    )
    assert response.status_code == 302
    page = officer.get(med.started.get_absolute_url()).content.decode()
    petition_url = reverse("petitions:detail", args=[med.petition.pk])
    assert f'<a href="{petition_url}">Đơn số 15/2026</a>' in page
    assert med.petition.subject not in page  # the code only, never the petition's content


def test_it_filters_the_cases_by_year_team_and_outcome(world: World, med: Med) -> None:
    client = world.client(world.officer_a)
    body = client.get(_xa("mediation:cases", world, **{"ket-qua": "success"})).content.decode()
    assert f"Vụ, việc số {med.success.code}" in body
    assert f"Vụ, việc số {med.waiting.code}<" not in body
    body = client.get(_xa("mediation:cases", world, to=med.other_village_team.pk)).content.decode()
    assert f"Vụ, việc số {med.other_village_case.code}" in body
    assert f"Vụ, việc số {med.success.code}" not in body
    body = client.get(_xa("mediation:cases", world, nam=2025)).content.decode()
    assert "Không có vụ, việc nào." in body
    # The village head's list holds his team's cases only, whatever he asks.
    head = world.client(world.village_head)
    body = head.get(_xa("mediation:cases", world, to=med.other_village_team.pk)).content.decode()
    assert f"Vụ, việc số {med.other_village_case.code}" not in body


def _ledger_rows(content: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(content))
    return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]


def test_it_writes_the_ledger_with_the_parties_for_those_who_read_the_cases(
    world: World, med: Med
) -> None:
    rows = _ledger_rows(world.client(world.officer_a).get(_xa("mediation:ledger", world)).content)
    header = next(r for r in rows if r[0] == "STT")
    assert header[1] == "Ngày nhận vụ, việc"
    assert header[3].startswith("Họ tên, tuổi, địa chỉ")  # type: ignore[union-attr]
    cases = [r for r in rows if isinstance(r[0], int)]
    assert len(cases) == 4
    assert any("Nông Văn Bình" in str(r[3]) for r in cases)
    # The village head's ledger: his team's cases only.
    mine = _ledger_rows(
        world.client(world.village_head).get(_xa("mediation:ledger", world)).content
    )
    assert len([r for r in mine if isinstance(r[0], int)]) == 3
    assert "huyện" not in str(rows).lower()


def test_it_shows_the_figures_without_a_name(world: World, med: Med) -> None:
    for user in (world.province_viewer, world.readonly_a):
        body = world.client(user).get(_xa("mediation:figures", world)).content.decode()
        assert "Tổng số vụ, việc nhận trong năm: <strong>4</strong>" in body
        assert "Nông Văn Bình" not in body and "Lường Văn Thắng" not in body


def test_it_sends_the_province_viewer_to_the_figures(world: World, med: Med) -> None:
    response = world.client(world.province_viewer).get(_xa("mediation:index", world))
    assert response.status_code == 302
    assert response["Location"] == _xa("mediation:figures", world)


def test_it_shows_a_read_only_member_the_teams_but_no_case(world: World, med: Med) -> None:
    body = world.client(world.readonly_a).get(med.team.get_absolute_url()).content.decode()
    assert "Lường Văn Thắng" in body and "Vụ, việc của tổ" not in body


def test_it_answers_garbage_in_the_address_without_an_error(world: World, med: Med) -> None:
    client = world.client(world.officer_a)
    for name in ("mediation:cases", "mediation:figures", "mediation:ledger"):
        response = client.get(_xa(name, world, nam="x", to="'or 1=1", **{"ket-qua": "<b>"}))
        assert response.status_code == 200, name
    response = client.post(
        _xa("mediation:case_create", world),
        {"team": "abc", "mediators": ["x"], "received_on": "31/02/2026"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Chọn hòa giải viên trong danh sách." in body and "Ngày không hợp lệ" in body


def test_the_kept_team_page_shows_its_cases_to_their_readers_only_and_a_start_since(
    world: World, med: Med, settings: Any
) -> None:
    """Kept for each reader's rights: a read-only member, then the chairman, then the member
    again see the same as written afresh; a case started since shows its new state."""
    url = med.team.get_absolute_url()
    member = kept_as_fresh(world.client(world.readonly_a), url, settings)
    chairman = kept_as_fresh(world.client(world.chairman), url, settings)
    assert "Vụ, việc của tổ" in chairman and "Vụ, việc của tổ" not in member
    assert "Vụ, việc của tổ" not in world.client(world.readonly_a).get(url).content.decode()
    late = "Quá hạn bắt đầu, chưa hòa giải"  # the waiting case, assigned Monday 08/06
    before = chairman.count(late)
    assert before >= 1
    services.case_start(
        case=med.waiting,
        by=world.chairman,
        started_on=date(2026, 6, 12),
        start_note="Các bên thỏa thuận hòa giải vào ngày 12/6.",
    )
    assert world.client(world.chairman).get(url).content.decode().count(late) == before - 1


def test_the_kept_figures_count_a_start_recorded_since(
    world: World, med: Med, settings: Any
) -> None:
    url = _xa("mediation:figures", world)
    before = kept_as_fresh(world.client(world.readonly_a), url, settings)
    services.case_start(
        case=med.waiting,
        by=world.chairman,
        started_on=date(2026, 6, 12),
        start_note="Các bên thỏa thuận hòa giải vào ngày 12/6.",
    )
    after = world.client(world.readonly_a).get(url).content.decode()
    assert without_tokens(after) != without_tokens(before)
    fresh = kept_as_fresh(world.client(world.readonly_a), url, settings)
    assert without_tokens(fresh) == without_tokens(after)


def test_the_kept_teams_show_a_team_set_up_since_and_each_readers_buttons(
    world: World, med: Med, settings: Any
) -> None:
    """The teams are kept for every reader of the commune; whether she may record a case is
    her own: the village head of a team's village may, a read-only member after them not."""
    from danvan.core.models import Unit
    from danvan.testing.pages import kept_as_fresh

    url = _xa("mediation:index", world)
    chairman = world.client(world.chairman)
    assert "Ghi vụ, việc" in kept_as_fresh(chairman, url, settings)
    assert "Ghi vụ, việc" in world.client(world.village_head).get(url).content.decode()
    page = world.client(world.readonly_a).get(url).content.decode()
    assert med.team.name in page and "Ghi vụ, việc" not in page
    village = Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Nà Pàn", parent=world.commune)
    name = "Tổ hòa giải thôn Nà Pàn"
    services.team_create(commune=world.commune, by=world.chairman, name=name, village=village)
    assert name in chairman.get(url).content.decode()
