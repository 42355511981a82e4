"""Unit.one_stop marks a commune's one-stop centre (Trung tâm Phục vụ hành chính công, Nghị định
118/2025/NĐ-CP), whose officers keep the dossier register (danvan.onestop). Offices already
named so are marked; an administrator marks any other in the admin."""

import unicodedata

from django.db import migrations, models


def _fold(text):
    bare = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "d"))
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).lower().split())


def mark(apps, schema_editor):
    Unit = apps.get_model("core", "Unit")
    for unit in Unit.objects.filter(kind="office"):
        if "phuc vu hanh chinh cong" in _fold(unit.name):
            Unit.objects.filter(pk=unit.pk).update(one_stop=True)


class Migration(migrations.Migration):
    dependencies = [("core", "0010_job")]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="one_stop",
            field=models.BooleanField(
                default=False, verbose_name="trung tâm phục vụ hành chính công"
            ),
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
