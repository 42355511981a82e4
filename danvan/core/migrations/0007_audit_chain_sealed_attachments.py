"""The audit chain (each entry's hash over its fields and the one before it) and the flag of
attachments stored encrypted. Existing entries are chained in id order; existing files of a
denunciation are encrypted by `danvan rotate-keys` (it needs the keys, which a migration must
not assume)."""

import django.utils.timezone
from django.db import migrations, models


def chain_existing(apps, schema_editor):
    from danvan.core.audit import chain_digest

    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    prev = ""
    batch = []
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=2000):
        entry.prev_hash = prev
        entry.hash = prev = chain_digest(
            prev_hash=prev,
            created_at=entry.created_at,
            actor_id=entry.actor_id,
            commune_id=entry.commune_id,
            action=entry.action,
            content_type=types[entry.content_type_id],
            object_id=entry.object_id,
            object_repr=entry.object_repr,
            changes=entry.changes,
        )
        batch.append(entry)
        if len(batch) == 2000:
            AuditEntry.objects.bulk_update(batch, ["prev_hash", "hash"])
            batch = []
    AuditEntry.objects.bulk_update(batch, ["prev_hash", "hash"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_deadline_rule_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="encrypted",
            field=models.BooleanField(default=False, editable=False, verbose_name="mã hóa"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="mã băm mục trước"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="mã băm"
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="created_at",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="thời điểm",
            ),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop, elidable=True),
    ]
