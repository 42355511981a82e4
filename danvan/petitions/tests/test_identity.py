"""The denouncer's identity (Luật Tố cáo 2018, Điều 8 khoản 3, Điều 9 khoản 1 điểm b, Điều 47,
Điều 56 khoản 2): encrypted at rest; revealed only to grant holders, each time logged with a
reason; absent from lists, search, exports, documents for other parties, the verifier's file and
the audit log. One test (at least) proves each of these.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from danvan.conftest import World, _user
from danvan.core.models import AuditEntry, Role, Unit, User
from danvan.lib.text import fold
from danvan.petitions import services, vault
from danvan.petitions.models import (
    IdentityGrant,
    IdentityReveal,
    IdentityVault,
    Petition,
    PetitionKind,
)
from danvan.petitions.search import search
from danvan.testing.browser import Session

NAME = "Lường Thị Thắm"
ADDRESS = "Số 7, ngõ 12, thôn Khau Ngù"
PHONE = "0912 345 678"
EMAIL = "tham.luong@example.org"
ID_NUMBER = "020187004321"
IDENTITY = {
    "name": NAME,
    "address": ADDRESS,
    "phone": PHONE,
    "email": EMAIL,
    "id_number": ID_NUMBER,
}
REVEALED = "petitions.identity_revealed"


def receive(world: World, identity: dict[str, str] | None = None, **extra: Any) -> Petition:
    fields: dict[str, Any] = {
        "commune": world.commune,
        "by": world.officer_b,
        "channel": Petition.Channel.IN_PERSON,
        "kind": PetitionKind.DENUNCIATION,
        "subject": "Tố cáo cán bộ địa chính thu tiền trái quy định",
        "content": "Cán bộ địa chính xã thu tiền đo đạc không có biên lai.",
        "received_on": date(2026, 3, 2),
        "identity": IDENTITY if identity is None else identity,
        "village": world.village,
    }
    fields.update(extra)
    return services.petition_receive(**fields)


@pytest.fixture
def case(world: World) -> Petition:
    """A denunciation handled by officer_b of the reception office, who is granted by assignment."""
    p = receive(world)
    return services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )


def reveal_url(p: Petition) -> str:
    return reverse("petitions:identity_reveal", args=[p.pk])


def access_url(p: Petition) -> str:
    return reverse("petitions:identity_access", args=[p.pk])


def grant_url(p: Petition) -> str:
    return reverse("petitions:identity_grant", args=[p.pk])


def assert_private(response: Any) -> None:
    cache = response.headers.get("Cache-Control", "")
    assert "no-store" in cache and "private" in cache


# --- encrypted at rest --------------------------------------------------------------------


class TestEncryptedAtRest:
    def test_it_stores_no_plain_identity_in_the_vault(self, world: World, case: Petition) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ciphertext FROM petitions_identityvault WHERE petition_id = %s",
                [case.pk],
            )
            raw = bytes(cursor.fetchone()[0])
        for value in IDENTITY.values():
            assert value.encode() not in raw
            assert fold(value).encode() not in raw
        assert b"0912345678" not in raw
        assert vault.unseal(raw)["name"] == NAME

    def test_it_leaves_the_petition_row_empty_for_a_denunciation(
        self, world: World, case: Petition
    ) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM petitions_petition WHERE id = %s", [case.pk])
            row = " ".join(str(v) for v in cursor.fetchone())
        for value in (NAME, ADDRESS, PHONE, EMAIL, ID_NUMBER, fold(NAME)):
            assert value not in row
        case.refresh_from_db()
        assert (case.petitioner_name, case.petitioner_address, case.petitioner_phone) == (
            "",
            "",
            "",
        )

    def test_it_reads_old_identities_after_a_key_rotation(
        self, world: World, case: Petition, settings: Any
    ) -> None:
        old_token = bytes(IdentityVault.objects.get(petition=case).ciphertext)
        new_key = Fernet.generate_key().decode()
        settings.DANVAN_IDENTITY_KEYS = [new_key, *settings.DANVAN_IDENTITY_KEYS]
        assert vault.unseal(old_token)["name"] == NAME
        fresh = vault.seal({"name": "Hà Văn Mới"})
        # New secrets are sealed with the new key, which alone reads them.
        assert Fernet(new_key.encode()).decrypt(fresh)
        settings.DANVAN_IDENTITY_KEYS = [new_key]
        with pytest.raises(PermissionError):
            vault.unseal(old_token)

    def test_it_explains_a_key_mismatch_instead_of_failing(
        self, world: World, case: Petition, settings: Any
    ) -> None:
        settings.DANVAN_IDENTITY_KEYS = [Fernet.generate_key().decode()]
        response = world.client(world.officer_b).post(reveal_url(case), {"reason": "Gọi lại"})
        assert response.status_code == 400
        assert "khóa mã hóa không khớp" in response.content.decode()
        assert not IdentityReveal.objects.exists()


# --- who may reveal -----------------------------------------------------------------------


class TestReveal:
    def test_it_shows_the_form_only_on_get_and_logs_nothing(
        self, world: World, case: Petition
    ) -> None:
        response = world.client(world.officer_b).get(reveal_url(case))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Lý do cần xem danh tính" in page
        assert NAME not in page
        assert_private(response)
        assert not IdentityReveal.objects.exists()

    def test_it_reveals_to_the_handler_granted_by_assignment(
        self, world: World, case: Petition
    ) -> None:
        assert IdentityGrant.objects.filter(petition=case, user=world.officer_b).exists()
        response = world.client(world.officer_b).post(
            reveal_url(case), {"reason": "Liên hệ người tố cáo để bổ sung tài liệu"}
        )
        assert response.status_code == 200
        page = response.content.decode()
        for value in IDENTITY.values():
            assert value in page
        assert_private(response)

    def test_it_logs_every_reveal_with_its_reason(self, world: World, case: Petition) -> None:
        client = world.client(world.officer_b)
        client.post(reveal_url(case), {"reason": "Lần một"})
        client.post(reveal_url(case), {"reason": "Lần hai"})
        reveals = list(IdentityReveal.objects.filter(petition=case).order_by("at"))
        assert [(r.user, r.reason) for r in reveals] == [
            (world.officer_b, "Lần một"),
            (world.officer_b, "Lần hai"),
        ]
        audits = AuditEntry.objects.filter(action=REVEALED, object_id=str(case.pk))
        assert sorted(a.changes["reason"] for a in audits) == ["Lần hai", "Lần một"]
        assert {a.actor for a in audits} == {world.officer_b}

    def test_it_refuses_a_leader_without_the_grant(self, world: World, case: Petition) -> None:
        client = world.client(world.chairman)
        assert client.get(reveal_url(case)).status_code == 403
        assert client.post(reveal_url(case), {"reason": "Xem"}).status_code == 403
        assert not IdentityReveal.objects.exists()

    def test_it_refuses_an_administrator_without_the_grant(
        self, world: World, case: Petition
    ) -> None:
        assert world.client(world.admin).post(reveal_url(case), {"reason": "x"}).status_code == 403

    def test_it_hides_the_case_from_the_platforms_operator(
        self, world: World, case: Petition
    ) -> None:
        # A superuser reads no commune's records (issue #11): the case does not exist for him.
        assert (
            world.client(world.operator).post(reveal_url(case), {"reason": "x"}).status_code == 404
        )
        assert not IdentityReveal.objects.exists()

    @pytest.mark.parametrize(
        "persona", ["officer_a", "readonly_a", "front", "village_head", "province_viewer"]
    )
    def test_it_refuses_those_who_do_not_see_the_case(
        self, world: World, case: Petition, persona: str
    ) -> None:
        client = world.client(getattr(world, persona))
        assert client.get(reveal_url(case)).status_code in (403, 404)
        assert client.post(reveal_url(case), {"reason": "x"}).status_code in (403, 404)
        assert not IdentityReveal.objects.exists()

    def test_it_refuses_an_officer_of_the_handling_unit_without_the_grant(
        self, world: World
    ) -> None:
        p = receive(world)
        services.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_a, unit=world.office_a
        )
        colleague = _user("officer_a2", world.office_a, Role.OFFICER)
        client = world.client(colleague)
        assert client.get(reveal_url(p)).status_code == 403
        assert client.post(reveal_url(p), {"reason": "x"}).status_code == 403
        assert world.client(world.officer_a).get(reveal_url(p)).status_code == 200

    def test_it_hides_the_case_from_another_commune(self, world: World, case: Petition) -> None:
        client = world.client(world.outsider)
        assert client.get(reveal_url(case)).status_code == 404
        assert client.post(reveal_url(case), {"reason": "x"}).status_code == 404

    def test_it_sends_the_anonymous_visitor_to_login(self, world: World, case: Petition) -> None:
        response = world.client(None).get(reveal_url(case))
        assert response.status_code == 302
        assert "/dang-nhap/" in response["Location"]

    def test_it_has_no_such_page_for_other_kinds(self, world: World) -> None:
        p = receive(world, kind=PetitionKind.COMPLAINT)
        assert world.client(world.chairman).get(reveal_url(p)).status_code == 404

    def test_it_requires_a_reason(self, world: World, case: Petition) -> None:
        response = world.client(world.officer_b).post(reveal_url(case), {"reason": "   "})
        assert response.status_code == 400
        assert "Phải nêu lý do" in response.content.decode()
        assert NAME not in response.content.decode()
        assert not IdentityReveal.objects.exists()

    def test_it_refuses_a_long_reason_and_keeps_it(self, world: World, case: Petition) -> None:
        reason = "Lý do dài " + "x" * 400
        response = world.client(world.officer_b).post(reveal_url(case), {"reason": reason})
        assert response.status_code == 400
        page = response.content.decode()
        assert "tối đa 300 ký tự" in page
        assert reason in page
        assert NAME not in page
        assert not IdentityReveal.objects.exists()

    def test_it_drops_nul_bytes_from_the_reason(self, world: World, case: Petition) -> None:
        response = world.client(world.officer_b).post(reveal_url(case), {"reason": "Gọi\x00 lại"})
        assert response.status_code == 200
        assert IdentityReveal.objects.get().reason == "Gọi lại"

    def test_it_strikes_the_name_out_of_a_reason_that_names_it(
        self, world: World, case: Petition
    ) -> None:
        world.client(world.officer_b).post(
            reveal_url(case), {"reason": f"Hẹn gặp bà {NAME.upper()} tại trụ sở"}
        )
        assert NAME.upper() not in IdentityReveal.objects.get().reason
        for entry in AuditEntry.objects.all():
            assert NAME.upper() not in str(entry.changes)

    def test_it_says_so_when_nothing_is_stored(self, world: World) -> None:
        p = receive(world, identity={})
        services.petition_assign(
            petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
        )
        client = world.client(world.officer_b)
        assert "không lưu danh tính" in client.get(reveal_url(p)).content.decode()
        response = client.post(reveal_url(p), {"reason": "x"})
        assert response.status_code == 400
        assert "không lưu danh tính" in response.content.decode()

    def test_it_shows_the_reveal_log_to_leaders_only(self, world: World, case: Petition) -> None:
        world.client(world.officer_b).post(reveal_url(case), {"reason": "Lý do có ghi nhật ký"})
        deputy = _user("deputy", world.commune, Role.LEADER)  # nobody grants himself
        services.identity_grant(petition=case, user=world.chairman, by=deputy)
        leader_page = world.client(world.chairman).get(reveal_url(case)).content.decode()
        assert "Nhật ký xem danh tính" in leader_page
        assert "Lý do có ghi nhật ký" in leader_page
        handler_page = world.client(world.officer_b).get(reveal_url(case)).content.decode()
        assert "Lý do có ghi nhật ký" not in handler_page


# --- who may grant ------------------------------------------------------------------------


@pytest.fixture
def colleague(world: World) -> User:
    """Another officer of the reception office: sees every petition, holds no grant."""
    user = _user("officer_b2", world.office_b, Role.OFFICER)
    user.full_name = "Hoàng Văn Tra"
    user.save()
    return user


class TestGrant:
    def test_it_lets_a_leader_grant_a_named_user(
        self, world: World, case: Petition, colleague: User
    ) -> None:
        response = world.client(world.chairman).post(grant_url(case), {"user": colleague.pk})
        assert response.status_code == 302
        assert IdentityGrant.objects.get(petition=case, user=colleague).granted_by == (
            world.chairman
        )
        entry = AuditEntry.objects.get(action="petitions.identity_granted")
        assert entry.actor == world.chairman and entry.changes == {"user": "Hoàng Văn Tra"}
        assert world.client(colleague).post(reveal_url(case), {"reason": "x"}).status_code == 200

    def test_it_refuses_get(self, world: World, case: Petition) -> None:
        assert world.client(world.chairman).get(grant_url(case)).status_code == 405

    def test_it_refuses_the_handler_who_is_not_a_leader(
        self, world: World, case: Petition, colleague: User
    ) -> None:
        response = world.client(world.officer_b).post(grant_url(case), {"user": colleague.pk})
        assert response.status_code == 403
        assert not IdentityGrant.objects.filter(user=colleague).exists()

    def test_it_refuses_a_system_administrator(
        self, world: World, case: Petition, colleague: User
    ) -> None:
        response = world.client(world.admin).post(grant_url(case), {"user": colleague.pk})
        assert response.status_code == 403

    def test_it_refuses_a_leader_of_another_commune(
        self, world: World, case: Petition, colleague: User
    ) -> None:
        other_leader = _user("other_chairman", world.other_commune, Role.LEADER)
        response = world.client(other_leader).post(grant_url(case), {"user": colleague.pk})
        assert response.status_code == 404
        assert not IdentityGrant.objects.filter(user=colleague).exists()

    @pytest.mark.parametrize("who", ["officer_a", "outsider", "readonly_a"])
    def test_it_refuses_a_user_who_cannot_see_the_case(
        self, world: World, case: Petition, who: str
    ) -> None:
        target = getattr(world, who)
        response = world.client(world.chairman).post(grant_url(case), {"user": target.pk})
        assert response.status_code == 400
        assert "Không giao được quyền" in response.content.decode()
        assert not IdentityGrant.objects.filter(user=target).exists()

    @pytest.mark.parametrize("value", ["", "abc", "\x00", "99999999999999999999", "-1"])
    def test_it_explains_bad_input(self, world: World, case: Petition, value: str) -> None:
        response = world.client(world.chairman).post(grant_url(case), {"user": value})
        assert response.status_code == 400
        assert 'class="dv-error"' in response.content.decode()

    def test_it_lists_grants_and_the_log_for_leaders(self, world: World, case: Petition) -> None:
        world.client(world.officer_b).post(reveal_url(case), {"reason": "Đối chiếu chữ ký"})
        response = world.client(world.chairman).get(access_url(case))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Officer_B" in page and "Đối chiếu chữ ký" in page
        assert NAME not in page
        assert_private(response)

    @pytest.mark.parametrize("persona", ["officer_b", "admin"])
    def test_it_hides_the_grants_page_from_non_leaders(
        self, world: World, case: Petition, persona: str
    ) -> None:
        assert world.client(getattr(world, persona)).get(access_url(case)).status_code == 403

    def test_it_hides_the_grants_page_from_another_commune(
        self, world: World, case: Petition
    ) -> None:
        assert world.client(world.outsider).get(access_url(case)).status_code == 404


# --- absent everywhere else ---------------------------------------------------------------

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Lường"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Thanh", "Minh", "Xuân"]
LETTERS = (
    "abcdeghiklmnopqrstuvxyàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
)
names = st.builds(
    lambda f, m, g: f"{f} {m} {g.capitalize()}",
    st.sampled_from(FAMILY),
    st.sampled_from(MIDDLE),
    st.text(alphabet=LETTERS, min_size=5, max_size=9),
)
phones = st.from_regex(r"09[0-9]{8}", fullmatch=True)


def docx_xml(content: bytes) -> str:
    """Every text part of a .docx (body, header, properties): where a name could hide."""
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


def assert_absent(text: str, name: str, phone: str, where: str) -> None:
    plain = re.sub(r"<[^>]+>", "", text)
    for needle in (name, phone):
        assert needle not in text and needle not in plain, f"{needle!r} leaked into {where}"
    assert fold(name) not in fold(plain), f"{name!r} (folded) leaked into {where}"


def _optional_url(name: str, *args: Any) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def pages_without_identity(world: World, p: Petition) -> dict[str, tuple[Client, str]]:
    """Every page and download of the case that must not carry the identity, by who asks."""
    handler, leader = world.client(world.officer_b), world.client(world.chairman)
    pages = {
        "reveal form": (handler, reveal_url(p)),
        "grants page": (leader, access_url(p)),
        "notices page": (handler, reverse("petitions:notices", args=[p.pk])),
        "forwarding slip": (
            handler,
            reverse("petitions:notice", args=[p.pk, "chuyen-don"]) + "?den=Công an tỉnh",
        ),
        "verifier file (grant holder)": (
            handler,
            reverse("petitions:verification_dossier", args=[p.pk]),
        ),
        "refusal notice (leader without the grant)": (
            leader,
            reverse("petitions:notice", args=[p.pk, "khong-thu-ly"]),
        ),
    }
    for label, name, args in [
        ("petition list", "petitions:list", ()),
        ("petition detail", "petitions:detail", (p.pk,)),
        ("statistics export", "petitions:stats_xlsx", ()),
        ("statistics export", "petitions:stats_xlsx", ()),
    ]:
        url = _optional_url(name, *args)
        if url:
            pages[f"{label} ({name})"] = (leader, url)
    return pages


FUZZ = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _fetch(client: Client, url: str, where: str) -> str:
    path, _, query = url.partition("?")
    # A document of a case is made by POST (issue #11); pages and exports are read by GET.
    response = client.post(path, QueryDict(query)) if path.endswith(".docx") else client.get(url)
    assert response.status_code == 200, f"{where}: {response.status_code}"
    body = response.content
    return docx_xml(body) if body[:2] == b"PK" else body.decode()


@FUZZ
@given(name=names, phone=phones)
def test_it_never_leaks_a_random_name_into_pages_exports_or_the_log(
    world: World, name: str, phone: str
) -> None:
    p = receive(world, identity={"name": name, "phone": phone, "address": "Thôn Bản Cưởm"})
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    for where, (client, url) in pages_without_identity(world, p).items():
        assert_absent(_fetch(client, url, where), name, phone, where)
    for entry in AuditEntry.objects.filter(object_id=str(p.pk)):
        assert_absent(f"{entry.changes} {entry.object_repr}", name, phone, "audit log")


@FUZZ
@given(name=names, phone=phones)
def test_it_strikes_a_name_written_in_the_letter_out_of_documents_for_others(
    world: World, name: str, phone: str
) -> None:
    # The letter itself often names its writer; the copies for others must not (Điều 56 khoản 2).
    p = receive(
        world,
        identity={"name": name, "phone": phone},
        content=f"Tôi là {name.upper()}, điện thoại {phone[:4]}.{phone[4:7]}.{phone[7:]}, tố "
        "cáo cán bộ thu tiền trái quy định.",
    )
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    handler = world.client(world.officer_b)
    docs = {
        "forwarding slip": reverse("petitions:notice", args=[p.pk, "chuyen-don"]),
        "verifier file": reverse("petitions:verification_dossier", args=[p.pk]),
    }
    for where, url in docs.items():
        text = _fetch(handler, url, where)
        assert_absent(text, name, phone, where)
        assert_absent(text, name.upper(), f"{phone[:4]}.{phone[4:7]}.{phone[7:]}", where)
    assert "tố cáo cán bộ thu tiền" in text  # the verifier file keeps the letter, struck out


@FUZZ
@given(name=names)
def test_it_keeps_the_name_out_of_search_text(world: World, name: str) -> None:
    p = receive(world, identity={"name": name})
    assert fold(name) not in p.search_text
    assert not search(Petition.objects.filter(pk=p.pk), name).exists()
    assert search(Petition.objects.filter(pk=p.pk), "dia chinh").exists()


def test_it_keeps_a_name_written_in_the_letter_out_of_search(world: World) -> None:
    p = receive(world, content=f"Tôi là {NAME}, tố cáo cán bộ địa chính.")
    assert fold(NAME) not in p.search_text


def test_it_keeps_the_identity_out_of_the_audit_log(world: World, case: Petition) -> None:
    client = world.client(world.officer_b)
    client.post(reveal_url(case), {"reason": "Xác minh"})
    client.post(reverse("petitions:notice", args=[case.pk, "khong-thu-ly"]))
    client.post(reverse("petitions:verification_dossier", args=[case.pk]))
    assert AuditEntry.objects.filter(object_id=str(case.pk)).count() >= 5
    for entry in AuditEntry.objects.all():
        assert_absent(f"{entry.changes} {entry.object_repr}", NAME, PHONE, entry.action)
        assert ADDRESS not in str(entry.changes)


def test_it_keeps_the_sender_of_other_kinds_on_the_petition(world: World) -> None:
    # Only a denunciation is protected: the reception register names a complainant.
    p = receive(world, kind=PetitionKind.COMPLAINT)
    assert p.petitioner_name == NAME
    assert not IdentityVault.objects.filter(petition=p).exists()


def test_it_grants_nobody_but_the_handler_on_assignment(world: World, case: Petition) -> None:
    assert list(IdentityGrant.objects.values_list("user__username", flat=True)) == ["officer_b"]
    assert Unit.objects.filter(pk=world.office_b.pk, receives_petitions=True).exists()


# --- in a real browser ----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_it_reveals_grants_and_downloads_in_a_browser(
    live_world: World,
    device: str,
    request: pytest.FixtureRequest,
) -> None:
    world = live_world
    p = receive(world)
    services.petition_assign(
        petition=p, by=world.chairman, handler=world.officer_b, unit=world.office_b
    )
    session: Session = request.getfixturevalue(device)
    page = session.page
    session.login(world.officer_b)

    page.goto(session.url(reveal_url(p)))
    expect(page.get_by_role("heading", name="Danh tính người tố cáo")).to_be_visible()
    assert NAME not in page.content()
    session.screenshot(request, "1-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem danh tính").click()
    expect(page.get_by_text("Phải nêu lý do xem danh tính người tố cáo.")).to_be_visible()
    page.get_by_label("Lý do cần xem danh tính").fill("Mời người tố cáo bổ sung chứng cứ")
    with page.expect_navigation():
        page.get_by_role("button", name="Xem danh tính").click()
    expect(page.get_by_text(NAME, exact=True)).to_be_visible()
    session.screenshot(request, "2-danh-tinh")
    assert IdentityReveal.objects.get().reason == "Mời người tố cáo bổ sung chứng cứ"

    page.goto(session.url(reverse("petitions:notices", args=[p.pk])))
    form = page.locator("form", has=page.get_by_label("Cơ quan có thẩm quyền giải quyết")).first
    form.get_by_label("Cơ quan có thẩm quyền giải quyết").fill("Công an tỉnh Lạng Sơn")
    session.screenshot(request, "3-van-ban")
    with page.expect_download() as info:
        form.get_by_role("button").click()
    assert info.value.suggested_filename == f"chuyen-don-{p.number}-{p.year}.docx"
    slip = Path(info.value.path()).read_bytes()
    assert NAME not in docx_xml(slip) and "Công an tỉnh Lạng Sơn" in docx_xml(slip)

    leader = request.getfixturevalue(device)  # the same session, now as the chairman
    leader.context.clear_cookies()
    _user("deputy", world.commune, Role.LEADER)  # the chairman names him; never himself
    leader.login(world.chairman)
    page.goto(leader.url(access_url(p)))
    expect(page.get_by_role("heading", name="Quyền xem danh tính người tố cáo")).to_be_visible()
    expect(page.get_by_text("Mời người tố cáo bổ sung chứng cứ")).to_be_visible()
    choices = page.get_by_label("Người được giao quyền xem").locator("option").all_inner_texts()
    assert "Deputy" in choices and "Chairman" not in choices
    page.get_by_label("Người được giao quyền xem").select_option(label="Deputy")
    with page.expect_navigation():
        page.get_by_role("button", name="Giao quyền").click()
    expect(page.get_by_role("status")).to_have_text(
        "Đã giao quyền xem danh tính người tố cáo cho Deputy."
    )
    leader.screenshot(request, "4-quyen-xem")
    assert NAME not in page.content()
    # The one 400 is the empty reason sent on purpose above.
    errors = [e for e in session.console.errors if "status of 400" not in e]
    assert not errors, errors
    assert not session.console.csp, session.console.csp
