import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("consultations", "0005_comments_by_the_forms_of_article_26")]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="channel",
            field=models.ForeignKey(
                db_column="channel",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="consultations.channel",
                to_field="code",
                verbose_name="hình thức",
            ),
        ),
    ]
