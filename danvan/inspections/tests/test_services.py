"""What inspections' services do and refuse: each remedy a promise owed by its unit, the
conclusion's public choice carried to the promises, re-checks, sanctions recorded and dated."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from docx import Document
from openpyxl import load_workbook

from danvan.conftest import World
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry
from danvan.inspections import exports, services
from danvan.inspections.models import Finding, Inspection, MeasureKind, Remedy, remedy_status
from danvan.inspections.tests.conftest import Insp, conclude, inspection, kind
from danvan.lib import officialdoc as od
from danvan.plans.models import Task
from danvan.promises import services as promises
from danvan.promises.models import Promise


def test_it_makes_each_remedy_a_promise_owed_by_its_unit(world: World, insp: Insp) -> None:
    p = Promise.objects.get(pk=insp.remedy.promise_id)
    assert (p.source, p.owner_unit, p.due_on, p.made_on) == (
        Promise.Source.INSPECTION,
        world.office_a,
        date(2026, 6, 30),
        date(2026, 6, 10),
    )
    assert p.public and p.public_url == f"/kiem-tra/{insp.concluded.pk}/"
    assert p.source_url == f"/can-bo/kiem-tra/{insp.concluded.pk}/"
    assert "05/KL-UBND" in p.source_label
    assert Task.objects.get(pk=p.task_id).lead_unit == world.office_a


def test_it_keeps_the_person_named_in_a_remedy_off_its_promise(insp: Insp) -> None:
    """The promise is shown on the portal; the person stays on the remedy, inside."""
    assert insp.remedy.owner_person == "Trần Văn Cường"
    p = Promise.objects.get(pk=insp.remedy.promise_id)
    assert p.owner_person == "" and "Trần Văn Cường" not in f"{p.title} {p.content}"


def test_it_reads_a_remedy_status_from_its_promise(world: World, insp: Insp) -> None:
    remedy = Remedy.objects.select_related("promise").get(pk=insp.remedy.pk)
    assert remedy_status(remedy, date(2026, 6, 15))[0] == "open"
    assert remedy_status(remedy, date(2026, 7, 1))[0] == "late"
    assert remedy.promise is not None
    promises.promise_report(
        promise=remedy.promise,
        by=world.officer_a,
        outcome=Promise.Outcome.KEPT,
        note="Đã lập 2 phiếu xin lỗi.",
        on=date(2026, 6, 15),
    )
    remedy = Remedy.objects.select_related("promise").get(pk=insp.remedy.pk)
    assert remedy_status(remedy, date(2026, 7, 1))[:2] == ("kept", "Đã thực hiện đúng hạn")


def test_it_refuses_a_remedy_before_the_conclusion(world: World, insp: Insp) -> None:
    finding = services.finding_add(
        inspection=insp.planned, by=world.officer_b, text="Thiếu sổ theo dõi.", severity="minor"
    )
    with pytest.raises(DomainError, match="kết luận kiểm tra trước"):
        services.remedy_add(
            inspection=insp.planned,
            by=world.officer_b,
            finding=finding,
            owner_unit=world.office_a,
            measure="Lập sổ theo dõi.",
            due_on=date(2026, 7, 1),
        )
    assert not Remedy.objects.filter(inspection=insp.planned).exists()


def test_it_refuses_a_remedy_due_before_the_conclusion_or_owed_elsewhere(
    world: World, insp: Insp
) -> None:
    args = {
        "inspection": insp.concluded,
        "by": world.officer_b,
        "finding": insp.finding,
        "measure": "Rà soát sổ theo dõi.",
    }
    before = Promise.objects.count()
    with pytest.raises(DomainError, match="không được trước ngày kết luận"):
        services.remedy_add(owner_unit=world.office_a, due_on=date(2026, 6, 9), **args)
    with pytest.raises(DomainError, match="thuộc xã"):
        services.remedy_add(owner_unit=world.other_office, due_on=date(2026, 7, 1), **args)
    with pytest.raises(DomainError, match="thuộc xã"):
        services.remedy_add(owner_unit=world.commune, due_on=date(2026, 7, 1), **args)
    other_finding = Finding.objects.create(
        inspection=insp.planned, number=9, text="x", severity="minor"
    )
    with pytest.raises(DomainError, match="không thuộc cuộc kiểm tra"):
        services.remedy_add(
            **{**args, "finding": other_finding},
            owner_unit=world.office_a,
            due_on=date(2026, 7, 1),
        )
    assert Promise.objects.count() == before


def test_it_numbers_findings_and_marks_the_inspection_under_way(world: World, insp: Insp) -> None:
    assert insp.planned.status == Inspection.Status.PLANNED
    first = services.finding_add(
        inspection=insp.planned, by=world.officer_b, text="Đến muộn.", severity="minor"
    )
    second = services.finding_add(
        inspection=insp.planned, by=world.officer_b, text="Thiếu sổ.", severity="shortcoming"
    )
    assert (first.number, second.number) == (1, 2)
    assert Inspection.objects.get(pk=insp.planned.pk).status == Inspection.Status.IN_PROGRESS
    with pytest.raises(DomainError, match="đã có kết luận"):
        services.finding_add(
            inspection=insp.concluded, by=world.officer_b, text="Muộn.", severity="minor"
        )


def test_it_keeps_an_internal_conclusion_and_its_remedies_off_the_portal(
    world: World, insp: Insp
) -> None:
    i = inspection(world, world.commune, world.office_a)
    with pytest.raises(DomainError, match="lý do không công khai"):
        conclude(i, world.chairman, public=False, internal_reason="  ")
    assert Inspection.objects.get(pk=i.pk).concluded_on is None
    i = conclude(i, world.chairman, public=False, internal_reason="Đang xác minh")
    finding = Finding.objects.create(inspection=i, number=1, text="x", severity="breach")
    remedy = services.remedy_add(
        inspection=i,
        by=world.chairman,
        finding=finding,
        owner_unit=world.office_a,
        measure="Khắc phục.",
        due_on=date(2026, 7, 1),
    )
    p = Promise.objects.get(pk=remedy.promise_id)
    assert (p.public, p.internal_reason, p.public_url) == (False, "Đang xác minh", "")
    assert not Inspection.objects.published().filter(pk=i.pk).exists()


def test_it_carries_a_change_of_publication_to_every_remedy(world: World, insp: Insp) -> None:
    with pytest.raises(DomainError, match="lý do"):
        services.inspection_set_public(inspection=insp.concluded, by=world.chairman, public=False)
    services.inspection_set_public(
        inspection=insp.concluded, by=world.chairman, public=False, reason="Có khiếu nại"
    )
    assert not Promise.objects.get(pk=insp.remedy.promise_id).public
    assert not Inspection.objects.published().filter(pk=insp.concluded.pk).exists()
    services.inspection_set_public(inspection=insp.concluded, by=world.chairman, public=True)
    assert Promise.objects.get(pk=insp.remedy.promise_id).public
    with pytest.raises(DomainError, match="đang được công khai"):
        services.inspection_set_public(inspection=insp.concluded, by=world.chairman, public=True)


def test_it_rechecks_every_remedy(world: World, insp: Insp) -> None:
    with pytest.raises(DomainError, match="Ghi kết quả phúc tra"):
        services.inspection_recheck(
            inspection=insp.concluded,
            by=world.officer_b,
            rechecked_on=date(2026, 6, 15),
            note="Phúc tra.",
            results={},
        )
    with pytest.raises(DomainError, match="trước ngày kết luận"):
        services.inspection_recheck(
            inspection=insp.concluded,
            by=world.officer_b,
            rechecked_on=date(2026, 6, 9),
            note="Phúc tra.",
            results={insp.remedy.pk: "done"},
        )
    with pytest.raises(DomainError, match="chưa có biện pháp"):
        services.inspection_recheck(
            inspection=insp.internal,
            by=world.officer_b,
            rechecked_on=date(2026, 6, 15),
            note="Phúc tra.",
            results={},
        )
    done = services.inspection_recheck(
        inspection=insp.concluded,
        by=world.officer_b,
        rechecked_on=date(2026, 6, 15),
        note="Đơn vị đã lập phiếu xin lỗi.",
        results={insp.remedy.pk: "not_done"},
        notes={insp.remedy.pk: "Mới lập 1/2 phiếu"},
    )
    assert done.status == Inspection.Status.RECHECKED
    remedy = Remedy.objects.get(pk=insp.remedy.pk)
    assert (remedy.recheck_result, remedy.recheck_note) == ("not_done", "Mới lập 1/2 phiếu")
    entry = AuditEntry.objects.filter(action="inspections.rechecked").get()
    assert entry.changes["done"] == "0/1"


def test_it_refuses_dates_that_cannot_be(world: World, insp: Insp) -> None:
    with pytest.raises(DomainError, match="không được trước ngày bắt đầu"):
        inspection(
            world,
            world.commune,
            world.office_a,
            planned_from=date(2026, 6, 5),
            planned_to=date(2026, 6, 1),
        )
    with pytest.raises(DomainError, match="kế hoạch năm 2026"):
        inspection(
            world,
            world.commune,
            world.office_a,
            plan=insp.plan,
            planned_from=date(2027, 1, 5),
            planned_to=date(2027, 1, 6),
        )
    with pytest.raises(DomainError, match="sau hôm nay"):
        conclude(insp.planned, world.chairman, done_on=date(2026, 6, 20))
    with pytest.raises(DomainError, match="không được trước ngày kết thúc"):
        conclude(
            insp.planned, world.chairman, done_on=date(2026, 6, 12), concluded_on=date(2026, 6, 11)
        )
    with pytest.raises(DomainError, match="sau hôm nay"):
        services.measure_record(
            commune=world.commune,
            by=world.chairman,
            kind=MeasureKind.objects.get(code="giay-khen"),
            subject="Phòng Văn hóa - Xã hội",
            decision_number="1/QĐ",
            decision_on=date(2026, 7, 1),
            reason="Thành tích.",
        )


def test_it_ships_every_unread_source_as_unverified(db: None) -> None:
    """Chỉ thị 26/CT-TTg and the laws on civil servants were not read (docs/research/
    promises-law.md §6): their rows say so; no time limit ships."""
    assert kind("ky-luat-ky-cuong").source.startswith("CHƯA KIỂM CHỨNG")
    assert "26/CT-TTg" in kind("ky-luat-ky-cuong").source
    for k in MeasureKind.objects.exclude(source=""):
        assert k.source.startswith("CHƯA KIỂM CHỨNG"), k.code
    assert MeasureKind.objects.filter(code="khien-trach", is_sanction=True).exists()


def test_it_writes_the_register_without_sanctions(world: World, insp: Insp) -> None:
    book = load_workbook(BytesIO(exports.register_xlsx_bytes(world.commune, 2026)))
    cells = " ".join(
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    assert insp.concluded.title in cells and "Lập phiếu xin lỗi" in cells
    assert "khiển trách" not in cells.lower() and "20/QĐ-UBND" not in cells
    assert "Đang xem xét trách nhiệm cá nhân" in cells  # the internal one, with its reason


def test_it_writes_the_conclusion_in_the_official_layout(insp: Insp) -> None:
    doc = exports.conclusion_document(insp.concluded, today=date(2026, 6, 15))
    assert (doc.doc_type, doc.symbol, doc.number) == ("Kết luận", "KL-UBND", "05")
    text = "\n".join(p.text for p in Document(BytesIO(od.render_docx(doc))).paragraphs)
    assert "KẾT LUẬN" in text.upper() and "phiếu xin lỗi" in text


def test_it_puts_what_waits_on_the_office_on_its_list(world: World, insp: Insp) -> None:
    """An inspection past its planned days without a conclusion; remedies all due without a
    re-check. The remedies themselves wait on their units as promises."""
    from danvan.inspections.work import waiting_on

    assert waiting_on(world.officer_b, today=date(2026, 6, 15)) == []
    later = {(i.kind, i.due) for i in waiting_on(world.officer_b, today=date(2026, 9, 10))}
    assert later == {
        ("Ghi kết luận kiểm tra", date(2026, 9, 3)),
        ("Phúc tra việc khắc phục", date(2026, 6, 30)),
    }
    assert waiting_on(world.officer_a, today=date(2026, 9, 10)) == []
    assert waiting_on(world.front, today=date(2026, 9, 10)) == []
