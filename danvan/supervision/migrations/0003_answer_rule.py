"""The time limit for the UBND's answer to a board's recommendation, as a row of the rule table
(core.DeadlineRule) an administrator can change, and the day the UBND received it.

Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15), read in the consolidated text
(Bộ pháp điển 44.13), Điều 40 khoản 1 điểm c (the people's inspection board) and Điều 45
khoản 2 điểm c (the community investment supervision board), in the same words: "thông báo kết
quả giải quyết trong thời hạn 15 ngày kể từ ngày nhận được kiến nghị". Plain days, not working
days: a deadline, moved to the next working day when its last day is a day off (BLDS 2015
Art. 148(5)). Whether Luật 97/2025/QH15 (from 01/07/2025) reworded these articles was not read.
"""

from datetime import date

from django.db import migrations, models

RULE = {
    "procedure": "giam-sat",
    "step": "tra-loi-kien-nghi",
    "effective_from": date(2023, 7, 1),
}
VALUES = {
    "name": "UBND xã thông báo kết quả giải quyết kiến nghị của ban giám sát",
    "days": 15,
    "unit": "calendar",
    "kind": "deadline",
    "start_event": "ngày nhận được kiến nghị",
    "source": (
        "Luật Thực hiện dân chủ ở cơ sở 2022, Điều 40 khoản 1 điểm c (Ban Thanh tra nhân dân); "
        "Điều 45 khoản 2 điểm c (Ban Giám sát đầu tư của cộng đồng)"
    ),
}


def ship(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    DeadlineRule.objects.update_or_create(**RULE, defaults=VALUES)


def unship(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(**RULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0002_subject_kinds"),
        ("core", "0006_deadline_rule_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="received_on",
            field=models.DateField(
                blank=True, null=True, verbose_name="ngày UBND xã nhận được kiến nghị"
            ),
        ),
        migrations.RunPython(ship, unship),
    ]
