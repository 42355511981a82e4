"""The time limits of dialogues as rows of the rule table (core.DeadlineRule), which an
administrator may change; all three are UNVERIFIED (docs/research/promises-law.md §1b, §2;
docs/legal-rules.md): their source begins "CHƯA KIỂM CHỨNG" and says why.

- `doi-thoai-nhan-dan` / `thong-bao`: the UBND announces a conference with the people at least
  7 days before it (a minimum: never moved to a working day), and
- `doi-thoai-nhan-dan` / `cong-bo-ket-qua`: publishes its results within 10 days (a deadline),
  both reported for the Luật Tổ chức chính quyền địa phương 2025 in English translations only
  (Lao Động cites Article 24 of the February 2025 law, daibieunhandan.vn "Hỏi đáp số 20" cites
  Article 43 of Luật 72/2025/QH15); whether the text says "ngày" or "ngày làm việc" was not seen.
- `doi-thoai-khieu-nai` / `thong-bao`: a complaint dialogue announced at least 5 days before
  (NĐ 124/2020/NĐ-CP Điều 28 as amended by NĐ 155/2026/NĐ-CP from 01/07/2026), read only in an
  unofficial transcription.
"""

from datetime import date

from django.db import migrations

LOCAL_GOVERNMENT = (
    "CHƯA KIỂM CHỨNG: Luật Tổ chức chính quyền địa phương 2025 (Luật 72/2025/QH15?), điều về "
    "hội nghị trao đổi, đối thoại với Nhân dân (Điều 24 hoặc Điều 43) — chỉ đọc qua bản dịch "
    "tiếng Anh; chưa đọc văn bản tiếng Việt"
)
RULES = [
    dict(
        procedure="doi-thoai-nhan-dan",
        step="thong-bao",
        name="Thông báo hội nghị trao đổi, đối thoại với Nhân dân trước ngày tổ chức",
        days=7,
        unit="calendar",
        kind="minimum",
        start_event="ngày thông báo (hội nghị sớm nhất sau đủ số ngày)",
        effective_from=date(2025, 7, 1),
        source=LOCAL_GOVERNMENT,
    ),
    dict(
        procedure="doi-thoai-nhan-dan",
        step="cong-bo-ket-qua",
        name="Công bố kết quả hội nghị đối thoại, niêm yết tại trụ sở và gửi Trưởng thôn",
        days=10,
        unit="calendar",
        kind="deadline",
        start_event="ngày tổ chức hội nghị",
        effective_from=date(2025, 7, 1),
        source=LOCAL_GOVERNMENT,
    ),
    dict(
        procedure="doi-thoai-khieu-nai",
        step="thong-bao",
        name="Thông báo đối thoại giải quyết khiếu nại trước ngày đối thoại",
        days=5,
        unit="calendar",
        kind="minimum",
        start_event="ngày thông báo (đối thoại sớm nhất sau đủ số ngày)",
        effective_from=date(2026, 7, 1),
        source=(
            "CHƯA KIỂM CHỨNG: Nghị định 124/2020/NĐ-CP, Điều 28 khoản 1 (sửa đổi bởi Nghị định "
            "155/2026/NĐ-CP) — chỉ đọc trong bản chép không chính thức; chưa rõ ngày hay ngày "
            "làm việc"
        ),
    ),
]


def ship(apps, schema_editor):
    rule = apps.get_model("core", "DeadlineRule")
    for r in RULES:
        if not rule.objects.filter(procedure=r["procedure"], step=r["step"]).exists():
            rule.objects.create(**r)


def unship(apps, schema_editor):
    rule = apps.get_model("core", "DeadlineRule")
    for r in RULES:
        rule.objects.filter(
            procedure=r["procedure"], step=r["step"], effective_from=r["effective_from"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dialogues", "0001_initial"),
        ("core", "0006_deadline_rule_kind"),
    ]

    operations = [migrations.RunPython(ship, unship)]
