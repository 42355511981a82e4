"""The rules of issue #10 for villagers' decisions, each named by its article."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from docx import Document

from danvan.core.errors import DomainError
from danvan.core.law import law_in_force
from danvan.core.models import AuditEntry
from danvan.decisions import services
from danvan.decisions.models import CommunityDecision
from danvan.decisions.record import record_docx
from danvan.decisions.tests.conftest import Villages

Status = CommunityDecision.Status


def _sent(v: Villages, number: int, agree: int = 40, **kw: object) -> CommunityDecision:
    d = v.decision(number, **kw)  # type: ignore[arg-type]
    v.tally(v.meeting(d), agree=agree)
    return services.record_send(decision=d, sent_on=date(2026, 5, 11), by=v.world.officer_a)


@pytest.mark.django_db
def test_it_prints_the_decision_matters_of_art_15_17_21() -> None:
    """Luật THDCCS 2022, Điều 15 (six items), Điều 17 khoản 2 (online only item 6), Điều 21
    khoản 1 (thresholds, commune-wide count) and khoản 2 (who recognises)."""
    rows = law_in_force(date(2026, 3, 1))["decision_matters"]
    assert [
        (r["item"], r["threshold"], r["commune_wide"], r["online_vote"], r["recognised_by"])
        for r in rows
    ] == [
        (1, "at-least-two-thirds", "at-least-two-thirds-of-villages", False, None),
        (2, "at-least-two-thirds", "at-least-two-thirds-of-villages", False, None),
        (3, "more-than-half", None, False, "ubnd"),
        (4, "more-than-half", None, False, "ubnd"),
        (5, "more-than-half", None, False, "ubmttq"),
        (6, "more-than-half", None, True, None),
    ]
    assert all(
        set(r)
        == {"item", "title", "threshold", "commune_wide", "online_vote", "recognised_by", "source"}
        for r in rows
    )
    assert rows[3]["title"] == "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố."
    assert "Điều 21 khoản 1" in rows[0]["source"] and "Điều 15 khoản 1" in rows[0]["source"]
    assert "khoản 2" not in rows[0]["source"].split("Điều 21")[1][:10]


@pytest.mark.django_db
def test_it_makes_the_meeting_notice_a_minimum_never_rolled_nd59_art_3_3() -> None:
    """NĐ 59/2023/NĐ-CP, Điều 3 khoản 3: notice Friday 13/02/2026 → the meeting may be held from
    Sunday 15/02 (not moved to a working day, the old answer 23/02)."""
    day, rule = services.earliest_meeting_day(date(2026, 2, 13))
    assert (day, rule.kind, rule.days) == (date(2026, 2, 15), "minimum", 2)
    assert "Điều 3 khoản 3" in rule.source
    out = io.StringIO()
    call_command(
        "deadline",
        "--procedure",
        "dan-quyet-dinh",
        "--step",
        "thong-bao-hop",
        "--from",
        "2026-02-13",
        stdout=out,
    )
    assert "15/02/2026" in out.getvalue()


@time_machine.travel(date(2026, 2, 13), tick=False)
def test_it_allows_a_sunday_meeting_two_days_after_a_friday_notice_nd59_art_3_3(
    villages: Villages,
) -> None:
    """NĐ 59/2023/NĐ-CP, Điều 3 khoản 3: the page agrees with the command (15/02, a Sunday)."""
    d = villages.decision(1)
    kwargs = dict(
        decision=d,
        village=villages.doan_ket,
        place="Nhà văn hóa",
        notice_on=date(2026, 2, 13),
        convened_by="Trưởng thôn",
        by=villages.world.officer_a,
    )
    with pytest.raises(DomainError, match="họp sớm nhất ngày 15/02/2026"):
        services.meeting_create(held_on=date(2026, 2, 14), **kwargs)  # type: ignore[arg-type]
    m = services.meeting_create(held_on=date(2026, 2, 15), **kwargs)  # type: ignore[arg-type]
    assert m.held_on == date(2026, 2, 15)


@pytest.mark.parametrize("number", [3, 4, 5])
def test_it_keeps_items_3_to_5_at_a_meeting_art_17_2(villages: Villages, number: int) -> None:
    """Điều 17 khoản 2: items 3–5 are decided at a meeting; a ballot only as Điều 19 khoản 1
    điểm b allows (after a meeting short of households)."""
    with pytest.raises(DomainError, match=r"tại cuộc họp.*Điều 17 khoản 2.*Điều 19 khoản 1 điểm b"):
        villages.decision(number, form="ballot")
    assert not CommunityDecision.objects.exists()


def test_it_allows_a_ballot_after_a_meeting_short_of_households_art_19_1_b(
    villages: Villages,
) -> None:
    """Điều 19 khoản 1 điểm b: 20 of 50 households came (even all agreeing, 20/50 ≤ 1/2): a
    ballot may follow; a meeting where 40 came could have decided, no ballot instead of it."""
    short = villages.decision(3, title="Hương ước (họp lần 1)")
    villages.tally(villages.meeting(short), agree=18, present=20)
    short.refresh_from_db()
    assert "có thể phát phiếu lấy ý kiến từng hộ (Luật THDCCS 2022, Điều 19 khoản 1 điểm b)" in (
        short.outcome_text
    )
    ballot = services.decision_create(
        commune=villages.world.commune,
        item=villages.item(3),
        title="Hương ước (phát phiếu)",
        content="…",
        scope="village",
        villages=[villages.doan_ket],
        form="ballot",
        follows=short,
        by=villages.world.officer_a,
    )
    assert ballot.follows == short
    full = villages.decision(4, title="Bầu Trưởng thôn")
    villages.tally(villages.meeting(full), agree=20, present=40)
    with pytest.raises(DomainError, match="đủ để đạt ngưỡng"):
        services.decision_create(
            commune=villages.world.commune,
            item=villages.item(4),
            title="Bầu Trưởng thôn (phát phiếu)",
            content="…",
            scope="village",
            villages=[villages.doan_ket],
            form="ballot",
            follows=full,
            by=villages.world.officer_a,
        )


def test_it_holds_an_online_vote_only_when_more_than_half_chose_it_nd59_art_5_2_c(
    villages: Villages,
) -> None:
    """NĐ 59/2023/NĐ-CP, Điều 5 khoản 2 điểm c: 25 of 50 households = 50% is not enough."""
    d = villages.decision(6, form="online", title="Lịch dọn vệ sinh đường làng")
    kwargs = dict(
        decision=d,
        village=villages.doan_ket,
        held_on=date(2026, 5, 8),
        ballot_until=date(2026, 5, 10),
        place="Nhóm Zalo thôn Đoàn Kết",
        notice_on=date(2026, 5, 7),
        convened_by="Tổ lấy ý kiến trực tuyến",
        by=villages.world.officer_a,
    )
    with pytest.raises(DomainError, match=r"trên 1/2.*Điều 5 khoản 2 điểm c.*25/50 hộ = 50%"):
        services.meeting_create(online_agreed=25, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(DomainError, match="nhập số hộ đã đồng ý"):
        services.meeting_create(**kwargs)  # type: ignore[arg-type]
    m = services.meeting_create(online_agreed=26, **kwargs)  # type: ignore[arg-type]
    assert m.online_agreed == 26


@pytest.mark.parametrize("number", [1, 2, 6])
def test_it_puts_items_1_2_6_in_effect_on_the_vote_art_21_2(
    villages: Villages, number: int
) -> None:
    """Điều 21 khoản 2: a village decision on items 1, 2, 6 takes effect on the day of the vote;
    nobody recognises it, no clock runs, nobody is reminded."""
    d = _sent(villages, number)
    assert (d.status, d.effective_on, d.recognise_due) == (
        Status.IN_EFFECT,
        date(2026, 5, 8),
        None,
    )
    assert d in CommunityDecision.objects.public()
    with pytest.raises(DomainError):
        services.decision_recognise(
            decision=d, recognised_on=date(2026, 5, 12), note="", by=villages.world.chairman
        )
    hook = apps.get_app_config("decisions").send_reminders
    assert hook(today=date(2026, 6, 1)) == {"before": 0, "overdue": 0}


def test_it_lets_the_committee_set_the_day_a_commune_wide_decision_takes_effect_art_21_2(
    villages: Villages,
) -> None:
    """Điều 21 khoản 2, đoạn 2: items 1–2 commune-wide: the UBND decides when it takes effect."""
    w = villages.world
    d = villages.decision(1, scope="commune")
    villages.tally(villages.meeting(d), agree=40)
    villages.tally(villages.meeting(d, villages.hoa_binh), agree=25, present=30)
    d = services.record_send(decision=d, sent_on=date(2026, 5, 11), by=w.officer_a)
    assert (d.status, d.recognise_due) == (Status.SENT, None)
    with pytest.raises(DomainError, match="nhập ngày có hiệu lực"):
        services.decision_recognise(
            decision=d, recognised_on=date(2026, 5, 12), note="", by=w.chairman
        )
    with pytest.raises(DomainError, match="Ủy ban nhân dân xã"):
        services.decision_recognise(
            decision=d,
            recognised_on=date(2026, 5, 12),
            note="",
            effective_on=date(2026, 6, 1),
            by=w.front,
        )
    d = services.decision_recognise(
        decision=d,
        recognised_on=date(2026, 5, 12),
        note="Quyết định số 20/QĐ-UBND",
        effective_on=date(2026, 6, 1),
        by=w.chairman,
    )
    assert (d.status, d.effective_on) == (Status.IN_EFFECT, date(2026, 6, 1))
    text = "\n".join(
        p.text for p in Document(io.BytesIO(record_docx(d, today=date(2026, 5, 12)))).paragraphs
    )
    assert "Toàn xã: ít nhất 2/3 tổng số thôn, tổ dân phố tán thành" in text
    assert "Có hiệu lực từ ngày 01/06/2026." in text


def test_it_records_a_refusal_in_writing_with_reasons_art_21_2(villages: Villages) -> None:
    """Điều 21 khoản 2: "trường hợp không công nhận thì phải trả lời bằng văn bản và nêu rõ lý do"."""
    w = villages.world
    d = _sent(villages, 4, title="Bầu Trưởng thôn Đoàn Kết")
    with pytest.raises(DomainError, match="nêu rõ lý do"):
        services.decision_refuse(
            decision=d, refused_on=date(2026, 5, 12), reasons="  ", by=w.chairman
        )
    with pytest.raises(DomainError, match="Ủy ban nhân dân xã"):
        services.decision_refuse(decision=d, refused_on=date(2026, 5, 12), reasons="x", by=w.front)
    with pytest.raises(DomainError, match="trước ngày gửi"):
        services.decision_refuse(
            decision=d, refused_on=date(2026, 5, 10), reasons="x", by=w.chairman
        )
    d = services.decision_refuse(
        decision=d,
        refused_on=date(2026, 5, 14),
        reasons="Người trúng cử chưa đủ 21 tuổi.",
        by=w.chairman,
    )
    assert (d.status, d.refusal_reasons) == (Status.REFUSED, "Người trúng cử chưa đủ 21 tuổi.")
    assert d not in CommunityDecision.objects.public()
    entry = AuditEntry.objects.get(action="decisions.refused")
    assert entry.changes["reasons"] == "Người trúng cử chưa đủ 21 tuổi."
    assert entry.changes["on_time"] is True
    with pytest.raises(DomainError):
        services.decision_recognise(
            decision=d, recognised_on=date(2026, 5, 15), note="", by=w.chairman
        )
    text = "\n".join(
        p.text for p in Document(io.BytesIO(record_docx(d, today=date(2026, 5, 14)))).paragraphs
    )
    assert "không công nhận (văn bản trả lời ngày 14/05/2026). Lý do: Người trúng cử" in text
    assert "trả lời bằng văn bản và nêu rõ lý do" in text


def test_it_refuses_on_the_page_and_keeps_what_was_typed_art_21_2(villages: Villages) -> None:
    """The refusal form: no reasons → 400 in Vietnamese, nothing changed; with reasons → done."""
    w = villages.world
    d = _sent(villages, 5, title="Bầu thành viên Ban Thanh tra nhân dân")
    client = w.client(w.front)
    page = client.get(reverse("decisions:detail", args=[d.pk])).content.decode()
    assert "Không công nhận (Ủy ban Mặt trận Tổ quốc Việt Nam xã)" in page
    url = reverse("decisions:refuse", args=[d.pk])
    response = client.post(url, {"refused_on": "2026-05-12", "reasons": ""})
    assert response.status_code == 400
    assert "Vui lòng" in response.content.decode() or "bắt buộc" in response.content.decode()
    response = client.post(
        url, {"refused_on": "2026-05-31", "reasons": "<b>Chưa đủ</b> tiêu chuẩn"}
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.status == Status.REFUSED
    body = client.get(reverse("decisions:detail", args=[d.pk])).content.decode()
    assert "&lt;b&gt;Chưa đủ&lt;/b&gt; tiêu chuẩn" in body


def test_it_tells_the_people_when_a_decision_took_effect_without_recognition_art_21_2(
    villages: Villages,
) -> None:
    """Điều 21 khoản 2: the portal shows a village decision on item 1 in effect from its vote,
    and says that it needs no recognition (it used to print an empty "công nhận ngày")."""
    d = _sent(villages, 1)
    anon = villages.world.client(None)
    listed = anon.get("/dan-quyet-dinh/").content.decode()
    assert "có hiệu lực từ 08/05/2026" in listed
    page = anon.get(f"/dan-quyet-dinh/{d.pk}/").content.decode()
    assert "từ ngày 08/05/2026" in page and "không cần công nhận" in page
    assert "công nhận ngày  " not in page
