from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0002_law_as_data"),
    ]

    operations = [
        migrations.AlterField(
            model_name="category",
            name="name",
            field=models.CharField(max_length=1000, verbose_name="nội dung phải công khai"),
        ),
        migrations.AddField(
            model_name="disclosure",
            name="category_to_confirm",
            field=models.BooleanField(
                default=False, verbose_name="cần chọn lại nội dung theo Điều 11"
            ),
        ),
        migrations.AddField(
            model_name="disclosure",
            name="category_before",
            field=models.CharField(
                blank=True, max_length=200, verbose_name="nội dung theo danh mục cũ"
            ),
        ),
    ]
