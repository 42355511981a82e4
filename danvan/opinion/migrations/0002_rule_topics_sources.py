"""The time limit to handle an urgent note, shipped UNVERIFIED, the topics and the source kinds.

No legal text read sets a time to handle a note of public opinion: the seed plan (II.1) asks
the units to "nắm bắt tình hình tư tưởng, dư luận xã hội" and report,
"kịp thời giải quyết những vấn đề bức xúc", without a number of days. The product ships a
practice of the commune, 3 calendar days from the day an urgent note is noted (moved to the
next working day when the last falls on a day off, as every deadline: BLDS 2015 Art. 148), as a row of the rule table whose source begins "CHƯA KIỂM CHỨNG"
so that docs/legal-rules.md lists it and an administrator changes or ends it in the admin (Hệ
thống → Quy tắc thời hạn); open notes are recomputed. Non-urgent notes have no due day.

The topics and source kinds are the commune's own tables for its monthly summary, not law;
each topic maps to a topic of the petition book where one fits, for the hotspot it points at.
"""

from datetime import date

from django.db import migrations

RULE = {"procedure": "du-luan", "step": "khan-cap", "effective_from": date(2025, 7, 1)}
VALUES = {
    "name": "Xử lý tin dư luận khẩn cấp kể từ ngày nắm bắt",
    "days": 3,
    "unit": "calendar",
    "kind": "deadline",
    "start_event": "ngày nắm bắt tin dư luận",
    "source": (
        "CHƯA KIỂM CHỨNG: không tìm thấy văn bản quy định thời hạn; thời hạn thực tiễn của xã "
        "(Kế hoạch công tác dân vận chính quyền, mục II.1: kịp thời giải quyết vấn đề bức xúc)"
    ),
}
TOPICS = [
    ("dat-dai", "Đất đai", "land"),
    ("moi-truong", "Môi trường", "environment"),
    ("an-ninh-trat-tu", "An ninh, trật tự", "security"),
    ("an-sinh", "Chính sách an sinh xã hội", "social"),
    ("gia-ca-viec-lam", "Giá cả, việc làm, đời sống", ""),
    ("ton-giao-dan-toc", "Tôn giáo, dân tộc", ""),
    ("can-bo-cong-vu", "Cán bộ, công vụ", "officials"),
    ("ha-tang", "Xây dựng, hạ tầng", "construction"),
    ("khac", "Khác", "other"),
]
SOURCES = [
    ("thon", "Thôn, tổ dân phố"),
    ("mat-tran-doan-the", "Mặt trận, đoàn thể"),
    ("can-bo", "Cán bộ nắm tình hình"),
    ("mang-xa-hoi-bao-chi", "Mạng xã hội, báo chí"),
    ("hop-dan", "Họp dân, hội nghị"),
    ("khac", "Khác"),
]


def load(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.update_or_create(**RULE, defaults=VALUES)
    Topic = apps.get_model("opinion", "OpinionTopic")
    for position, (code, name, petition_topic) in enumerate(TOPICS):
        Topic.objects.update_or_create(
            code=code,
            defaults={"name": name, "petition_topic": petition_topic, "position": position},
        )
    Source = apps.get_model("opinion", "SourceKind")
    for position, (code, name) in enumerate(SOURCES):
        Source.objects.update_or_create(code=code, defaults={"name": name, "position": position})


def unload(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(**RULE).delete()
    apps.get_model("opinion", "OpinionTopic").objects.filter(
        code__in=[t[0] for t in TOPICS]
    ).delete()
    apps.get_model("opinion", "SourceKind").objects.filter(
        code__in=[s[0] for s in SOURCES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("opinion", "0001_initial"), ("core", "0012_audit_commune_newest")]

    operations = [migrations.RunPython(load, unload)]
