"""The lists of ethnic and religious work, each row with its source (an administrator keeps them
in the admin afterwards).

Ethnic groups: the 54 of Quyết định 121-TCTK/PPCĐ of 02/3/1979 (Tổng cục Thống kê), numbered as
there (by population in 1979). Numbers 01-09 were checked against the list as published by the
statistics office of Đà Nẵng (cucthongke.danang.gov.vn); the names of all 54 are the well-known
list, their numbers 10-54 were not read in the decision's text: UNVERIFIED.
Religions: those the Government Committee for Religious Affairs lists as recognised (the text of
each recognition was not read: UNVERIFIED); folk belief (tín ngưỡng dân gian) and ancestor
worship are beliefs (Luật Tín ngưỡng, tôn giáo 2016, Điều 2 khoản 1, as quoted: UNVERIFIED).
Kinds of establishment: Luật Tín ngưỡng, tôn giáo 2016, Điều 2 khoản 4 (cơ sở tín ngưỡng: đình,
đền, miếu, nhà thờ họ…) and khoản 14 (cơ sở tôn giáo: chùa, nhà thờ, nhà nguyện, thánh thất…),
as quoted: UNVERIFIED. Standings: the kinds of respected person the Ethnic Minorities Committee
counts (già làng, trưởng dòng họ, chức sắc tôn giáo, thầy cúng…; report quoted by baodantoc.vn,
2023). Kinds of contact: the policy of Quyết định 12/2018/QĐ-TTg, Điều 4-5 (information,
training, visits, gifts at Tết), amended by 28/2023/QĐ-TTg, as summarised: UNVERIFIED; the
others are the commune's own practice (plan II.4).
"""

from django.db import migrations

QD121 = "Quyết định 121-TCTK/PPCĐ ngày 02/3/1979 của Tổng cục Thống kê"
ETHNIC_GROUPS = [
    ("Kinh", "Việt"),
    ("Tày", "Thổ, Ngạn, Phén, Thù Lao, Pa Dí"),
    ("Thái", "Tày Khao, Tày Đăm, Tày Mười, Tày Thanh, Pu Thay, Thổ Đà Bắc"),
    ("Hoa", "Hán, Triều Châu, Phúc Kiến, Quảng Đông, Hải Nam, Hạ, Xạ Phạng"),
    ("Khơ-me", "Cur, Cul, Cu, Thổ, Việt gốc Miên, Khơ-me Krôm"),
    ("Mường", "Mol, Mual, Mọi Bi, Ao Tá"),
    ("Nùng", "Xuồng, Giang, Nùng An, Phàn Slinh, Nùng Cháo, Nùng Lòi, Quý Rim, Khèn Lài"),
    ("HMông", "Mèo, Mẹo, Mèo Hoa, Mèo Xanh, Mèo Đỏ, Mèo Đen, Ná Mẻo, Mán Trắng"),
    ("Dao", "Mán, Động, Trại, Xá, Dìu Miền, Kiềm Miền, Quần Trắng, Dao Đỏ, Quần Chẹt, Lô Giang, Dao Tiền, Thanh Y, Lan Tẻn"),
    ("Gia-rai", ""),
    ("Ngái", ""),
    ("Ê-đê", ""),
    ("Ba-na", ""),
    ("Xơ-đăng", ""),
    ("Sán Chay", "Cao Lan, Sán Chỉ"),
    ("Cơ-ho", ""),
    ("Chăm", "Chàm"),
    ("Sán Dìu", ""),
    ("Hrê", ""),
    ("Mnông", ""),
    ("Ra-glai", ""),
    ("Xtiêng", ""),
    ("Bru-Vân Kiều", ""),
    ("Thổ", ""),
    ("Giáy", ""),
    ("Cơ-tu", ""),
    ("Gié-Triêng", ""),
    ("Mạ", ""),
    ("Khơ-mú", ""),
    ("Co", ""),
    ("Tà-ôi", ""),
    ("Chơ-ro", ""),
    ("Kháng", ""),
    ("Xinh-mun", ""),
    ("Hà Nhì", ""),
    ("Chu-ru", ""),
    ("Lào", ""),
    ("La Chí", ""),
    ("La Ha", ""),
    ("Phù Lá", ""),
    ("La Hủ", ""),
    ("Lự", ""),
    ("Lô Lô", ""),
    ("Chứt", ""),
    ("Mảng", ""),
    ("Pà Thẻn", ""),
    ("Cờ Lao", ""),
    ("Cống", ""),
    ("Bố Y", ""),
    ("Si La", ""),
    ("Pu Péo", ""),
    ("Brâu", ""),
    ("Ơ Đu", ""),
    ("Rơ-măm", ""),
]

BAN_TON_GIAO = "Danh mục tôn giáo được công nhận (Ban Tôn giáo Chính phủ) — chưa kiểm chứng văn bản"
LUAT_TNTG = "Luật Tín ngưỡng, tôn giáo 2016 (02/2016/QH14), Điều 2 — chưa kiểm chứng văn bản"
RELIGIONS = [
    ("phat-giao", "Phật giáo", False, BAN_TON_GIAO),
    ("cong-giao", "Công giáo", False, BAN_TON_GIAO),
    ("tin-lanh", "Tin lành", False, BAN_TON_GIAO),
    ("cao-dai", "Cao Đài", False, BAN_TON_GIAO),
    ("phat-giao-hoa-hao", "Phật giáo Hòa Hảo", False, BAN_TON_GIAO),
    ("hoi-giao", "Hồi giáo", False, BAN_TON_GIAO),
    ("baha-i", "Tôn giáo Baha'i", False, BAN_TON_GIAO),
    ("tinh-do-cu-si", "Tịnh độ cư sĩ Phật hội Việt Nam", False, BAN_TON_GIAO),
    ("buu-son-ky-huong", "Bửu Sơn Kỳ Hương", False, BAN_TON_GIAO),
    ("tu-an-hieu-nghia", "Tứ Ân Hiếu Nghĩa", False, BAN_TON_GIAO),
    ("minh-su-dao", "Minh Sư đạo", False, BAN_TON_GIAO),
    ("minh-ly-dao", "Minh Lý đạo - Tam Tông Miếu", False, BAN_TON_GIAO),
    ("ba-la-mon", "Bà-la-môn giáo", False, BAN_TON_GIAO),
    ("mac-mon", "Các Thánh hữu ngày sau của Chúa Giê-su Ky-tô (Mặc Môn)", False, BAN_TON_GIAO),
    ("phat-giao-hieu-nghia", "Phật giáo Hiếu Nghĩa Tà Lơn", False, BAN_TON_GIAO),
    ("co-doc-phuc-lam", "Cơ Đốc Phục Lâm", False, BAN_TON_GIAO),
    ("tin-nguong-dan-gian", "Tín ngưỡng dân gian", True, LUAT_TNTG),
    ("tho-cung-to-tien", "Thờ cúng tổ tiên, dòng họ", True, LUAT_TNTG),
    ("tho-thanh-hoang", "Thờ Thành hoàng, thần linh của làng", True, LUAT_TNTG),
]

ESTABLISHMENT_KINDS = [
    ("chua", "Chùa"),
    ("nha-tho", "Nhà thờ"),
    ("nha-nguyen", "Nhà nguyện"),
    ("thanh-that", "Thánh thất, thánh đường"),
    ("niem-phat-duong", "Niệm Phật đường"),
    ("dinh", "Đình"),
    ("den", "Đền"),
    ("mieu", "Miếu"),
    ("am", "Am"),
    ("nghe", "Nghè, điện, phủ"),
    ("nha-tho-ho", "Nhà thờ họ"),
    ("khac", "Cơ sở khác"),
]

UBDT_2023 = "Thành phần người có uy tín theo tổng hợp năm 2023 của Ủy ban Dân tộc (baodantoc.vn)"
STANDINGS = [
    ("gia-lang", "Già làng"),
    ("truong-dong-ho", "Trưởng dòng họ, tộc trưởng"),
    ("chuc-sac-ton-giao", "Chức sắc, chức việc tôn giáo"),
    ("thay-cung", "Người hành nghề nghi lễ tín ngưỡng (thầy mo, thầy cúng…)"),
    ("truong-thon", "Trưởng thôn, bản"),
    ("bi-thu-chi-bo", "Bí thư chi bộ thôn"),
    ("can-bo-huu-tri", "Cán bộ hưu trí"),
    ("nhan-si", "Nhân sĩ, trí thức, thầy thuốc, nhà giáo"),
    ("nghe-nhan", "Nghệ nhân dân gian"),
    ("san-xuat-gioi", "Người sản xuất, kinh doanh giỏi"),
    ("khac", "Thành phần khác"),
]

QD12 = "Quyết định 12/2018/QĐ-TTg (sửa đổi bởi 28/2023/QĐ-TTg), chính sách với người có uy tín — chưa kiểm chứng văn bản"
OWN = "Cách làm của xã (kế hoạch công tác dân vận chính quyền, mục II.4)"
CONTACT_KINDS = [
    ("tham-hoi", "Thăm hỏi", QD12),
    ("tang-qua-tet", "Thăm, tặng quà dịp Tết", QD12),
    ("tham-om-dau", "Thăm hỏi khi ốm đau, gia đình gặp khó khăn", QD12),
    ("cung-cap-thong-tin", "Cung cấp thông tin, tập huấn", QD12),
    ("gap-mat", "Gặp mặt, hội nghị", OWN),
    ("lay-y-kien", "Lấy ý kiến", OWN),
    ("phoi-hop-tuyen-truyen", "Phối hợp tuyên truyền, vận động", OWN),
    ("khac", "Khác", OWN),
]


def seed(apps, schema_editor):
    def put(name, rows):
        model = apps.get_model("ethnic_religious", name)
        for position, row in enumerate(rows, start=1):
            model.objects.update_or_create(code=row.pop("code"), defaults={"position": position, **row})

    put(
        "EthnicGroup",
        [
            {
                "code": f"{n:02d}",
                "name": name,
                "other_names": other,
                "source": f"{QD121}, mã {n:02d}" + ("" if n <= 9 else " (mã chưa kiểm chứng)"),
            }
            for n, (name, other) in enumerate(ETHNIC_GROUPS, start=1)
        ],
    )
    put(
        "Religion",
        [
            {"code": code, "name": name, "is_belief": belief, "source": source}
            for code, name, belief, source in RELIGIONS
        ],
    )
    put(
        "EstablishmentKind",
        [{"code": code, "name": name, "source": LUAT_TNTG} for code, name in ESTABLISHMENT_KINDS],
    )
    put("Standing", [{"code": code, "name": name, "source": UBDT_2023} for code, name in STANDINGS])
    put(
        "ContactKind",
        [{"code": code, "name": name, "source": source} for code, name, source in CONTACT_KINDS],
    )


class Migration(migrations.Migration):
    dependencies = [("ethnic_religious", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
