"""The officers' menu: each person is given the links of their work, the page's own section is
marked for screen readers, and nobody signed out sees it."""

from __future__ import annotations

import re

import pytest

from danvan.conftest import World

EVERYONE = ["Điều hành", "Tổng quan", "Nhiệm vụ"]
# The movement and the units' outreach work (issue 14) are everyone's: each page decides.
COMMON = ["Dân chủ cơ sở", "Cam kết", "Dân vận khéo", "Tuyên truyền, dư luận", "Kế hoạch",
          "Văn bản căn cứ"]  # fmt: skip
# Leaders and the one-stop centre's members keep or read its register (danvan.onestop).
LEADING = ["Dân chủ cơ sở", "Cam kết", "Dân vận khéo", "Tuyên truyền, dư luận", "Một cửa",
           "Kế hoạch", "Văn bản căn cứ"]  # fmt: skip
MENUS = {
    "chairman": ["Việc của tôi", *EVERYONE, "Đơn thư", "Tiếp công dân", *LEADING, "Chỉ đạo",
                 "Báo cáo định kỳ", "Nhật ký"],
    "officer_a": ["Việc của tôi", *EVERYONE, "Đơn thư", *COMMON],
    "readonly_a": ["Việc của tôi", *EVERYONE, "Thống kê đơn thư", *COMMON],
    "officer_b": ["Việc của tôi", *EVERYONE, "Đơn thư", "Tiếp công dân", *COMMON,
                  "Báo cáo định kỳ"],
    "front": ["Việc của tôi", *EVERYONE, "Thống kê đơn thư", *COMMON],
    "village_head": ["Việc của tôi", *EVERYONE, "Thống kê đơn thư", *COMMON],
    "province_viewer": ["Việc của tôi", *EVERYONE, "Thống kê đơn thư", "Đơn thư toàn tỉnh",
                        *COMMON, "Báo cáo định kỳ"],
    "admin": ["Việc của tôi", *EVERYONE, "Đơn thư", "Tiếp công dân", *LEADING, "Chỉ đạo",
              "Báo cáo định kỳ", "Nhật ký", "Quản trị"],
}  # fmt: skip


def menu(html: str) -> str:
    found = re.search(r'<ul class="dv-nav ms-md-auto">(.*?)</ul>', html, re.S)
    assert found, "no officers' menu"
    return found.group(1)


@pytest.mark.parametrize("persona", sorted(MENUS))
def test_each_person_is_given_the_links_of_their_work(world: World, persona: str) -> None:
    response = world.client(getattr(world, persona)).get("/can-bo/nhiem-vu/")
    links = re.findall(r"<a [^>]*>([^<]+)", menu(response.content.decode()))
    assert [x for x in links if x != "Thông báo"] == MENUS[persona]


def test_the_one_stop_centres_officer_is_given_its_register(world: World) -> None:
    from danvan.conftest import _user
    from danvan.core.models import Role, Unit

    centre = Unit.objects.create(
        kind=Unit.Kind.OFFICE, name="Trung tâm PVHCC", parent=world.commune, one_stop=True
    )
    officer = _user("hcc", centre, Role.OFFICER)
    response = world.client(officer).get("/can-bo/nhiem-vu/")
    links = re.findall(r"<a [^>]*>([^<]+)", menu(response.content.decode()))
    assert "Một cửa" in links


def test_the_pages_section_is_marked_current(world: World) -> None:
    client = world.client(world.chairman)
    for path, label in [
        ("/can-bo/nhiem-vu/", "Nhiệm vụ"),
        ("/can-bo/don-thu/", "Đơn thư"),
        ("/can-bo/dieu-hanh/chi-dao/", "Chỉ đạo"),
    ]:
        current = re.findall(
            r'aria-current="true">([^<]+)', menu(client.get(path).content.decode())
        )
        assert current == [label], path


def test_a_signed_out_visitor_has_no_officers_menu(client, db) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/").content.decode()
    assert "dv-nav ms-md-auto" not in html and "Đăng nhập cán bộ" in html
