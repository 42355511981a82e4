"""The forms of commendation a commune records, each with its source.

Read: Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Điều 80 khoản 3, in Công báo số 571+572 ngày
15/7/2022, trang 57: "Chủ tịch Ủy ban nhân dân cấp xã quyết định tặng danh hiệu “Lao động tiên
tiến”, giấy khen và danh hiệu “Gia đình văn hóa”". The province's and the centre's forms are
recorded when the commune receives them; their articles were not read (CHƯA KIỂM CHỨNG). No
district form: the district level was abolished on 01/07/2025. An administrator edits the rows.
"""

from django.db import migrations

UNVERIFIED = "CHƯA KIỂM CHỨNG: "
LAW = "Luật Thi đua, khen thưởng 2022 (06/2022/QH15)"
COMMUNE = f"{LAW}, Điều 80 khoản 3"
FORMS = [
    # code, name, issuer, level, source
    ("giay-khen", "Giấy khen của Chủ tịch UBND xã", "Chủ tịch UBND xã", "commune", COMMUNE),
    (
        "lao-dong-tien-tien",
        "Danh hiệu “Lao động tiên tiến”",
        "Chủ tịch UBND xã",
        "commune",
        COMMUNE,
    ),
    ("gia-dinh-van-hoa", "Danh hiệu “Gia đình văn hóa”", "Chủ tịch UBND xã", "commune", COMMUNE),
    (
        "bang-khen-tinh",
        "Bằng khen của Chủ tịch UBND tỉnh",
        "Chủ tịch UBND tỉnh",
        "province",
        f"{UNVERIFIED}{LAW}, điều khoản về thẩm quyền của Chủ tịch UBND cấp tỉnh chưa đọc",
    ),
    (
        "bang-khen-thu-tuong",
        "Bằng khen của Thủ tướng Chính phủ",
        "Thủ tướng Chính phủ",
        "central",
        f"{UNVERIFIED}{LAW}, điều khoản về Bằng khen của Thủ tướng Chính phủ chưa đọc",
    ),
    (
        "khen-khac",
        "Khen thưởng khác (ghi rõ trong quyết định)",
        "Chủ tịch UBND xã",
        "commune",
        LAW,
    ),
]


def load(apps, schema_editor):
    AwardForm = apps.get_model("commendations", "AwardForm")
    for position, (code, name, issuer, level, source) in enumerate(FORMS):
        AwardForm.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "issuer": issuer,
                "level": level,
                "source": source,
                "position": position,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("commendations", "AwardForm").objects.filter(
        code__in=[f[0] for f in FORMS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("commendations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
