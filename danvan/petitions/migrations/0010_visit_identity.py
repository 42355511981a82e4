# A denouncer who comes in person gets their own vault, and the register line a flag that it is
# protected. The data (0011) and the constraints that rely on it (0012) follow in their own
# migrations, so that on PostgreSQL the constraints are not added in the transaction that
# rewrote the rows.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0009_law_rule_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="visit",
            name="protected",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="danh tính được bảo vệ"
            ),
        ),
        migrations.CreateModel(
            name="VisitIdentity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("ciphertext", models.BinaryField()),
                (
                    "visit",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="identity",
                        to="petitions.visit",
                    ),
                ),
            ],
            options={
                "verbose_name": "danh tính người tố cáo tại buổi tiếp",
                "verbose_name_plural": "danh tính người tố cáo tại buổi tiếp",
            },
        ),
    ]
