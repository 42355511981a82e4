"""An index the leaders' overview reads a commune's cases of a period from, alone (issue 12)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0014_strike_legacy_identities"),
    ]

    operations = [
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
                ],
                name="petition_overview",
            ),
        ),
    ]
