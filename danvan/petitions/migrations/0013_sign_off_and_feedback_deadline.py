"""The leader's sign-off on an accepted case's conclusion or decision, and a due date for an
accepted recommendation or reflection (kiến nghị, phản ánh), which had none.

The sign-off: the handler's draft (status "proposed", its legal basis, who proposed it and
when) and the leader who signed it; two history kinds, the proposal and its sending back.

The time limit: no text read sets one for resolving an accepted kiến nghị or phản ánh. Luật
Tiếp công dân 2013, Điều 28 gives 10 working days to tell the citizen what happens to the matter
(the `tiep-cong-dan/tra-loi` row); Luật Thực hiện dân chủ ở cơ sở 2022, Điều 35 khoản 2 điểm b
asks the commune to answer "kịp thời", without a number; Thông tư 05/2021/TT-TTCP, Điều 20 (read
in a secondary source only) sends it to the head "theo quy định của pháp luật". So the row ships
UNVERIFIED, 30 days (the first-instance complaint's limit, Luật Khiếu nại 2011 Điều 28, as the
commune's working value), its source saying so, for an administrator to set from the province's
or commune's own regulation (admin: Hệ thống → Quy tắc thời hạn).

Cases already accepted before this migration get the step, counted from their acceptance; their
due date is computed by the next `danvan remind` (which recomputes open cases), not here: a
migration must not call the product's code, which follows the models of later migrations.
"""

from datetime import date
from importlib import import_module

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

RULE = {"procedure": "tiep-cong-dan", "step": "giai-quyet", "effective_from": date(2014, 7, 1)}
VALUES = {
    "name": "Giải quyết kiến nghị, phản ánh đã thụ lý (thời hạn tạm, chưa kiểm chứng)",
    "days": 30,
    "unit": "calendar",
    "kind": "deadline",
    "start_event": "ngày thụ lý",
    "source": (
        "CHƯA KIỂM CHỨNG. Thời hạn tạm của xã, quản trị viên sửa theo quy chế địa phương: "
        "Luật Tiếp công dân 2013 Điều 28 chỉ định 10 ngày làm việc để trả lời việc thụ lý; "
        "Luật Thực hiện dân chủ ở cơ sở 2022 Điều 35 khoản 2 điểm b: trả lời kịp thời; "
        "30 ngày lấy theo Luật Khiếu nại 2011 Điều 28"
    ),
}
FEEDBACK = ("recommendation", "reflection", "mixed")


def ship(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.update_or_create(**RULE, defaults=VALUES)
    Petition = apps.get_model("petitions", "Petition")
    Petition.objects.filter(
        kind__in=FEEDBACK,
        status__in=("accepted", "paused"),
        step="",
        accepted_on__isnull=False,
    ).update(procedure="tiep-cong-dan", step="giai-quyet", step_started_on=models.F("accepted_on"))


def restore_search_triggers(apps, schema_editor):
    """On SQLite, adding a NOT NULL column rebuilds the petition table, and the triggers that
    keep the search index in step and the phone index (0004_search_index, raw SQL Django does
    not know) go with the old table: put them back. The FTS table itself and its rows stay."""
    if schema_editor.connection.vendor != "sqlite":
        return
    search = import_module("danvan.petitions.migrations.0004_search_index")
    for name in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS petitions_petition_fts_{name}")
    for sql in [*search.SQLITE_UP[2:], search.PHONE_UP]:
        schema_editor.execute(sql)


def unship(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(**RULE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0012_visit_protected_constraints"),
        ("core", "0006_deadline_rule_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="petition",
            name="legal_basis",
            field=models.TextField(blank=True, verbose_name="căn cứ pháp lý của kết quả"),
        ),
        migrations.AddField(
            model_name="petition",
            name="proposed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người trình ký",
            ),
        ),
        migrations.AddField(
            model_name="petition",
            name="proposed_on",
            field=models.DateField(blank=True, null=True, verbose_name="ngày trình ký"),
        ),
        migrations.AddField(
            model_name="petition",
            name="signed_off_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="lãnh đạo ký duyệt",
            ),
        ),
        migrations.AlterField(
            model_name="petition",
            name="status",
            field=models.CharField(
                choices=[
                    ("received", "Mới tiếp nhận"),
                    ("accepted", "Đã thụ lý, đang giải quyết"),
                    ("proposed", "Chờ lãnh đạo ký duyệt"),
                    ("paused", "Tạm đình chỉ"),
                    ("guided", "Đã hướng dẫn"),
                    ("forwarded", "Đã chuyển đơn"),
                    ("returned", "Đã trả lại đơn"),
                    ("filed", "Lưu đơn"),
                    ("information", "Xử lý như thông tin"),
                    ("resolved", "Đã giải quyết"),
                ],
                default="received",
                max_length=12,
                verbose_name="tình trạng",
            ),
        ),
        migrations.AlterField(
            model_name="petitionevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("received", "Tiếp nhận đơn"),
                    ("accepted", "Thụ lý"),
                    ("extended", "Gia hạn giải quyết"),
                    ("paused", "Tạm đình chỉ"),
                    ("resumed", "Tiếp tục giải quyết"),
                    ("resolved", "Quyết định, kết luận"),
                    ("guided", "Hướng dẫn"),
                    ("forwarded", "Chuyển đơn"),
                    ("returned", "Trả lại đơn"),
                    ("filed", "Lưu đơn"),
                    ("information", "Xử lý như thông tin"),
                    ("verified", "Xác minh nội dung"),
                    ("dialogue", "Tổ chức đối thoại"),
                    ("concluded", "Kết luận nội dung"),
                    ("proposed", "Trình lãnh đạo ký duyệt kết quả"),
                    ("sent_back", "Lãnh đạo trả lại dự thảo kết quả"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(restore_search_triggers, migrations.RunPython.noop),
        migrations.RunPython(ship, unship),
    ]
