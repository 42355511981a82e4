"""Striking a denouncer's identity as people actually write it (Luật Tố cáo 2018, Điều 8 khoản 3,
Điều 56 khoản 2): phones with any separators and prefixes, parts of an address, the given name
after a form of address; and every output that copies a letter (intake, search, the verifier's
file, notices, reminder e-mails, the statistics export) strikes them.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import date
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from danvan.conftest import World
from danvan.core.models import AuditEntry, Notification
from danvan.lib import officialdoc
from danvan.lib.text import fold
from danvan.petitions import exports, notices, selectors, services, vault
from danvan.petitions.dossier import dossier_docx
from danvan.petitions.models import Petition, PetitionKind
from danvan.petitions.redaction import (
    FORMS_OF_ADDRESS,
    REDACTED,
    Redactor,
    denunciations_restrike,
    redact_identity,
)
from danvan.petitions.reminders import send_petition_reminders
from danvan.petitions.search import search

NAME = "Nguyễn Văn Tường"
ADDRESS = "Số 12 ngõ 7, xóm Bản Mới, xã Hồng Phong, tỉnh Lạng Sơn"
PHONE = "0987654321"
ID_NUMBER = "020187004321"
IDENTITY = {
    "name": NAME,
    "address": ADDRESS,
    "phone": PHONE,
    "email": "tuong.nv@example.org",
    "id_number": ID_NUMBER,
}
# What the issue found surviving, and more of the same.
VARIANTS = [
    "(098) 765-4321",
    "+84 98 765 4321",
    "84987654321",
    "0987.654.321",
    "(+84) 987-654-321",
    "số 12 ngõ 7",
    "Nhà số 12, ngõ 7",
    "ngõ 7",
    "xóm Bản Mới",
    "XOM BAN MOI",
    "ông Tường",
    "ong Tuong",
    "ÔNG TƯỜNG",
    "chú Văn Tường",
    "anh Nguyễn Tường",
    "CCCD 020 187 004 321",
    "Tuong.NV@example.org",
]
# What each variant must not leave behind, folded.
TRACES = ["tuong", "ban moi", "ngo 7"]


def traces_in(text: str) -> list[str]:
    """The identity's traces in `text`: folded words and the phone's or ID's digits."""
    folded = fold(re.sub(r"<[^>]+>", " ", text))
    found = [t for t in TRACES if re.search(rf"(?<!\w){t}(?!\w)", folded)]
    for run in re.findall(r"\d[\d\s.()+-]*", folded):
        digits = re.sub(r"\D", "", run)
        found += [d for d in ("987654321", ID_NUMBER) if d in digits]
    return found


def letter() -> str:
    return "Tôi tên là " + ", ".join(VARIANTS) + ". Cán bộ địa chính thu tiền không có biên lai."


# --- the rules, as properties ----------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Lường", "Nông", "Hà"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Thanh", "Minh", "Xuân"]
# Real given names, among them everyday words ("An", "Hà", "Bình", "Hoa").
GIVEN = ["Tường", "Nguyệt", "Thắm", "An", "Hà", "Bình", "Hoa", "Mai", "Hòa", "Đạt", "Ánh"]
LETTERS = (
    "abcdeghiklmnopqrstuvxyàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
)
# Words of the fixed text around each variant: a given name equal to one of them is skipped.
CONTEXT = "Toi biet chuyen nay, to cao can bo dia chinh thu tien sai"


def spell(text: str, how: str) -> str:
    """The same words as someone might type them."""
    if how == "upper":
        return text.upper()
    if how == "lower":
        return text.lower()
    if how == "bare":  # no diacritics, as on a phone without a Vietnamese keyboard
        return "".join(
            c
            for c in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
            if not unicodedata.combining(c)
        )
    if how == "decomposed":
        return unicodedata.normalize("NFD", text)
    return text


spellings = st.sampled_from(["as is", "upper", "lower", "bare", "decomposed"])
given_names = st.one_of(
    st.sampled_from(GIVEN),
    st.text(alphabet=LETTERS, min_size=3, max_size=7).map(str.capitalize),
)
names = st.builds(
    lambda f, m, g: f"{f} {m} {g}", st.sampled_from(FAMILY), st.sampled_from(MIDDLE), given_names
)
mobiles = st.from_regex(r"0[35789][0-9]{8}", fullmatch=True)

FUZZ = settings(max_examples=200, deadline=None)


def in_context(written: str) -> str:
    return f"Toi biet chuyen nay: {written}, to cao can bo dia chinh thu tien sai."


@FUZZ
@given(name=names, form=st.sampled_from(FORMS_OF_ADDRESS), how=spellings, form_how=spellings)
def test_it_strikes_the_given_name_after_any_form_of_address(
    name: str, form: str, how: str, form_how: str
) -> None:
    given_name = name.split()[-1]
    assume(fold(given_name) not in fold(f"{CONTEXT} {REDACTED}").split())
    text = in_context(f"{spell(form, form_how)} {spell(given_name, how)}")
    struck = redact_identity(text, {"name": name})
    assert fold(given_name) not in fold(struck).replace(",", " ").split(), struck
    assert REDACTED in struck
    assert "to cao can bo dia chinh" in struck  # the letter itself stays


@FUZZ
@given(name=names, how=spellings)
def test_it_strikes_the_full_name_and_family_with_given_name(name: str, how: str) -> None:
    family, *_middle, given_name = name.split()
    for written in (name, f"{family} {given_name}"):
        struck = redact_identity(in_context(spell(written, how)), {"name": name})
        assert struck == in_context(REDACTED), struck


def phone_written(draw: Any, digits: str) -> str:
    """The number with a random national prefix, grouping and separators."""
    prefix = draw(st.sampled_from(["0", "+84", "+84 ", "84", "(+84) ", "0084 ", "+84 (0)"]))
    rest = digits[1:]
    cuts = sorted(draw(st.sets(st.integers(1, len(rest) - 1), max_size=4)))
    groups = [rest[a:b] for a, b in zip([0, *cuts], [*cuts, len(rest)], strict=True)]
    seps = [draw(st.sampled_from(["", " ", ".", "-", " - ", "–"])) for _ in groups[1:]]
    if prefix == "0" and len(groups) > 1 and draw(st.booleans()):
        seps[0] = draw(st.sampled_from(["", " ", "-", " - "]))
        groups[0] = f"({prefix}{groups[0]})"  # the area or network code in brackets
    else:
        groups[0] = prefix + groups[0]
    return groups[0] + "".join(s + g for s, g in zip(seps, groups[1:], strict=True))


@FUZZ
@given(data=st.data(), phone=mobiles)
def test_it_strikes_a_phone_whatever_its_prefix_and_separators(data: Any, phone: str) -> None:
    stored = phone_written(data.draw, phone)  # the vault's copy is typed freely too
    written = phone_written(data.draw, phone)
    struck = redact_identity(in_context(written), {"phone": stored})
    assert phone[1:] not in re.sub(r"\D", "", struck), (written, struck)
    assert struck.endswith("to cao can bo dia chinh thu tien sai.")


@FUZZ
@given(
    data=st.data(),
    house=st.integers(1, 300),
    lane=st.integers(1, 99),
    place=st.sampled_from(["xóm", "thôn", "bản", "tổ dân phố", "ấp"]),
    hamlet=st.sampled_from(["Bản Mới", "Nà Pàn", "Khau Ngù", "Đoàn Kết", "Pò Mã", "Còn Quyền"]),
    how=spellings,
)
def test_it_strikes_the_parts_of_an_address(
    data: Any, house: int, lane: int, place: str, hamlet: str, how: str
) -> None:
    comma = data.draw(st.sampled_from([", ", " "]))
    address = f"Số {house}{comma}ngõ {lane}{comma}{place} {hamlet}, xã Hồng Phong, tỉnh Lạng Sơn"
    written = data.draw(
        st.sampled_from(
            [
                f"số {house} ngõ {lane}",
                f"nhà số {house}, ngõ {lane}",
                f"ngõ {lane}",
                f"{place} {hamlet}",
                f"xóm {hamlet}",
                address,
            ]
        )
    )
    struck = redact_identity(in_context(spell(written, how)), {"address": address})
    folded = fold(struck)
    assert fold(hamlet) not in folded and f"ngo {lane}" not in folded, struck
    assert not re.search(rf"so (nha )?{house}\b", folded), struck


ORDINARY = [
    "Đảm bảo an ninh trật tự, ông bà con cháu trong xóm đều biết.",
    "Có an toàn không? Bản mới của quyết định đã gửi.",
    "Theo Quyết định số {house}/QĐ-UBND ngày {day}/3/2026, thu {money} đồng.",
    "Gọi đường dây nóng {other}.",
    "Anh em trong thôn họp ngày {day}; đường vào ngõ hẹp.",
    "Chị em phụ nữ được hỗ trợ, có an sinh xã hội.",
]


real_names = st.builds(
    lambda f, m, g: f"{f} {m} {g}",
    st.sampled_from(FAMILY),
    st.sampled_from(MIDDLE),
    st.sampled_from(GIVEN),
)


@FUZZ
@given(
    data=st.data(),
    name=real_names,
    phone=mobiles,
    other=mobiles,
    house=st.integers(1, 300),
    lane=st.integers(1, 99),
)
def test_it_leaves_text_without_the_identity_as_it_was(
    data: Any, name: str, phone: str, other: str, house: int, lane: int
) -> None:
    assume(other[1:] != phone[1:])
    identity = {
        "name": name,
        "phone": phone,
        "address": f"Số {house}, ngõ {lane}, xóm Bản Mới, xã Hồng Phong",
        "id_number": ID_NUMBER,
    }
    template = data.draw(st.sampled_from(ORDINARY))
    text = template.format(house=house, day=lane % 28 + 1, money=phone[:6], other=other)
    assert redact_identity(text, identity) == text


class TestExamples:
    """The issue's own examples, and the limits the module docstring draws."""

    def test_it_strikes_each_variant_the_issue_found(self) -> None:
        for written in VARIANTS:
            struck = redact_identity(f"Xin báo: {written}.", IDENTITY)
            assert not traces_in(struck), (written, struck)

    def test_it_leaves_a_bare_given_name_and_its_everyday_words(self) -> None:
        identity = {"name": "Lê Thị An"}
        text = "Đảm bảo an ninh; có an toàn không; An ninh thôn tốt."
        assert redact_identity(text, identity) == text
        assert redact_identity("cô An đến nhà", identity) == f"{REDACTED} đến nhà"

    def test_it_leaves_the_commune_and_a_house_number_alone(self) -> None:
        text = "Xã Hồng Phong, tỉnh Lạng Sơn ban hành Quyết định số 12; đường Trần Phú."
        identity = {"address": "Số 12, đường Trần Phú, xã Hồng Phong, tỉnh Lạng Sơn"}
        assert redact_identity(text, identity) == text
        assert redact_identity("ở số 12 đường Trần Phú", identity) == f"ở {REDACTED}"

    def test_it_strikes_each_person_a_name_field_lists(self) -> None:
        identity = {"name": "Nguyễn Văn Tường; Hà Thị Nguyệt"}
        assert redact_identity("ông Tường và chị Nguyệt", identity) == f"{REDACTED} và {REDACTED}"

    def test_it_strikes_a_phone_glued_to_its_label(self) -> None:
        assert redact_identity("SĐT0987654321", {"phone": PHONE}) == f"SĐT{REDACTED}"

    def test_it_leaves_other_numbers(self) -> None:
        text = "Số 0987654320, 098 765 432, 10987654321, năm 2026."
        assert redact_identity(text, {"phone": PHONE}) == text


# --- every output -----------------------------------------------------------------------------


def receive(world: World, **extra: Any) -> Petition:
    fields: dict[str, Any] = {
        "commune": world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.POST,
        "kind": PetitionKind.DENUNCIATION,
        "subject": "Tố cáo cán bộ địa chính, người báo tin ông Tường",
        "content": letter(),
        "received_on": date(2026, 3, 2),
        "identity": IDENTITY,
    }
    fields.update(extra)
    return services.petition_receive(**fields)


def legacy(world: World) -> Petition:
    """A denunciation taken in before intake knew these variants: its stored letter holds them."""
    p = receive(world)
    Petition.objects.filter(pk=p.pk).update(
        subject="Tố cáo cán bộ địa chính, người báo tin ông Tường (098) 765-4321",
        content=letter(),
        search_text=fold(f"Tố cáo ông Tường (098) 765-4321 {letter()}"),
    )
    p.refresh_from_db()
    return p


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def test_it_strikes_every_variant_at_intake(world: World) -> None:
    p = receive(world)
    for column in (p.subject, p.content, p.search_text):
        assert not traces_in(column), column
    assert "thu tien khong co bien lai" in p.search_text  # the letter itself stays
    p.refresh_from_db()
    assert not traces_in(f"{p.subject} {p.content} {p.search_text}")


def test_it_shows_the_handling_unit_a_struck_letter(world: World) -> None:
    p = receive(world)
    response = world.client(world.chairman).get(reverse("petitions:detail", args=[p.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "không có biên lai" in html and REDACTED in html
    assert not traces_in(html)


@pytest.mark.parametrize(
    "query", ["0987654321", "098 765 4321", "Tường", "ong tuong", "ban moi", "ngo 7", "tuong.nv"]
)
def test_it_finds_nothing_by_the_denouncers_identity(world: World, query: str) -> None:
    p = receive(world)
    mine = Petition.objects.filter(commune=world.commune)
    assert not search(mine, query).exists()
    assert search(mine, "bien lai").get() == p


def test_it_strikes_the_verifiers_file_even_of_a_legacy_letter(world: World) -> None:
    p = legacy(world)
    text = docx_text(dossier_docx(p, by=world.officer_b, today=date(2026, 3, 10)))
    assert not traces_in(text)
    assert REDACTED in text and "không có biên lai" in text


def test_it_strikes_a_notice_for_another_party(world: World) -> None:
    p = legacy(world)
    kind = notices.KINDS["chuyen-don"]
    document = notices.notice_document(
        p, kind, by=world.officer_b, today=date(2026, 3, 10), to="Công an xã, gặp ông Tường"
    )
    text = docx_text(officialdoc.render_docx(document))
    assert not traces_in(text)
    assert "Công an xã" in text


def test_it_strikes_the_reminder_mail_and_notification(world: World) -> None:
    p = legacy(world)
    assert p.due_on is not None
    mail.outbox.clear()
    sent = send_petition_reminders(today=p.due_on)
    assert sent["before"] == 1
    assert mail.outbox, "the reminder went out by e-mail"
    for message in mail.outbox:
        subject = str(message.subject)
        assert not traces_in(f"{subject}\n{message.body}"), subject
        assert subject.startswith("Sắp đến hạn") and p.code in subject
    for title, body in Notification.objects.values_list("title", "body"):
        assert not traces_in(f"{title} {body}")


def test_it_strikes_before_cutting_a_reminders_subject_short(world: World) -> None:
    p = receive(world)
    # The summary's 150th character falls inside the name: cut first, "ông Tườ" would remain.
    subject = "Tố cáo " + "x" * 135 + " ông Tường và việc khác"
    assert subject[147:150] == "Tườ"
    Petition.objects.filter(pk=p.pk).update(subject=subject)
    mail.outbox.clear()
    assert p.due_on is not None
    send_petition_reminders(today=p.due_on)
    subjects = [m.subject for m in mail.outbox]
    assert subjects and all("Tườ" not in s and "ông T" not in s for s in subjects), subjects


def test_it_sends_a_reminder_even_when_the_vault_cannot_be_read(world: World) -> None:
    p = legacy(world)
    assert p.due_on is not None
    mail.outbox.clear()
    with mock.patch.object(vault, "unseal", side_effect=PermissionError("khóa")):
        send_petition_reminders(today=p.due_on)
    assert mail.outbox
    for message in mail.outbox:
        subject = str(message.subject)
        assert not traces_in(subject) and REDACTED in subject


def test_it_keeps_the_statistics_export_free_of_the_identity(world: World) -> None:
    legacy(world)
    stats = selectors.petition_stats(
        commune=world.commune, start=date(2026, 1, 1), end=date(2026, 12, 31), today=date.today()
    )
    assert stats.total.total == 1
    assert not traces_in(docx_text(exports.stats_xlsx(stats)))


class TestBatches:
    def test_it_reads_the_vault_once_for_a_page_of_denunciations(
        self, world: World, django_assert_num_queries: Any
    ) -> None:
        cases = [receive(world) for _ in range(25)]
        spy = mock.patch.object(vault, "unseal", wraps=vault.unseal)
        with spy as unseal, django_assert_num_queries(1):
            strike = Redactor().load(cases)
            for p in cases:
                for text in (p.subject, p.content, "ông Tường"):
                    assert not traces_in(strike(p, text))
        assert unseal.call_count == 25

    def test_it_leaves_other_kinds_of_petition_alone(self, world: World) -> None:
        p = receive(world, kind=PetitionKind.COMPLAINT, content="Tôi là ông Tường.")
        assert Redactor()(p, p.content) == "Tôi là ông Tường."


class TestRestrike:
    def test_it_strikes_letters_stored_before_and_audits_it(self, world: World) -> None:
        p = legacy(world)
        clean = receive(world)
        assert search(Petition.objects.all(), "ong tuong").get() == p
        assert denunciations_restrike() == (2, 1)
        p.refresh_from_db()
        assert not traces_in(f"{p.subject} {p.content} {p.search_text}")
        assert not search(Petition.objects.all(), "ong tuong").exists()
        assert search(Petition.objects.all(), "bien lai").count() == 2
        entry = AuditEntry.objects.get(action="petitions.restruck")
        assert entry.object_id == str(p.pk)
        assert entry.changes == {"struck_subject": True, "struck_content": True}
        assert not traces_in(f"{entry.changes} {entry.object_repr}")
        assert clean.subject == Petition.objects.get(pk=clean.pk).subject

    def test_it_changes_nothing_the_second_time(self, world: World) -> None:
        legacy(world)
        denunciations_restrike()
        assert denunciations_restrike() == (1, 0)
        assert AuditEntry.objects.filter(action="petitions.restruck").count() == 1

    def test_the_command_reports_and_refuses_an_unknown_commune(
        self, world: World, capsys: Any
    ) -> None:
        legacy(world)
        call_command("redact-denunciations")
        assert "lược bỏ thêm ở 1 đơn" in capsys.readouterr().out
        with pytest.raises(SystemExit) as exit_:
            call_command("redact-denunciations", "--commune", "99999")
        assert exit_.value.code == 2
        assert "Không có xã mã 99999" in capsys.readouterr().err

    def test_the_command_refuses_when_the_key_does_not_match(
        self, world: World, capsys: Any
    ) -> None:
        p = legacy(world)
        broken = mock.patch.object(vault, "unseal", side_effect=PermissionError("khóa"))
        with broken, pytest.raises(SystemExit) as exit_:
            call_command("redact-denunciations")
        assert exit_.value.code == 2
        assert "Không giải mã được danh tính" in capsys.readouterr().err
        assert Petition.objects.get(pk=p.pk).subject == p.subject
