# Indexes of the cases assigned to an officer or his unit, newest first (search.few_matches).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_audit_commune_newest"),
        ("petitions", "0017_province_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["handler", "-received_on", "-id", "commune"], name="petition_handler_newest"
            ),
        ),
        migrations.AddIndex(
            model_name="petition",
            index=models.Index(
                fields=["handling_unit", "-received_on", "-id", "commune"],
                name="petition_unit_newest",
            ),
        ),
    ]
