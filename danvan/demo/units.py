"""The units and people of the demo: xã Hồng Phong (Lạng Sơn) as the plan of 2026 names them."""

from __future__ import annotations

from dataclasses import dataclass

from danvan.core.models import Membership, Role, Unit, User

HONG_PHONG = 6079  # vietnam-provinces ward code of xã Hồng Phong, tỉnh Lạng Sơn
# The other xã Hồng Phong (Ninh Bình): shows that one commune never sees another's records.
OTHER_COMMUNE = 13927

# (short name, full name, kind, parent short name)
COMMUNE_UNITS = [
    ("VP HĐND-UBND", "Văn phòng HĐND và UBND xã", Unit.Kind.OFFICE, None),
    ("Phòng VH-XH", "Phòng Văn hóa - Xã hội", Unit.Kind.OFFICE, None),
    ("Phòng Kinh tế", "Phòng Kinh tế", Unit.Kind.OFFICE, None),
    ("TT PVHCC", "Trung tâm Phục vụ hành chính công", Unit.Kind.OFFICE, None),
    ("TT DVCI", "Trung tâm Dịch vụ công ích", Unit.Kind.OFFICE, None),
    ("UBMTTQ", "Ủy ban MTTQ Việt Nam xã", Unit.Kind.FRONT, None),
    ("Hội Nông dân", "Hội Nông dân xã", Unit.Kind.ORGANISATION, "UBMTTQ"),
    ("Hội Phụ nữ", "Hội Liên hiệp Phụ nữ xã", Unit.Kind.ORGANISATION, "UBMTTQ"),
    (
        "Đoàn Thanh niên",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",
        Unit.Kind.ORGANISATION,
        "UBMTTQ",
    ),
    ("Hội CCB", "Hội Cựu chiến binh xã", Unit.Kind.ORGANISATION, "UBMTTQ"),
    ("Thôn Đoàn Kết", "Thôn Đoàn Kết", Unit.Kind.VILLAGE, None),
    ("Thôn Hòa Bình", "Thôn Hòa Bình", Unit.Kind.VILLAGE, None),
    ("Thôn Tân Tiến", "Thôn Tân Tiến", Unit.Kind.VILLAGE, None),
]


@dataclass
class DemoUser:
    username: str
    full_name: str
    position: str
    unit: str  # short name, "xã" for the commune itself, "tỉnh" for the province
    role: Role
    staff: bool = False


DEMO_PASSWORD = "demo-2026"  # noqa: S105 - printed by `make demo`, demo data only

DEMO_USERS = [
    DemoUser("chutich", "Nguyễn Văn An", "Chủ tịch UBND xã", "xã", Role.LEADER),
    DemoUser("pct", "Trần Thị Bình", "Phó Chủ tịch UBND xã", "xã", Role.LEADER),
    DemoUser(
        "vanphong", "Lê Văn Cường", "Chánh Văn phòng HĐND và UBND", "VP HĐND-UBND", Role.OFFICER
    ),
    DemoUser(
        "vhxh", "Hoàng Thị Dung", "Trưởng phòng Văn hóa - Xã hội", "Phòng VH-XH", Role.OFFICER
    ),
    DemoUser(
        "vhxh_xem", "Vi Văn Đức", "Công chức Phòng Văn hóa - Xã hội", "Phòng VH-XH", Role.READONLY
    ),
    DemoUser("hcc", "Nông Thị Hà", "Giám đốc TT Phục vụ hành chính công", "TT PVHCC", Role.OFFICER),
    DemoUser("dvci", "Lương Văn Hải", "Giám đốc TT Dịch vụ công ích", "TT DVCI", Role.OFFICER),
    DemoUser("kinhte", "Đàm Thị Lan", "Trưởng phòng Kinh tế", "Phòng Kinh tế", Role.OFFICER),
    DemoUser("mttq", "Chu Văn Minh", "Chủ tịch Ủy ban MTTQ xã", "UBMTTQ", Role.FRONT),
    DemoUser(
        "truongthon", "Mã Văn Nam", "Trưởng thôn Đoàn Kết", "Thôn Đoàn Kết", Role.VILLAGE_HEAD
    ),
    DemoUser("xem", "Phùng Thị Oanh", "Thư ký tổng hợp", "xã", Role.READONLY),
    DemoUser("tinh", "Đinh Văn Phúc", "Chuyên viên Sở Nội vụ", "tỉnh", Role.PROVINCE_VIEWER),
    # Hồng Phong's administrator: its people, roles and units in /quan-tri/, no more (not a
    # superuser: a superuser is the platform's operator, `danvan createsuperuser`).
    DemoUser("quantri", "Quản trị hệ thống", "Quản trị viên", "xã", Role.ADMIN, staff=True),
    DemoUser(
        "xakhac", "Bùi Văn Quang", "Công chức xã Hồng Phong (Ninh Bình)", "VP xã khác", Role.OFFICER
    ),
]


def ensure_commune_units(commune: Unit) -> dict[str, Unit]:
    units: dict[str, Unit] = {"xã": commune, "tỉnh": commune.parent}  # type: ignore[dict-item]
    for short, name, kind, parent in COMMUNE_UNITS:
        units[short], _ = Unit.objects.get_or_create(
            commune=commune,
            name=name,
            defaults={
                "kind": kind,
                "short_name": short,
                "parent": units[parent] if parent else commune,
                "receives_petitions": short == "VP HĐND-UBND",
                "one_stop": short == "TT PVHCC",
            },
        )
    return units


# The platform's operator: every commune's units and accounts, the work calendar and the rules of
# law in /quan-tri/; a member of no commune, so he reads no commune's records (issue #11).
OPERATOR = DemoUser("vanhanh", "Vận hành hệ thống", "Vận hành nền tảng", "", Role.ADMIN, staff=True)


def ensure_operator(password: str = DEMO_PASSWORD) -> User:
    operator, created = User.objects.get_or_create(
        username=OPERATOR.username,
        defaults={
            "full_name": OPERATOR.full_name,
            "position": OPERATOR.position,
            "is_staff": True,
            "is_superuser": True,
            "email": f"{OPERATOR.username}@hongphong.example",
        },
    )
    if created:
        operator.set_password(password)
        operator.save()
    return operator


def ensure_users(units: dict[str, Unit], password: str = DEMO_PASSWORD) -> list[User]:
    users = []
    for d in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=d.username,
            defaults={
                "full_name": d.full_name,
                "position": d.position,
                "is_staff": d.staff,
                "email": f"{d.username}@hongphong.example",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        elif user.is_superuser:
            # A demo loaded before issue #11 made `quantri` a superuser, who read every commune.
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        unit = units["tỉnh"] if d.unit == "tỉnh" else units[d.unit]
        Membership.objects.get_or_create(user=user, unit=unit, role=d.role)
        users.append(user)
    return users


def ensure_other_commune(commune: Unit) -> dict[str, Unit]:
    office, _ = Unit.objects.get_or_create(
        commune=commune,
        name="Văn phòng HĐND và UBND xã",
        defaults={"kind": Unit.Kind.OFFICE, "short_name": "VP xã khác", "parent": commune},
    )
    return {"VP xã khác": office, "tỉnh khác": commune.parent}  # type: ignore[dict-item]


def user(username: str) -> User:
    return User.objects.get(username=username)
