"""Forms refuse bad input in Vietnamese, keep what was typed, and never answer 500."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.decisions.models import CommunityDecision, Tally
from danvan.decisions.tests.conftest import Villages, minutes


def test_it_refuses_bad_tallies_and_keeps_what_was_typed(villages: Villages) -> None:
    m = villages.meeting(villages.decision(1))
    client = villages.world.client(villages.world.village_head)
    url = reverse("decisions:tally", args=[m.pk])
    for data, message in (
        ({"present": "abc", "agree": "1", "disagree": "0", "invalid": "0"}, "nhập một số nguyên"),
        ({"present": "-3", "agree": "1", "disagree": "0", "invalid": "0"}, "nhập một số nguyên"),
        (
            {"present": "9" * 30, "agree": "1", "disagree": "0", "invalid": "0"},
            "nhập một số nguyên",
        ),
        ({"present": "60", "agree": "40", "disagree": "0", "invalid": "0"}, "lớn hơn tổng số hộ"),
    ):
        response = client.post(url, {**data, "minutes": minutes()})
        assert response.status_code == 400
        assert message in response.content.decode()
    response = client.post(
        url,
        {
            "present": "40",
            "agree": "30",
            "disagree": "5",
            "invalid": "0",
            "minutes": SimpleUploadedFile("anh.png", b"MZ\x90\x00 not an image"),
        },
    )
    assert response.status_code == 400
    assert "không đúng định dạng" in response.content.decode()
    assert 'value="30"' in response.content.decode()
    assert not Tally.objects.exists()


def test_it_escapes_markup_and_refuses_malformed_dates(villages: Villages) -> None:
    w = villages.world
    client = w.client(w.officer_a)
    response = client.post(
        reverse("decisions:create") + f"?xa={w.commune.pk}",
        {
            "item": villages.item(1).pk,
            "title": "<script>alert(1)</script>Đường",
            "content": "Góp <b>500.000</b>",
            "scope": "village",
            "villages": [villages.doan_ket.pk],
            "form": "meeting",
        },
    )
    d = CommunityDecision.objects.get()
    body = w.client(w.readonly_a).get(reverse("decisions:detail", args=[d.pk])).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body
    response = client.post(
        reverse("decisions:meeting_create", args=[d.pk]),
        {
            "village": villages.doan_ket.pk,
            "notice_on": "2026-02-31",
            "held_on": "99999-01-01",
            "place": "Nhà văn hóa",
            "convened_by": "Trưởng thôn",
        },
    )
    assert response.status_code == 400
    assert "Ngày không hợp lệ" in response.content.decode()
    assert "Nhà văn hóa" in response.content.decode()


def test_it_refuses_an_online_ballot_on_the_form_citing_the_article(villages: Villages) -> None:
    w = villages.world
    response = w.client(w.chairman).post(
        reverse("decisions:create") + f"?xa={w.commune.pk}",
        {
            "item": villages.item(4).pk,
            "title": "Bầu Trưởng thôn",
            "content": "Bầu Trưởng thôn nhiệm kỳ mới",
            "scope": "village",
            "villages": [villages.doan_ket.pk],
            "form": "online",
        },
    )
    assert response.status_code == 400
    assert "không được biểu quyết trực tuyến" in response.content.decode()
    assert "Điều 17 khoản 2" in response.content.decode()
    assert not CommunityDecision.objects.exists()


def test_the_kept_facts_and_history_are_written_again_after_a_write(villages: Villages) -> None:
    """The decision's facts and history are kept as written (issue 16): the same HTML as the
    template writes them, and a tally entered since shows in both on the next visit."""
    from django.template.loader import render_to_string

    from danvan.core.audit import history

    w = villages.world
    d = villages.decision(1)
    m = villages.meeting(d)
    client = w.client(w.chairman)
    url = reverse("decisions:detail", args=[d.pk])
    first = client.get(url).content.decode()
    assert render_to_string("decisions/_history.html", {"history": history(d)[:50]}) in first
    villages.tally(m, agree=30)
    again = client.get(url).content.decode()
    d.refresh_from_db()
    assert d.get_outcome_display() in again
    assert render_to_string("decisions/_history.html", {"history": history(d)[:50]}) in again
    assert again.count("<li>") > first.count("<li>")
    # The villages' rows are kept per reader's rights: each sees what he may do.
    from danvan.decisions.views import _village_rows

    for user in (w.chairman, w.village_head, w.readonly_a):
        page = w.client(user).get(url).content.decode()
        context = {"d": d, "rows": _village_rows(user, d), "open_voting": True}
        assert render_to_string("decisions/_rows.html", context) in page
        assert (f"/can-bo/dan-quyet-dinh/cuoc-hop/{m.pk}/" in page) == (user != w.readonly_a)


def test_the_kept_proposal_form_is_the_form_written_afresh_and_lists_a_village_since(
    villages: Villages, settings: Any
) -> None:
    """Kept: a village added without an entry in the log is not listed yet (the proof that the
    form is kept); listed once a record of the commune changes."""
    from danvan.core.audit import log_action
    from danvan.core.models import Unit
    from danvan.testing.pages import kept_as_fresh

    world = villages.world
    url = f"{reverse('decisions:create')}?xa={world.commune.pk}"
    fresh = kept_as_fresh(world.client(world.chairman), url, settings)
    assert "Khoản 1" in fresh and "Thôn Mới Lập" not in fresh
    Unit.objects.create(kind=Unit.Kind.VILLAGE, name="Thôn Mới Lập", parent=world.commune)
    assert "Thôn Mới Lập" not in world.client(world.chairman).get(url).content.decode()
    log_action(world.commune, "units.changed", by=world.admin)
    assert "Thôn Mới Lập" in world.client(world.chairman).get(url).content.decode()


def test_the_kept_households_page_shows_a_count_set_since(
    villages: Villages, settings: Any
) -> None:
    from datetime import date

    from danvan.decisions import services
    from danvan.testing.pages import kept_as_fresh

    world = villages.world
    url = f"{reverse('decisions:households')}?xa={world.commune.pk}"
    assert "Tổng điều tra 2027" not in kept_as_fresh(world.client(world.officer_b), url, settings)
    services.households_set(
        commune=world.commune,
        village=villages.hoa_binh,
        households=77,
        representatives=70,
        as_of=date(2026, 1, 1),
        source="Tổng điều tra 2027",
        by=world.officer_b,
    )
    assert "Tổng điều tra 2027" in world.client(world.officer_b).get(url).content.decode()


def test_the_kept_list_is_the_list_written_afresh_and_shows_a_proposal_since(
    villages: Villages, plan: Any, settings: Any
) -> None:
    """Kept by the decisions' marks: another app's write leaves it kept (no query of the
    decisions), a proposal made since shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.core.audit import log_action
    from danvan.testing.pages import kept_as_fresh

    world = villages.world
    villages.decision(title="Làm đường bê tông liên thôn")
    url = f"{reverse('decisions:index')}?xa={world.commune.pk}"
    client = world.client(world.readonly_a)
    assert "Làm đường bê tông liên thôn" in kept_as_fresh(client, url, settings)
    log_action(plan, "plans.plan_updated", by=world.chairman)  # another app's record
    with CaptureQueriesContext(connection) as seen:
        client.get(url)
    assert not any('FROM "decisions_communitydecision"' in q["sql"] for q in seen.captured_queries)
    villages.decision(title="Xây nhà văn hóa thôn")
    assert "Xây nhà văn hóa thôn" in client.get(url).content.decode()
