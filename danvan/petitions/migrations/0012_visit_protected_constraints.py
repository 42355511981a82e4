# Every denunciation's line is protected, and a protected line holds no name, address nor ID
# number: checked by the database from now on (0011 made the rows agree).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0011_protect_denunciation_visits"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="visit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("protected", True),
                    models.Q(("kind", "denunciation"), _negated=True),
                    _connector="OR",
                ),
                name="visit_denunciation_protected",
            ),
        ),
        migrations.AddConstraint(
            model_name="visit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("protected", False),
                    models.Q(("address", ""), ("id_number", ""), ("name", "Danh tính được bảo vệ")),
                    _connector="OR",
                ),
                name="visit_protected_holds_no_identity",
            ),
        ),
    ]
