"""The law as data: the 14 contents of Điều 11, the channels of Điều 12–13 and the time limits
of Điều 12 khoản 3 and Điều 13 (Luật Thực hiện dân chủ ở cơ sở 2022, Luật số 10/2022/QH15,
in force from 01/07/2023). A legal officer edits every row in the admin.
"""

from datetime import date

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022"
IN_FORCE = date(2023, 7, 1)

# (khoản, short name, text, permanent, minimum posting, loudspeaker)
CATEGORIES = [
    (1, "Kế hoạch phát triển kinh tế - xã hội",
     "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm của "
     "cấp xã và kết quả thực hiện", False, True, False),
    (2, "Dự toán, quyết toán ngân sách xã",
     "Số liệu, báo cáo thuyết minh dự toán ngân sách nhà nước, kế hoạch hoạt động tài chính của "
     "cấp xã; dự toán đã được Hội đồng nhân dân cấp xã quyết định; tình hình thực hiện dự toán "
     "theo quý, 06 tháng, hằng năm; quyết toán ngân sách; kết quả thực hiện kiến nghị của Kiểm "
     "toán nhà nước (nếu có)", False, True, False),
    (3, "Dự án, công trình đầu tư; thu hồi đất",
     "Dự án, công trình đầu tư trên địa bàn cấp xã và tiến độ thực hiện; kế hoạch thu hồi đất, "
     "bồi thường, hỗ trợ, tái định cư; kế hoạch quản lý, sử dụng quỹ đất do cấp xã quản lý; kế "
     "hoạch cho thuê đất thuộc quỹ đất nông nghiệp sử dụng vào mục đích công ích", False, True,
     False),
    (4, "Thủ tục hành chính",
     "Thủ tục hành chính, việc giải quyết thủ tục hành chính cho người dân, doanh nghiệp thuộc "
     "thẩm quyền của cấp xã", True, False, False),
    (5, "Kết quả lấy ý kiến Nhân dân",
     "Nội dung và kết quả tiếp thu ý kiến của Nhân dân đối với những vấn đề thuộc thẩm quyền "
     "quyết định của cấp xã mà chính quyền địa phương cấp xã đưa ra lấy ý kiến Nhân dân", False,
     True, False),
    (6, "Đơn vị hành chính, địa giới",
     "Đề án thành lập mới, nhập, chia đơn vị hành chính, điều chỉnh địa giới đơn vị hành chính "
     "liên quan đến cấp xã", False, True, False),
    (7, "Quỹ, khoản đóng góp của Nhân dân",
     "Việc quản lý và sử dụng các loại quỹ, khoản đầu tư, tài trợ theo chương trình, dự án đối "
     "với cấp xã; các khoản huy động Nhân dân đóng góp", False, True, True),
    (8, "Vay vốn cho Nhân dân",
     "Chủ trương, kế hoạch vay vốn cho Nhân dân để phát triển sản xuất, xóa đói, giảm nghèo; "
     "phương thức và kết quả bình xét hộ được vay vốn", False, True, True),
    (9, "Thanh tra, kiểm tra, tiêu cực, tham nhũng",
     "Kết quả thanh tra, kiểm tra, giải quyết các vụ việc tiêu cực, tham nhũng của cán bộ, công "
     "chức cấp xã, của cán bộ thôn, tổ dân phố; kết quả lấy phiếu tín nhiệm", False, True, True),
    (10, "Phí, lệ phí do xã thu",
     "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác do chính quyền địa "
     "phương cấp xã trực tiếp thu", False, True, True),
    (11, "Chính sách an sinh xã hội",
     "Chính sách, đối tượng, tiêu chuẩn và kết quả bình xét, danh sách người được hưởng các "
     "chính sách an sinh xã hội, hỗ trợ của Nhà nước trên địa bàn cấp xã", False, True, True),
    (12, "Đất đai, nhà ở tái định cư, hỗ trợ",
     "Việc quản lý, sử dụng đất công, nhà, đất tái định cư và các khoản hỗ trợ, bồi thường cho "
     "người dân trên địa bàn cấp xã", False, True, True),
    (13, "Nhiệm vụ, quyền hạn của cán bộ, công chức",
     "Chức năng, nhiệm vụ, quyền hạn của cán bộ, công chức cấp xã trực tiếp giải quyết các công "
     "việc của Nhân dân", True, False, False),
    (14, "Nội dung khác",
     "Các nội dung khác theo quy định của pháp luật, theo yêu cầu của cơ quan nhà nước có thẩm "
     "quyền hoặc chính quyền địa phương cấp xã thấy cần thiết", False, True, False),
]

# (slug, name, kind, source, per village, village head records, order)
CHANNELS = [
    ("tru-so-ubnd", "Niêm yết tại trụ sở UBND xã", "board", f"{LAW}, Điều 12 khoản 1, Điều 13",
     False, False, 1),
    ("nha-van-hoa-thon", "Niêm yết tại nhà văn hóa thôn", "board",
     f"{LAW}, Điều 12 khoản 1, Điều 13", True, True, 2),
    ("cong-thong-tin", "Cổng thông tin điện tử của xã", "portal", f"{LAW}, Điều 12 khoản 1",
     False, False, 3),
    ("truyen-thanh-xa", "Hệ thống truyền thanh của xã", "loudspeaker", f"{LAW}, Điều 13 khoản 3",
     False, False, 4),
    ("loa-thon", "Loa truyền thanh của thôn", "loudspeaker", f"{LAW}, Điều 13 khoản 3", True,
     True, 5),
    ("qua-truong-thon", "Thông báo qua Trưởng thôn đến hộ gia đình", "other",
     f"{LAW}, Điều 13 khoản 4", True, True, 6),
    ("hop-thon", "Thông báo tại cuộc họp của cộng đồng dân cư", "other",
     f"{LAW}, Điều 13 khoản 4", True, True, 7),
    ("hoi-nghi-xa", "Thông báo tại hội nghị của xã", "other", f"{LAW}, Điều 12 khoản 1", False,
     False, 8),
    ("van-ban-gui-ho", "Văn bản gửi đến cơ quan, tổ chức, hộ gia đình", "other",
     f"{LAW}, Điều 12 khoản 1", False, False, 9),
]

RULES = [
    ("bat-dau", "Bắt đầu công khai", 5, "working", "ngày văn bản được ban hành, phê duyệt",
     f"{LAW}, Điều 12 khoản 3"),
    ("niem-yet", "Niêm yết liên tục tối thiểu", 30, "calendar", "ngày bắt đầu niêm yết",
     f"{LAW}, Điều 13 khoản 2"),
    ("truyen-thanh", "Phát trên hệ thống truyền thanh tối thiểu", 3, "calendar",
     "ngày bắt đầu phát", f"{LAW}, Điều 13 khoản 3"),
]


def load(apps, schema_editor):
    Category = apps.get_model("disclosures", "Category")
    Channel = apps.get_model("disclosures", "Channel")
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    for number, short, name, permanent, minimum, loud in CATEGORIES:
        Category.objects.update_or_create(
            number=number,
            defaults={
                "short_name": short,
                "name": name,
                "source": f"{LAW}, Điều 11 khoản {number}",
                "permanent": permanent,
                "minimum_posting": minimum,
                "loudspeaker": loud,
                "review_every_days": 90 if permanent else None,
            },
        )
    for slug, name, kind, source, per_village, head, order in CHANNELS:
        Channel.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "source": source,
                "per_village": per_village,
                "village_head_records": head,
                "order": order,
            },
        )
    for step, name, days, unit, start, source in RULES:
        if not DeadlineRule.objects.filter(procedure="cong-khai", step=step).exists():
            DeadlineRule.objects.create(
                procedure="cong-khai", step=step, name=name, days=days, unit=unit,
                start_event=start, effective_from=IN_FORCE, source=source,
            )


def unload(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(procedure="cong-khai").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0001_initial"),
        ("core", "0005_deadline_rules_shared"),
    ]

    operations = [migrations.RunPython(load, unload)]
