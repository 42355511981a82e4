"""The pages: who sees which inspection, bad input refused in Vietnamese with nothing lost, the
unit reporting its remedy through the promise, and the portal without names or sanctions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from danvan.conftest import World
from danvan.core.models import AuditEntry
from danvan.inspections import services
from danvan.inspections.models import Inspection, Remedy
from danvan.inspections.tests.conftest import Insp
from danvan.testing.pages import kept_as_fresh


def _index(world: World, user: object) -> str:
    return world.client(user).get(reverse("inspections:index") + "?nam=2026").content.decode()


def test_it_lists_for_each_reader_what_he_may_open(world: World, insp: Insp) -> None:
    everything = _index(world, world.front)
    assert everything.count("Việc chấp hành giờ giấc") == 3  # planned, concluded and internal
    own = _index(world, world.officer_a)  # office A: every inspection of its own
    assert own.count("Việc chấp hành giờ giấc") == 3
    village = _index(world, world.village_head)  # what the portal shows
    assert village.count("Việc chấp hành giờ giấc") == 1
    assert "Khen thưởng, kỷ luật" not in village and "Khen thưởng, kỷ luật" in _index(
        world, world.chairman
    )


def test_it_shows_sanctions_to_managers_only(world: World, insp: Insp) -> None:
    url = reverse("inspections:inspection", args=[insp.internal.pk])
    assert "20/QĐ-UBND" in world.client(world.officer_b).get(url).content.decode()
    page = world.client(world.officer_a).get(url).content.decode()
    assert page.count("Trần Văn Cường") == 0 and "20/QĐ-UBND" not in page


def test_it_refuses_an_internal_conclusion_without_a_reason_and_keeps_what_was_typed(
    world: World, insp: Insp
) -> None:
    response = world.client(world.officer_b).post(
        reverse("inspections:conclude", args=[insp.planned.pk]),
        {
            "kl-done_on": "2026-06-12",
            "kl-concluded_on": "2026-06-15",
            "kl-conclusion": "Đơn vị còn để hồ sơ trễ hẹn.",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ghi lý do không công khai kết quả kiểm tra." in page
    assert "Đơn vị còn để hồ sơ trễ hẹn." in page
    assert Inspection.objects.get(pk=insp.planned.pk).concluded_on is None


def test_it_refuses_a_remedy_without_a_date_in_vietnamese(world: World, insp: Insp) -> None:
    response = world.client(world.chairman).post(
        reverse("inspections:remedy_add", args=[insp.concluded.pk]),
        {
            "kp-finding": insp.finding.pk,
            "kp-owner_unit": world.office_a.pk,
            "kp-measure": "Niêm yết lại quy trình.",
            "kp-due_on": "31/02/2026",
        },
    )
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()
    assert Remedy.objects.filter(inspection=insp.concluded).count() == 1


def test_it_lets_the_unit_report_its_remedy_on_the_promise(world: World, insp: Insp) -> None:
    client = world.client(world.officer_a)
    page = client.get(reverse("inspections:inspection", args=[insp.concluded.pk])).content
    promise_url = reverse("promises:detail", args=[insp.remedy.promise_id])
    assert promise_url.encode() in page
    response = client.post(
        reverse("promises:report", args=[insp.remedy.promise_id]),
        {"kq-outcome": "kept", "kq-note": "Đã lập 2 phiếu xin lỗi.", "kq-on": "2026-06-15"},
    )
    assert response.status_code == 302
    public = world.client(None).get(reverse("portal:inspection_detail", args=[insp.concluded.pk]))
    assert "Đã thực hiện đúng hạn" in public.content.decode()


def test_it_publishes_no_names_team_or_sanction(world: World, insp: Insp) -> None:
    page = (
        world.client(None)
        .get(reverse("portal:inspection_detail", args=[insp.concluded.pk]))
        .content.decode()
    )
    assert "Phòng Văn hóa - Xã hội" in page and "Lập phiếu xin lỗi" in page
    for secret in ("Nguyễn Văn An", "Lê Thị Bình", "Trần Văn Cường", "khiển trách", "20/QĐ"):
        assert secret not in page
    listing = world.client(None).get(reverse("portal:inspections")).content.decode()
    assert listing.count("Việc chấp hành giờ giấc") == 2  # Hồng Phong's and the other commune's


def test_it_records_a_sanction_and_audits_it(world: World, insp: Insp) -> None:
    url = f"{reverse('inspections:measures')}?xa={world.commune.pk}"
    response = world.client(world.officer_b).post(
        url,
        {
            "kind": insp.measure.kind_id,
            "subject": "Nguyễn Văn Dũng",
            "decision_number": "22/QĐ-UBND",
            "decision_on": "2026-06-15",
            "reason": "Vi phạm giờ làm việc.",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="inspections.measure_recorded").count() == 2
    page = world.client(world.chairman).get(url).content.decode()
    assert "Nguyễn Văn Dũng" in page and date(2026, 6, 15).strftime("%d/%m/%Y") in page


def test_it_opens_an_inspection_to_a_unit_that_owes_one_of_its_remedies(
    world: World, insp: Insp
) -> None:
    """The village head does not read an internal inspection, until his village owes a remedy."""
    from danvan.inspections import services
    from danvan.inspections.models import Finding

    url = reverse("inspections:inspection", args=[insp.internal.pk])
    assert world.client(world.village_head).get(url).status_code == 403
    finding = Finding.objects.create(
        inspection=insp.internal,
        number=1,
        text="Thôn chưa niêm yết lịch tiếp dân.",
        severity="minor",
    )
    services.remedy_add(
        inspection=insp.internal,
        by=world.chairman,
        finding=finding,
        owner_unit=world.village,
        measure="Niêm yết lịch tiếp dân tại nhà văn hóa thôn.",
        due_on=date(2026, 6, 30),
    )
    assert world.client(world.village_head).get(url).status_code == 200
    assert world.client(world.readonly_a).get(url).status_code == 200  # office A: inspected


@pytest.mark.parametrize("which", ["planned", "concluded"])
def test_a_kept_inspection_page_is_the_page_written_afresh(
    world: World, insp: Insp, settings: Any, which: str
) -> None:
    url = reverse("inspections:inspection", args=[getattr(insp, which).pk])
    fresh = kept_as_fresh(world.client(world.chairman), url, settings)
    forms = ("ph-text", "kl-conclusion") if which == "planned" else ("kp-measure", "pt-note")
    assert all(f'name="{name}"' in fresh for name in forms)


def test_the_kept_create_form_is_the_form_written_afresh(
    world: World, insp: Insp, settings: Any
) -> None:
    url = f"{reverse('inspections:inspection_create')}?xa={world.commune.pk}"
    fresh = kept_as_fresh(world.client(world.chairman), url, settings)
    assert 'name="inspected_unit"' in fresh and 'name="plan"' in fresh


def test_the_kept_recheck_form_asks_of_a_remedy_assigned_since(world: World, insp: Insp) -> None:
    c = world.client(world.chairman)
    url = reverse("inspections:inspection", args=[insp.concluded.pk])
    assert f'name="pt-r{insp.remedy.pk}"' in c.get(url).content.decode()
    added = services.remedy_add(
        inspection=insp.concluded,
        by=world.officer_b,
        finding=insp.finding,
        owner_unit=world.office_a,
        owner_person="",
        measure="Rà soát sổ theo dõi hồ sơ hằng tuần.",
        due_on=date(2026, 7, 15),
        evidence="",
    )
    assert f'name="pt-r{added.pk}"' in c.get(url).content.decode()


def test_the_kept_measures_page_is_the_page_written_afresh(
    world: World, insp: Insp, settings: Any
) -> None:
    url = f"{reverse('inspections:measures')}?xa={world.commune.pk}&kiem-tra={insp.concluded.pk}"
    fresh = kept_as_fresh(world.client(world.chairman), url, settings)
    assert 'name="subject"' in fresh and f'value="{insp.concluded.pk}" selected' in fresh


def test_the_kept_register_lists_an_inspection_planned_since_to_its_readers(
    world: World, insp: Insp
) -> None:
    """Kept per reader: the internal inspection shows to the chairman, not to a reader."""
    url = f"{reverse('inspections:index')}?xa={world.commune.pk}&nam=2026"
    chairman, reader = world.client(world.chairman), world.client(world.village_head)
    assert insp.internal.get_absolute_url() in chairman.get(url).content.decode()
    assert insp.internal.get_absolute_url() not in reader.get(url).content.decode()
    added = services.inspection_create(
        commune=world.commune,
        by=world.chairman,
        subject_kind=insp.planned.subject_kind,
        title="Kiểm tra đột xuất việc tiếp công dân",
        inspected_unit=world.office_b,
        planned_from=date(2026, 7, 1),
        planned_to=date(2026, 7, 3),
    )
    assert added.get_absolute_url() in chairman.get(url).content.decode()
