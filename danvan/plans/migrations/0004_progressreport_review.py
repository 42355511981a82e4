"""Progress that is checked (issue 12): a report states its period and waits for review.

Every report stored before this migration becomes ACCEPTED, with no reviewer: it was counted
when it was sent (the task's percent, last report, completion and cleared periods rest on it),
and it stays counted, so that no task changes its status on the day review arrives. The page
shows such a report as "counted before reports were reviewed". Reports sent from now on wait
for review (or are notes, without a percent, never counted).

A report without a period (a one-off task's, a coordinating unit's) gets the day it was made:
the period it spoke for.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models.functions import Coalesce


def accept_existing_reports(apps, schema_editor):  # type: ignore[no-untyped-def]
    # One UPDATE touches each row once: on PostgreSQL a row updated twice in this transaction
    # queues its (deferred) foreign-key checks, and the ALTER TABLE below would then refuse
    # to run ("pending trigger events").
    ProgressReport = apps.get_model("plans", "ProgressReport")
    ProgressReport.objects.update(
        review="accepted", period_end=Coalesce("period_end", "reported_on")
    )


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("plans", "0003_plan_lead_unit"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressreport",
            name="review",
            field=models.CharField(
                choices=[
                    ("pending", "Chờ duyệt"),
                    ("accepted", "Đã chấp nhận"),
                    ("returned", "Đã trả lại"),
                    ("note", "Ghi chú, không tính tiến độ"),
                ],
                default="pending",
                max_length=10,
                verbose_name="duyệt",
            ),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="review_comment",
            field=models.TextField(blank=True, verbose_name="nhận xét khi duyệt"),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="thời điểm duyệt"),
        ),
        migrations.AddField(
            model_name="progressreport",
            name="reviewed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="người duyệt",
            ),
        ),
        migrations.RunPython(accept_existing_reports, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="progressreport",
            name="period_end",
            field=models.DateField(verbose_name="kỳ báo cáo"),
        ),
        migrations.AddIndex(
            model_name="progressreport",
            index=models.Index(fields=["review", "task"], name="report_review_task"),
        ),
    ]
