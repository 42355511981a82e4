"""Luật Thực hiện dân chủ ở cơ sở 2022, Điều 28 khoản 2: "Thời gian lấy ý kiến Nhân dân ít
nhất là 20 ngày kể từ ngày công khai nội dung lấy ý kiến. Trường hợp pháp luật có quy định cụ
thể thời hạn lấy ý kiến Nhân dân thì thực hiện theo quy định đó."

A minimum period (never moved to a working day), in calendar days (the text says "ngày"),
counted from the day after publication (BLDS 2015, Điều 147): published on 02/03/2026, the
consultation takes comments at least through 22/03/2026. In force with the law, 01/07/2023.
"""

from datetime import date

from django.db import migrations

RULE = {
    "procedure": "lay-y-kien",
    "step": "toi-thieu",
    "effective_from": date(2023, 7, 1),
}


def load(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    DeadlineRule.objects.update_or_create(
        **RULE,
        defaults={
            "name": "Thời gian lấy ý kiến Nhân dân tối thiểu",
            "days": 20,
            "unit": "calendar",
            "kind": "minimum",
            "start_event": "ngày công khai nội dung lấy ý kiến",
            "source": "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15), Điều 28 khoản 2",
        },
    )


def unload(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(**RULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0006_comment_channel_as_a_form"),
        ("core", "0006_deadline_rule_kind"),
    ]

    operations = [migrations.RunPython(load, unload)]
