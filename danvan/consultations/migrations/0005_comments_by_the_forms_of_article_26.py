"""Each comment names the form of Điều 26 it came through (a row of Channel, by its code);
the old choices move as in 0004 (village_head → meeting, form → ballot)."""

from django.db import migrations

MOVED = {"village_head": "meeting", "form": "ballot"}


def move(apps, schema_editor):
    Comment = apps.get_model("consultations", "Comment")
    for old, new in MOVED.items():
        Comment.objects.filter(channel=old).update(channel=new)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0004_channels_of_article_26")]

    operations = [
        migrations.RemoveField(model_name="consultation", name="channels_before"),
        migrations.RunPython(move, migrations.RunPython.noop),
    ]
