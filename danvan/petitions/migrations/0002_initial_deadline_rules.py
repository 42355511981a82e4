"""The time limits in force when the product was built, each with its article.

Law 136/2025/QH15 amends the laws on citizen reception, complaints and denunciations from
01/07/2026: an administrator closes a row (effective_to) and adds the amended one; nothing here
is read from code at run time.
"""

from datetime import date

from django.db import migrations

W, C = "working", "calendar"
RULES = [
    # procedure, step, name, days, unit, variants, extensions, start event, in force from, source
    ("to-cao", "xu-ly-ban-dau", "Xử lý ban đầu thông tin tố cáo", 7, W,
     {"several_places_days": 10}, {}, "ngày nhận được tố cáo", date(2019, 1, 1),
     "Luật Tố cáo 2018, Điều 24 khoản 1"),
    ("to-cao", "chuyen-don", "Chuyển đơn tố cáo không thuộc thẩm quyền", 5, W,
     {}, {}, "ngày nhận được tố cáo", date(2019, 1, 1), "Luật Tố cáo 2018, Điều 24 khoản 2"),
    ("to-cao", "giai-quyet", "Giải quyết tố cáo", 30, C,
     {}, {"extension_days": 30, "max_extensions_complex": 1, "max_extensions_very_complex": 2},
     "ngày thụ lý tố cáo", date(2019, 1, 1), "Luật Tố cáo 2018, Điều 30"),
    ("khieu-nai-lan-1", "thu-ly", "Thụ lý khiếu nại lần đầu", 10, W,
     {}, {}, "ngày nhận được khiếu nại", date(2012, 7, 1),
     "Luật Khiếu nại 2011, Điều 27; Thông tư 07/2013/TT-TTCP, Điều 5"),
    ("khieu-nai-lan-1", "giai-quyet", "Giải quyết khiếu nại lần đầu", 30, C,
     {"complex_days": 45, "remote_days": 45, "remote_complex_days": 60}, {},
     "ngày thụ lý", date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 28"),
    ("khieu-nai-lan-2", "thu-ly", "Thụ lý khiếu nại lần hai", 10, W,
     {}, {}, "ngày nhận được khiếu nại", date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 36"),
    ("khieu-nai-lan-2", "giai-quyet", "Giải quyết khiếu nại lần hai", 45, C,
     {"complex_days": 60, "remote_days": 60, "remote_complex_days": 70}, {},
     "ngày thụ lý", date(2012, 7, 1), "Luật Khiếu nại 2011, Điều 37"),
    ("tiep-cong-dan", "tra-loi", "Trả lời việc tiếp nhận, thụ lý kiến nghị, phản ánh", 10, W,
     {}, {}, "ngày nhận được nội dung", date(2014, 7, 1), "Luật Tiếp công dân 2013, Điều 28 khoản 1"),
]


def load(apps, schema_editor):
    DeadlineRule = apps.get_model("petitions", "DeadlineRule")
    for procedure, step, name, days, unit, variants, extensions, start, since, source in RULES:
        DeadlineRule.objects.create(
            procedure=procedure, step=step, name=name, days=days, unit=unit, start_event=start,
            effective_from=since, source=source, **variants, **extensions,
        )


def unload(apps, schema_editor):
    apps.get_model("petitions", "DeadlineRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
