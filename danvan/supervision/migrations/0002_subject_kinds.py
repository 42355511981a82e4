"""What the people supervise, each row with the article that gives it (Luật Thực hiện dân chủ ở
cơ sở 2022 = Luật số 10/2022/QH15). An administrator edits them in the admin; nothing here is
read from code at run time."""

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022"
KINDS = [
    # code, name, source
    ("chinh-sach", "Việc thực hiện chính sách, pháp luật của chính quyền xã",
     f"{LAW}, Điều 30 khoản 2"),
    ("dan-quyet-dinh", "Việc thực hiện các nội dung Nhân dân đã bàn và quyết định",
     f"{LAW}, Điều 30 khoản 1"),
    ("dau-tu", "Chương trình, dự án đầu tư, công trình trên địa bàn (giám sát đầu tư của cộng đồng)",
     f"{LAW}, Điều 31 khoản 2"),
    ("can-bo", "Việc thực hiện nhiệm vụ, công vụ của cán bộ, công chức xã, người hoạt động ở thôn",
     f"{LAW}, Điều 30 khoản 2"),
    ("don-thu", "Việc tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh",
     f"{LAW}, Điều 30 khoản 2; Điều 31 khoản 1 điểm d"),
    ("dan-chu", "Việc tổ chức thực hiện dân chủ ở cơ sở (công khai, lấy ý kiến)",
     f"{LAW}, Điều 30 khoản 2"),
]


def load(apps, schema_editor):
    SubjectKind = apps.get_model("supervision", "SubjectKind")
    for position, (code, name, source) in enumerate(KINDS):
        SubjectKind.objects.update_or_create(
            code=code, defaults={"name": name, "source": source, "position": position}
        )


def unload(apps, schema_editor):
    apps.get_model("supervision", "SubjectKind").objects.filter(
        code__in=[k[0] for k in KINDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        # The rule table every app shares: an administrator adds the answering time limit
        # (giam-sat / tra-loi-kien-nghi) there when a text sets one (docs/legal-rules.md).
        ("core", "0005_deadline_rules_shared"),
    ]
    operations = [migrations.RunPython(load, unload)]
