"""The matters of Luật Thực hiện dân chủ ở cơ sở 2022, Điều 25, as data an administrator keeps.

Wording summarised from the law; a legal officer checks it against the official text (admin:
Lấy ý kiến Nhân dân → Nội dung lấy ý kiến) and corrects it there without code.
"""

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15), Điều 25"
MATTERS = [
    (
        "1",
        "Dự thảo quy hoạch, phương án chuyển đổi cơ cấu sử dụng đất; đề án định canh, định cư, "
        "vùng kinh tế mới, phương án phát triển ngành nghề trên địa bàn xã",
    ),
    ("2", "Dự thảo kế hoạch phát triển kinh tế - xã hội hằng năm của xã"),
    (
        "3",
        "Dự thảo đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới, đặt tên, đổi tên "
        "đơn vị hành chính cấp xã; thành lập, nhập, chia, đặt tên, đổi tên thôn, tổ dân phố",
    ),
    (
        "4",
        "Chủ trương, phương án bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất trên "
        "địa bàn xã",
    ),
    (
        "5",
        "Chủ trương, dự án đầu tư xây dựng công trình công cộng, kết cấu hạ tầng trên địa bàn xã",
    ),
    (
        "6",
        "Nội dung khác theo quy định của pháp luật, theo yêu cầu của cơ quan có thẩm quyền "
        "hoặc chính quyền xã thấy cần lấy ý kiến Nhân dân",
    ),
]


def load(apps, schema_editor):
    Matter = apps.get_model("consultations", "Matter")
    for n, (item, name) in enumerate(MATTERS, start=1):
        Matter.objects.get_or_create(
            item=item, source=f"{LAW} khoản {item}", defaults={"name": name, "order": n}
        )


def unload(apps, schema_editor):
    apps.get_model("consultations", "Matter").objects.filter(source__startswith=LAW).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("core", "0005_deadline_rules_shared"),
    ]

    operations = [migrations.RunPython(load, unload)]
