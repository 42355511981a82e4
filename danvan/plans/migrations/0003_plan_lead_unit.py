import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("plans", "0002_task_list_order_postgres"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="lead_unit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="led_plans",
                to="core.unit",
                verbose_name="đơn vị chủ trì theo dõi",
            ),
        ),
    ]
