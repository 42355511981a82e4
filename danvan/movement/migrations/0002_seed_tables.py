"""The movement's tables, each row with its source: the four fields, the criteria (UNVERIFIED:
no provincial scoring scale of Lạng Sơn was read; a sensible 100-point set after a provincial
guide, which an administrator corrects in the admin), the levels of recognition (no district)."""

from django.db import migrations

FIELDS_SOURCE = (
    "Phong trào thi đua “Dân vận khéo” (Ban Dân vận Trung ương, nay Ban Tuyên giáo và Dân vận "
    "Trung ương): bốn lĩnh vực — chưa kiểm chứng văn bản"
)
FIELDS = [
    ("kinh-te", "Kinh tế"),
    ("van-hoa-xa-hoi", "Văn hóa - xã hội"),
    ("quoc-phong-an-ninh", "Quốc phòng - an ninh"),
    ("xay-dung-he-thong-chinh-tri", "Xây dựng hệ thống chính trị"),
]

CRITERIA_SOURCE = (
    "CHƯA KIỂM CHỨNG: tham khảo Hướng dẫn nghiệp vụ xây dựng mô hình, điển hình “Dân vận khéo” "
    "(Ban Dân vận Tỉnh ủy Bình Phước, 22/06/2020); chưa tìm được thang điểm của tỉnh Lạng Sơn"
)
# (name, hint, points, applies to)
CRITERIA = [
    ("Tính mới, sáng tạo, phù hợp thực tế", "Cách làm mới, phù hợp đặc điểm địa bàn", 20, "both"),
    (
        "Hiệu quả thiết thực, kết quả kiểm chứng được",
        "Sản phẩm, số liệu, minh chứng so với mục tiêu đăng ký",
        30,
        "both",
    ),
    ("Sự tham gia, đồng thuận của nhân dân", "Người dân biết, bàn, làm, kiểm tra, hưởng thụ", 20, "both"),
    ("Khả năng duy trì, nhân rộng", "Đã hoặc có thể được nơi khác áp dụng", 20, "models"),
    ("Tính nêu gương, sức lan tỏa", "Tấm gương được cộng đồng ghi nhận, học tập", 20, "exemplars"),
    ("Hồ sơ, minh chứng đầy đủ", "Đăng ký, theo dõi, ảnh, tài liệu", 10, "both"),
]

LEVELS_SOURCE = (
    "Luật Tổ chức chính quyền địa phương 2025 (chính quyền địa phương hai cấp từ 01/07/2025: "
    "không còn cấp huyện)"
)
LEVELS = [
    ("xa", "Cấp xã", True),
    ("tinh", "Cấp tỉnh", False),
    ("trung-uong", "Trung ương", False),
]


def seed(apps, schema_editor):
    Field = apps.get_model("movement", "Field")
    Criterion = apps.get_model("movement", "Criterion")
    Level = apps.get_model("movement", "RecognitionLevel")
    for n, (code, name) in enumerate(FIELDS, start=1):
        Field.objects.update_or_create(
            code=code, defaults={"name": name, "position": n, "source": FIELDS_SOURCE}
        )
    if not Criterion.objects.exists():
        for n, (name, hint, points, applies) in enumerate(CRITERIA, start=1):
            Criterion.objects.create(
                name=name,
                hint=hint,
                max_points=points,
                position=n,
                applies_to=applies,
                source=CRITERIA_SOURCE,
            )
    for n, (code, name, is_commune) in enumerate(LEVELS, start=1):
        Level.objects.update_or_create(
            code=code,
            defaults={"name": name, "position": n, "is_commune": is_commune, "source": LEVELS_SOURCE},
        )


class Migration(migrations.Migration):
    dependencies = [("movement", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
