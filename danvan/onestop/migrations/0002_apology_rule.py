"""The apology slip of a late dossier (phiếu xin lỗi và hẹn lại ngày trả kết quả): sent at least
one day before the promised day. Nghị định 118/2025/NĐ-CP leaves the form and timing to the
provinces' regulations on the one-stop mechanism; the provincial text was not read, so the
source says so (docs/legal-rules.md lists it as unverified) and an administrator corrects the
row in the admin once the province's text is at hand.

A minimum in calendar days: a dossier due on 10/03/2026 needs its slip sent by 09/03/2026.
"""

from datetime import date

from django.db import migrations

RULE = {"procedure": "mot-cua", "step": "xin-loi", "effective_from": date(2025, 7, 1)}


def load(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.update_or_create(
        **RULE,
        defaults={
            "name": "Gửi phiếu xin lỗi và hẹn lại ngày trả kết quả trước ngày hẹn trả",
            "days": 1,
            "unit": "calendar",
            "kind": "minimum",
            "start_event": "ngày gửi phiếu xin lỗi, tính đến ngày hẹn trả kết quả",
            "source": (
                "CHƯA KIỂM CHỨNG: quy định của UBND tỉnh về cơ chế một cửa, một cửa liên thông "
                "theo Nghị định 118/2025/NĐ-CP"
            ),
        },
    )


def unload(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(**RULE).delete()


class Migration(migrations.Migration):
    dependencies = [("onestop", "0001_initial"), ("core", "0011_unit_one_stop")]

    operations = [migrations.RunPython(load, unload)]
