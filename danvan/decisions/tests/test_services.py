"""Tallies, who may enter them, recognition by the right body, the record and the export."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.apps import apps
from docx import Document
from openpyxl import load_workbook

from danvan.core.audit import history
from danvan.core.errors import DomainError
from danvan.core.models import AuditEntry, Notification
from danvan.decisions import services
from danvan.decisions.exports import decisions_xlsx
from danvan.decisions.models import CommunityDecision
from danvan.decisions.record import record_docx
from danvan.decisions.tests.conftest import Villages, minutes


@pytest.mark.parametrize(
    ("present", "agree", "disagree", "invalid", "message"),
    [
        (51, 40, 0, 0, "lớn hơn tổng số hộ của thôn"),
        (40, 30, 8, 3, "lớn hơn số hộ tham gia"),
        (40, -1, 0, 0, "không được âm"),
        (40, 10, 0, -2, "không được âm"),
    ],
)
def test_it_refuses_impossible_tallies(
    villages: Villages, present: int, agree: int, disagree: int, invalid: int, message: str
) -> None:
    m = villages.meeting(villages.decision(1))
    with pytest.raises(DomainError, match=message):
        services.tally_save(
            meeting=m,
            present=present,
            agree=agree,
            disagree=disagree,
            invalid=invalid,
            minutes=minutes(),
            by=villages.world.village_head,
        )
    assert not AuditEntry.objects.filter(action__startswith="decisions.tally").exists()


def test_it_needs_the_signed_minutes_with_the_first_tally(villages: Villages) -> None:
    m = villages.meeting(villages.decision(1))
    with pytest.raises(DomainError, match="biên bản có chữ ký"):
        services.tally_save(
            meeting=m, present=40, agree=30, disagree=5, invalid=0, by=villages.world.village_head
        )


def test_it_lets_a_village_head_enter_only_his_villages_tally(villages: Villages) -> None:
    d = villages.decision(1, scope="commune")
    mine, theirs = villages.meeting(d), villages.meeting(d, villages.hoa_binh)
    head = villages.world.village_head
    t = services.tally_save(
        meeting=mine, present=45, agree=40, disagree=5, invalid=0, minutes=minutes(), by=head
    )
    assert t.passed
    with pytest.raises(DomainError, match="Chỉ trưởng thôn Thôn Hòa Bình"):
        services.tally_save(
            meeting=theirs, present=20, agree=20, disagree=0, invalid=0, minutes=minutes(), by=head
        )
    for officer in (villages.world.officer_a, villages.world.front):
        with pytest.raises(DomainError):
            services.tally_save(
                meeting=mine, present=45, agree=1, disagree=5, invalid=0, by=officer
            )


def test_it_audits_a_correction_field_by_field(villages: Villages) -> None:
    d = villages.decision(1)
    m = villages.meeting(d)
    head = villages.world.village_head
    t = services.tally_save(
        meeting=m, present=45, agree=30, disagree=15, invalid=0, minutes=minutes(), by=head
    )
    assert not t.passed
    t = services.tally_save(meeting=m, present=45, agree=35, disagree=10, invalid=0, by=head)
    assert t.passed
    entry = history(t).first()
    assert entry is not None and entry.action == "decisions.tally_corrected"
    assert entry.changes["agree"] == [30, 35]
    assert entry.changes["disagree"] == [15, 10]
    assert "present" not in entry.changes
    d.refresh_from_db()
    assert d.outcome == CommunityDecision.Outcome.PASSED


def test_it_freezes_tallies_once_the_record_is_sent(villages: Villages) -> None:
    d = villages.decision(1)
    m = villages.meeting(d)
    villages.tally(m, agree=40)
    services.record_send(decision=d, sent_on=date(2026, 5, 11), by=villages.world.officer_a)
    with pytest.raises(DomainError, match="đã được gửi"):
        villages.tally(m, agree=10)


def test_it_lets_only_the_front_recognise_the_election_of_a_board_art_21(
    villages: Villages,
) -> None:
    """Điều 15 khoản 5 (bầu Ban TTND, Ban GSĐTCĐ): the Front recognises, not the chairman."""
    w = villages.world
    d = villages.decision(5, title="Bầu bổ sung thành viên Ban Thanh tra nhân dân")
    villages.tally(villages.meeting(d), agree=26)
    d = services.record_send(decision=d, sent_on=date(2026, 5, 11), by=w.officer_a)
    with pytest.raises(DomainError, match="Ủy ban Mặt trận Tổ quốc Việt Nam xã công nhận"):
        services.decision_recognise(
            decision=d, recognised_on=date(2026, 5, 12), note="", by=w.chairman
        )
    d = services.decision_recognise(
        decision=d, recognised_on=date(2026, 5, 12), note="", by=w.front
    )
    assert d.status == CommunityDecision.Status.RECOGNISED


def test_it_keeps_the_front_from_recognising_a_village_rule_art_21_2(villages: Villages) -> None:
    """Điều 21 khoản 2: a hương ước (item 3) is recognised by the People's Committee. (This test
    used a contribution, item 1, which the law does not have recognised at all.)"""
    w = villages.world
    d = villages.decision(3)
    villages.tally(villages.meeting(d), agree=40)
    d = services.record_send(decision=d, sent_on=date(2026, 5, 11), by=w.officer_a)
    with pytest.raises(DomainError, match="Ủy ban nhân dân xã công nhận"):
        services.decision_recognise(
            decision=d, recognised_on=date(2026, 5, 12), note="", by=w.front
        )
    d = services.decision_recognise(
        decision=d, recognised_on=date(2026, 5, 12), note="Số 15/QĐ-UBND", by=w.chairman
    )
    assert d.recognised_by == w.chairman


def test_it_closes_a_rejected_matter_without_recognition(villages: Villages) -> None:
    d = villages.decision(1)
    villages.tally(villages.meeting(d), agree=20)
    d = services.record_send(decision=d, sent_on=date(2026, 5, 11), by=villages.world.officer_a)
    assert d.status == CommunityDecision.Status.CLOSED
    assert d.recognise_due is None


def test_it_writes_the_record_with_the_fields_of_art_20(villages: Villages) -> None:
    """Luật THDCCS 2022, Điều 20 khoản 2; NĐ 59/2023, Mẫu số 03."""
    d = villages.decision(1)
    villages.tally(villages.meeting(d), agree=34, present=45, disagree=9, invalid=2)
    d.refresh_from_db()
    doc = Document(io.BytesIO(record_docx(d, today=date(2026, 5, 9))))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "BIÊN BẢN CUỘC HỌP CỦA CỘNG ĐỒNG DÂN CƯ" in text
    assert "Làm đường bê tông liên thôn" in text
    assert "Nhà văn hóa thôn" in text
    assert "34/50 hộ đồng ý = 68% ≥ 2/3 → thông qua" in text
    assert "ĐƯỢC THÔNG QUA" in text
    assert "ỦY BAN NHÂN DÂN XÃ HỒNG PHONG\nTHÔN ĐOÀN KẾT\n" in cells
    assert "34 (68%)" in cells and "45" in cells and "9" in cells


def test_it_exports_one_row_per_village_tally(villages: Villages) -> None:
    d = villages.decision(1, scope="commune", title='=HYPERLINK("x")')
    villages.tally(villages.meeting(d), agree=40)
    villages.tally(villages.meeting(d, villages.hoa_binh), agree=14, present=30)
    ws = load_workbook(io.BytesIO(decisions_xlsx([d]))).active
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {(r[3], r[5], r[7], r[11]) for r in rows} == {
        ("Thôn Đoàn Kết", 50, 40, "Thông qua"),
        ("Thôn Hòa Bình", 30, 14, "Không thông qua"),
    }
    assert ws["A2"].data_type == "s" and ws["A2"].quotePrefix


@time_machine.travel(date(2026, 5, 18), tick=False)
def test_it_reminds_once_when_the_record_is_overdue(villages: Villages) -> None:
    d = villages.decision(1)
    villages.tally(villages.meeting(d), agree=40)  # voted 08/05, due 15/05
    hook = apps.get_app_config("decisions").send_reminders
    assert hook(today=date(2026, 5, 18)) == {"before": 0, "overdue": 1}
    assert hook(today=date(2026, 5, 18)) == {"before": 0, "overdue": 0}
    assert Notification.objects.filter(
        user=villages.world.officer_a, title__contains="Quá hạn gửi"
    ).exists()
