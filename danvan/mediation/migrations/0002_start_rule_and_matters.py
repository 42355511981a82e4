"""The time limit to start a mediation, shipped UNVERIFIED, and the kinds of matter.

"Trong thời hạn 03 ngày, kể từ ngày được phân công, hòa giải viên bắt đầu tiến hành hòa giải,
trừ trường hợp cần thiết phải hòa giải ngay khi chứng kiến vụ, việc hoặc các bên có thỏa thuận
khác về thời gian hòa giải": quoted by lawkey.vn from Luật Hòa giải ở cơ sở 2013 (Luật số
35/2013/QH13), without the article's number; the law's own text was not read
(docs/research/promises-law.md §5), so the row's source begins "CHƯA KIỂM CHỨNG" and
docs/legal-rules.md lists it as unverified. Plain days ("ngày"), a deadline. A legal officer
corrects the row in the admin (Hệ thống → Quy tắc thời hạn) once the text is read; open cases
are recomputed.

The kinds of matter are the commune's own table for the yearly figures, not law.
"""

from datetime import date

from django.db import migrations

RULE = {"procedure": "hoa-giai", "step": "bat-dau", "effective_from": date(2014, 1, 1)}
VALUES = {
    "name": "Hòa giải viên bắt đầu tiến hành hòa giải kể từ ngày được phân công",
    "days": 3,
    "unit": "calendar",
    "kind": "deadline",
    "start_event": "ngày được phân công",
    "source": (
        "CHƯA KIỂM CHỨNG: Luật Hòa giải ở cơ sở 2013 (35/2013/QH13), quy định về thời gian hòa "
        "giải (trích qua trang thứ cấp, chưa đọc văn bản; trừ trường hợp cần hòa giải ngay hoặc "
        "các bên thỏa thuận thời gian khác)"
    ),
}
MATTERS = [
    ("dat-dai", "Đất đai"),
    ("hon-nhan-gia-dinh", "Hôn nhân và gia đình"),
    ("hang-xom", "Mâu thuẫn hàng xóm, sinh hoạt cộng đồng"),
    ("dan-su-khac", "Tranh chấp dân sự khác"),
    ("khac", "Khác"),
]


def load(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.update_or_create(**RULE, defaults=VALUES)
    MatterKind = apps.get_model("mediation", "MatterKind")
    for position, (code, name) in enumerate(MATTERS):
        MatterKind.objects.update_or_create(
            code=code, defaults={"name": name, "position": position}
        )


def unload(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(**RULE).delete()
    apps.get_model("mediation", "MatterKind").objects.filter(
        code__in=[code for code, _ in MATTERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("mediation", "0001_initial"), ("core", "0012_audit_commune_newest")]

    operations = [migrations.RunPython(load, unload)]
