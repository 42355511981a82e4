"""What a commune inspects, and the forms of commendation and discipline it records, each row
with its source. None of these texts was read (docs/research/promises-law.md §6): each source
begins "CHƯA KIỂM CHỨNG", for a legal officer to check; an administrator edits the rows in the
admin. No time limit ships: the conclusion sets every date."""

from django.db import migrations

UNVERIFIED = "CHƯA KIỂM CHỨNG: "
SUBJECTS = [
    # code, name, source
    (
        "ky-luat-ky-cuong",
        "Kỷ luật, kỷ cương hành chính (Chỉ thị 26/CT-TTg)",
        f"{UNVERIFIED}Chỉ thị 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ về tăng cường "
        "kỷ luật, kỷ cương trong các cơ quan hành chính nhà nước các cấp (số, ngày theo báo chí; "
        "văn bản chưa đọc)",
    ),
    (
        "cong-vu",
        "Thực thi công vụ, đạo đức, văn hóa công sở của cán bộ, công chức",
        f"{UNVERIFIED}Luật Cán bộ, công chức (điều khoản về kiểm tra công vụ chưa đọc)",
    ),
    (
        "dan-van",
        "Công tác dân vận chính quyền",
        f"{UNVERIFIED}văn bản của cấp trên về công tác dân vận chính quyền chưa đọc; kế hoạch "
        "dân vận chính quyền hằng năm của xã giao nhiệm vụ kiểm tra",
    ),
    (
        "dan-chu",
        "Thực hiện dân chủ ở cơ sở",
        f"{UNVERIFIED}điều khoản giao UBND xã kiểm tra việc thực hiện dân chủ ở cơ sở chưa tìm "
        "thấy; Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11 khoản 10 (đã đọc) yêu cầu công khai "
        "kết quả kiểm tra",
    ),
]
SANCTION_SOURCE = (
    f"{UNVERIFIED}Luật Cán bộ, công chức và nghị định về xử lý kỷ luật cán bộ, công chức "
    "(văn bản hiện hành chưa đọc; hình thức áp dụng khác nhau cho cán bộ và công chức)"
)
MEASURES = [
    # code, name, is_sanction, source
    (
        "giay-khen",
        "Giấy khen của Chủ tịch UBND xã",
        False,
        f"{UNVERIFIED}Luật Thi đua, khen thưởng 2022 (chưa đọc điều khoản)",
    ),
    ("khen-khac", "Khen thưởng khác (ghi rõ trong quyết định)", False, ""),
    ("khien-trach", "Kỷ luật: khiển trách", True, SANCTION_SOURCE),
    ("canh-cao", "Kỷ luật: cảnh cáo", True, SANCTION_SOURCE),
    ("ha-bac-luong", "Kỷ luật: hạ bậc lương", True, SANCTION_SOURCE),
    ("giang-chuc", "Kỷ luật: giáng chức", True, SANCTION_SOURCE),
    ("cach-chuc", "Kỷ luật: cách chức", True, SANCTION_SOURCE),
    ("buoc-thoi-viec", "Kỷ luật: buộc thôi việc", True, SANCTION_SOURCE),
]


def load(apps, schema_editor):
    SubjectKind = apps.get_model("inspections", "SubjectKind")
    MeasureKind = apps.get_model("inspections", "MeasureKind")
    for position, (code, name, source) in enumerate(SUBJECTS):
        SubjectKind.objects.update_or_create(
            code=code, defaults={"name": name, "source": source, "position": position}
        )
    for position, (code, name, sanction, source) in enumerate(MEASURES):
        MeasureKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "is_sanction": sanction,
                "source": source,
                "position": position,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("inspections", "SubjectKind").objects.filter(
        code__in=[s[0] for s in SUBJECTS]
    ).delete()
    apps.get_model("inspections", "MeasureKind").objects.filter(
        code__in=[m[0] for m in MEASURES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
