"""The two time limits of council questioning, as rows of the rule table (core.DeadlineRule),
both UNVERIFIED: their sources begin "CHƯA KIỂM CHỨNG" and docs/legal-rules.md lists them so.

- chat-van / tra-loi-van-ban: a question the council lets be answered in writing is answered
  within 20 days of the day it was asked. Luật Hoạt động giám sát của Quốc hội và HĐND 2015
  (87/2015/QH13) Điều 60 was read only in a press summary (vietnamnet.vn, 20/11/2015), which
  mixes the National Assembly's rule (Điều 15 khoản 4, "chậm nhất là 20 ngày kể từ ngày chất
  vấn", quoted by thuvienphapluat.vn) with the council's; whether the 2015 text was amended for
  the HĐND xã after 01/07/2025 was not read either (docs/research/promises-law.md §4a).
- chat-van / bao-cao-loi-hua: each respondent reports on carrying out its pledges at the latest
  10 days before the next session opens (the brief's "Điều 60 khoản 7"): not found in any text
  read. Counted backwards from the next session's opening day (questioning.services
  report_due_on); a day off moves it to the working day before, never later.

An administrator corrects either row in the admin (Hệ thống → Quy tắc thời hạn) once a legal
officer has read the text; open questions are recomputed.
"""

from datetime import date

from django.db import migrations

IN_FORCE = date(2016, 7, 1)  # Luật 87/2015/QH13 took effect on 01/07/2016
RULES = [
    (
        {"procedure": "chat-van", "step": "tra-loi-van-ban", "effective_from": IN_FORCE},
        {
            "name": "Trả lời chất vấn bằng văn bản (HĐND xã)",
            "days": 20,
            "unit": "calendar",
            "kind": "deadline",
            "start_event": "ngày chất vấn",
            "source": (
                "CHƯA KIỂM CHỨNG: Luật Hoạt động giám sát của Quốc hội và HĐND 2015 "
                "(87/2015/QH13) Điều 60 — chỉ đọc qua bản tóm tắt trên báo"
            ),
        },
    ),
    (
        {"procedure": "chat-van", "step": "bao-cao-loi-hua", "effective_from": IN_FORCE},
        {
            "name": "Báo cáo việc thực hiện lời hứa trước kỳ họp HĐND xã tiếp theo",
            "days": 10,
            "unit": "calendar",
            "kind": "deadline",
            "start_event": "ngày khai mạc kỳ họp tiếp theo (tính lùi)",
            "source": (
                "CHƯA KIỂM CHỨNG: Luật Hoạt động giám sát của Quốc hội và HĐND 2015 "
                "(87/2015/QH13) Điều 60 khoản 7 — không tìm thấy trong các văn bản đã đọc"
            ),
        },
    ),
]


def ship(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for key, values in RULES:
        DeadlineRule.objects.update_or_create(**key, defaults=values)


def unship(apps, schema_editor):
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for key, _values in RULES:
        DeadlineRule.objects.filter(**key).delete()


class Migration(migrations.Migration):
    dependencies = [("questioning", "0001_initial"), ("core", "0006_deadline_rule_kind")]

    operations = [migrations.RunPython(ship, unship)]
