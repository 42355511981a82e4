"""The reception and complaint rules the product ships, each with the text it was read from.

- Luật Tiếp công dân 2013 (Luật số 42/2013/QH13), Điều 29, read in the Bộ pháp điển (18.4):
  "Trường hợp có từ năm đến mười người thì cử một hoặc hai người đại diện; trường hợp có trên
  mười người thì có thể cử thêm người đại diện, nhưng không quá năm người."
- Same law, Điều 15 khoản 2 điểm d: the commune chairman "Trực tiếp tiếp công dân tại trụ sở Ủy
  ban nhân dân cấp xã ít nhất 01 ngày trong 01 tuần".
  Whether Luật 136/2025/QH15 (from 01/07/2026) amends either article was not read.
- The body competent for a second-instance complaint against the commune chairman's own
  first-instance decision: Luật Khiếu nại 2011, Điều 18 khoản 2 gave it to the district
  chairman; there is no district since 01/07/2025, and no text naming the body that replaced
  it was read. The row is shipped UNVERIFIED (`verified=False`) for an administrator to confirm.
"""

from datetime import date

from django.db import migrations

TCD = "Luật Tiếp công dân 2013 (Luật số 42/2013/QH13)"
ROWS = [
    # code, number, body, source, verified, effective_from
    ("doan-dong-nguoi", 5, "", f"{TCD}, Điều 29", True, date(2014, 7, 1)),
    ("doan-nho-den", 10, "", f"{TCD}, Điều 29 (từ năm đến mười người)", True, date(2014, 7, 1)),
    (
        "dai-dien-doan-nho",
        2,
        "",
        f"{TCD}, Điều 29 (từ năm đến mười người: một hoặc hai người đại diện)",
        True,
        date(2014, 7, 1),
    ),
    (
        "dai-dien-doan-lon",
        5,
        "",
        f"{TCD}, Điều 29 (trên mười người: không quá năm người đại diện)",
        True,
        date(2014, 7, 1),
    ),
    ("chu-tich-tiep-moi-tuan", 1, "", f"{TCD}, Điều 15 khoản 2 điểm d", True, date(2014, 7, 1)),
    (
        "khieu-nai-lan-2",
        None,
        "Chủ tịch Ủy ban nhân dân tỉnh",
        "CHƯA KIỂM CHỨNG: Luật Khiếu nại 2011, Điều 18 khoản 2 giao Chủ tịch UBND cấp huyện; "
        "từ 01/07/2025 không còn cấp huyện. Văn bản quy định cơ quan thay thế (Luật 81/2025/QH15, "
        "Luật 136/2025/QH15 và các nghị định hướng dẫn) chưa được đọc: quản trị viên xác định "
        "cơ quan có thẩm quyền và sửa dòng này.",
        False,
        date(2025, 7, 1),
    ),
]


def ship(apps, schema_editor):
    LawRule = apps.get_model("petitions", "LawRule")
    for code, number, body, source, verified, start in ROWS:
        LawRule.objects.update_or_create(
            code=code,
            effective_from=start,
            defaults={"number": number, "body": body, "source": source, "verified": verified},
        )


def unship(apps, schema_editor):
    LawRule = apps.get_model("petitions", "LawRule")
    for code, _number, _body, _source, _verified, start in ROWS:
        LawRule.objects.filter(code=code, effective_from=start).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0008_law_rules")]
    operations = [migrations.RunPython(ship, unship)]
