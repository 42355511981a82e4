"""The overview's index also holds the row id: PostgreSQL counts from it without the rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0015_overview_index"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="petition",
            name="petition_overview",
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=[
                    "commune",
                    "received_on",
                    "closed_on",
                    "due_on",
                    "status",
                    "closed_on_time",
                    "kind",
                    "signatories",
                    "handling_unit",
                    "village",
                    "handler",
                    "id",
                ],
                name="petition_overview",
            ),
        ),
    ]
