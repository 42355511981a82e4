"""How long a meeting's published results stay posted: 30 days, as the brief of issue 13 says
("posted 30 days (Art. 51)"). Neither that article nor any such period was found in NQLT
72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN or elsewhere (docs/research/promises-law.md §3), so the
row ships UNVERIFIED: its source says "CHƯA KIỂM CHỨNG" (docs/legal-rules.md lists it so) and an
administrator corrects or ends it in the admin once the text is read. A minimum in calendar
days: results published on 01/12/2026 stay posted to 31/12/2026.

No rule is shipped for the answer to a voters' recommendation: the council-track article was
not found, so the office types the day it chases a forwarded one, and the leader the due day of
one the commune answers.
"""

from datetime import date

from django.db import migrations

RULE = {"procedure": "cu-tri", "step": "niem-yet-ket-qua", "effective_from": date(2025, 7, 1)}


def load(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.update_or_create(
        **RULE,
        defaults={
            "name": "Niêm yết kết quả giải quyết, trả lời kiến nghị cử tri",
            "days": 30,
            "unit": "calendar",
            "kind": "minimum",
            "start_event": "ngày công bố kết quả",
            "source": (
                "CHƯA KIỂM CHỨNG: \"Điều 51\" về niêm yết 30 ngày chưa tìm thấy trong Nghị quyết "
                "liên tịch 72/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN (quản trị viên sửa khi có văn bản)"
            ),
        },
    )


def unload(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(**RULE).delete()


class Migration(migrations.Migration):
    dependencies = [("voters", "0001_initial"), ("core", "0006_deadline_rule_kind")]

    operations = [migrations.RunPython(load, unload)]
