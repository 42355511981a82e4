"""The 14 contents to disclose in the words of Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số
10/2022/QH15) Điều 11, their posting by Điều 13, and the disclosures registered under the older
list moved to the law's items.

Migration 0002 shipped an older list (items 4–13 followed the Pháp lệnh 34/2007 era). Each row is
rewritten in place (same number, the law's text, copied from the Bộ pháp điển text, soft hyphens
and non-breaking spaces removed) with its posting rules:
- Điều 13 khoản 2 đoạn 1: khoản 1, 2, 3, 5–12 posted at least 30 consecutive days;
- Điều 13 khoản 2 đoạn 2: khoản 4 and 13 posted permanently at the headquarters, updated when
  they change (no end date, no minimum);
- Điều 13 khoản 3: khoản 7–12 broadcast on the commune's loudspeaker system (if any);
- khoản 14 is in neither list of Điều 13 khoản 2: the law or the commune's democracy regulation
  that asks for the content says how it is posted (no minimum shipped).

Disclosures move from the old item (left) to the law's item (right):
   1 Kế hoạch phát triển kinh tế - xã hội         →  1 (same content)
   2 Dự toán, quyết toán ngân sách xã             →  2 (same content)
   3 Dự án, công trình đầu tư; thu hồi đất        →  3 (same content)
   4 Thủ tục hành chính                           → 13 administrative procedures
   5 Kết quả lấy ý kiến Nhân dân                  → 11 consultation plans, contents, results
   6 Đơn vị hành chính, địa giới                  → NOT MAPPED (no item of Điều 11)
   7 Quỹ, khoản đóng góp của Nhân dân             →  5 funds, investments, contributions
   8 Vay vốn cho Nhân dân                         →  7 support, subsidy and credit policies
   9 Thanh tra, kiểm tra, tiêu cực, tham nhũng    → 10 inspections, corruption, confidence votes
  10 Phí, lệ phí do xã thu                        → 12 fees and charges (same content)
  11 Chính sách an sinh xã hội                    →  7 social-security policies and who benefits
                                                     (relief after a disaster belongs to 8: same
                                                     posting rules, an officer may move it)
  12 Đất đai, nhà ở tái định cư, hỗ trợ           → NOT MAPPED (split between 3 and 6)
  13 Nhiệm vụ, quyền hạn của cán bộ, công chức    →  4 duties of officials (and the regulation)
  14 Nội dung khác                                → 14 (same)
A disclosure that is NOT MAPPED goes to 14 marked `category_to_confirm`, with the old item's words
in `category_before`: the register warns "Chọn lại nội dung theo Điều 11" until an officer
chooses its item. Every move is written to the disclosure's history (no user: the migration).

The posting and broadcast rules become minimum periods (`core.DeadlineRule.kind`): the day of
posting is not counted (BLDS 2015 Điều 147) and the end is never moved to a working day.
"""

from importlib import import_module

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022"
POSTED = "Điều 13 khoản 2 đoạn 1 (niêm yết ít nhất 30 ngày liên tục)"
PERMANENT = "Điều 13 khoản 2 đoạn 2 (niêm yết thường xuyên, cập nhật khi thay đổi)"
BROADCAST = "Điều 13 khoản 3 (truyền thanh ít nhất 03 ngày liên tục, nếu có)"
NO_POSTING = "Điều 13 khoản 2 không nêu khoản này: niêm yết theo văn bản quy định nội dung đó"

# (khoản, short name, the law's text, permanent, minimum posting, loudspeaker)
CATEGORIES = [
    (1, "Kế hoạch phát triển kinh tế - xã hội",
     "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế hằng năm của cấp "
     "xã và kết quả thực hiện", False, True, False),
    (2, "Ngân sách, tài chính của xã",
     "Số liệu, báo cáo thuyết minh dự toán ngân sách nhà nước, kế hoạch hoạt động tài chính của "
     "cấp xã trình Hội đồng nhân dân cấp xã; dự toán ngân sách, kế hoạch hoạt động tài chính đã "
     "được Hội đồng nhân dân cấp xã quyết định; số liệu và thuyết minh tình hình thực hiện dự toán "
     "ngân sách cấp xã định kỳ theo quý, 06 tháng, hằng năm; quyết toán ngân sách nhà nước và kết "
     "quả thực hiện các hoạt động tài chính khác đã được Hội đồng nhân dân cấp xã phê chuẩn; kết "
     "quả thực hiện các kiến nghị của Kiểm toán nhà nước (nếu có)", False, True, False),
    (3, "Dự án, công trình đầu tư; đất đai, quy hoạch",
     "Dự án, công trình đầu tư trên địa bàn cấp xã và tiến độ thực hiện; kế hoạch thu hồi đất, "
     "bồi thường, hỗ trợ, tái định cư khi thu hồi đất để thực hiện dự án, công trình đầu tư trên "
     "địa bàn cấp xã; kế hoạch quản lý, sử dụng quỹ đất do cấp xã quản lý; kế hoạch cho thuê đất "
     "thuộc quỹ đất nông nghiệp sử dụng vào mục đích công ích của cấp xã; quy hoạch xây dựng vùng "
     "huyện, quy hoạch xây dựng xã và điểm dân cư nông thôn; quy hoạch chung được lập cho thị "
     "trấn, đồ án quy hoạch phân khu, quy hoạch chi tiết được lập cho các khu vực thuộc phạm vi "
     "thị trấn", False, True, False),
    (4, "Quy chế dân chủ; nhiệm vụ cán bộ; quy tắc ứng xử",
     "Quy chế thực hiện dân chủ ở xã, phường, thị trấn; nhiệm vụ, quyền hạn của cán bộ, công chức "
     "và người hoạt động không chuyên trách ở cấp xã, ở thôn, tổ dân phố; quy tắc ứng xử của người "
     "có chức vụ, quyền hạn của chính quyền địa phương cấp xã", True, False, False),
    (5, "Quỹ, khoản đầu tư, tài trợ; Nhân dân đóng góp",
     "Việc quản lý và sử dụng các loại quỹ, khoản đầu tư, tài trợ theo chương trình, dự án đối với "
     "địa bàn cấp xã; các khoản huy động Nhân dân đóng góp", False, True, False),
    (6, "Tài sản công do xã quản lý",
     "Tình hình đầu tư xây dựng, mua sắm, giao, thuê, sử dụng, thu hồi, điều chuyển, chuyển đổi "
     "công năng, bán, thanh lý, tiêu hủy và hình thức xử lý khác đối với tài sản công do cấp xã "
     "quản lý; tình hình khai thác nguồn lực tài chính từ tài sản công của chính quyền địa phương "
     "cấp xã", False, True, False),
    (7, "Chính sách hỗ trợ, trợ cấp, tín dụng, an sinh xã hội",
     "Chủ trương, chính sách, kế hoạch, tiêu chí, đối tượng, quy trình bình xét và kết quả thực "
     "hiện chính sách hỗ trợ, trợ cấp, tín dụng để thực hiện các chương trình mục tiêu quốc gia, "
     "phát triển sản xuất, hỗ trợ xây dựng nhà ở, cấp thẻ bảo hiểm y tế và các chính sách an sinh "
     "xã hội khác được tổ chức triển khai trên địa bàn cấp xã", False, True, True),
    (8, "Hỗ trợ khắc phục thiên tai, dịch bệnh; bệnh hiểm nghèo",
     "Thông tin về phạm vi, đối tượng, cách thức bình xét, xác định đối tượng, mức hỗ trợ, thời "
     "gian, thủ tục thực hiện phân phối các khoản hỗ trợ từ ngân sách nhà nước để khắc phục khó "
     "khăn do thiên tai, dịch bệnh, sự cố, thảm họa hoặc để hỗ trợ bệnh nhân mắc bệnh hiểm nghèo "
     "trên địa bàn cấp xã; việc quản lý, sử dụng các nguồn đóng góp, quyên góp tự nguyện của các "
     "tổ chức, cá nhân trong nước và nước ngoài dành cho các đối tượng trên địa bàn cấp xã",
     False, True, True),
    (9, "Gọi nhập ngũ, nghĩa vụ tham gia Công an nhân dân",
     "Số lượng, đối tượng, tiêu chuẩn gọi nhập ngũ; danh sách công dân đủ điều kiện nhập ngũ và "
     "thực hiện nghĩa vụ tham gia Công an nhân dân; danh sách công dân được gọi nhập ngũ và thực "
     "hiện nghĩa vụ tham gia Công an nhân dân; danh sách tạm hoãn gọi nhập ngũ, miễn gọi nhập ngũ "
     "trên địa bàn cấp xã", False, True, True),
    (10, "Thanh tra, kiểm tra, tham nhũng; tín nhiệm",
     "Kết quả thanh tra, kiểm tra, giải quyết các vụ việc tham nhũng, tiêu cực, vi phạm kỷ luật "
     "đối với cán bộ, công chức, người hoạt động không chuyên trách ở cấp xã, ở thôn, tổ dân phố; "
     "kết quả lấy phiếu tín nhiệm, bỏ phiếu tín nhiệm Chủ tịch, Phó Chủ tịch và Trưởng ban của Hội "
     "đồng nhân dân cấp xã, Chủ tịch, Phó Chủ tịch và các Ủy viên Ủy ban nhân dân cấp xã",
     False, True, True),
    (11, "Lấy ý kiến Nhân dân",
     "Kế hoạch lấy ý kiến Nhân dân, nội dung lấy ý kiến, kết quả tổng hợp ý kiến và giải trình, "
     "tiếp thu ý kiến của Nhân dân đối với những nội dung chính quyền địa phương cấp xã đưa ra lấy "
     "ý kiến Nhân dân quy định tại Điều 25 của Luật này", False, True, True),
    (12, "Phí, lệ phí do xã thu",
     "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác do chính quyền địa "
     "phương cấp xã trực tiếp thu", False, True, True),
    (13, "Thủ tục hành chính của xã",
     "Các thủ tục hành chính, thủ tục giải quyết công việc liên quan đến tổ chức, cá nhân do chính "
     "quyền địa phương cấp xã trực tiếp thực hiện", True, False, False),
    (14, "Nội dung khác",
     "Nội dung khác theo quy định của pháp luật và quy chế thực hiện dân chủ ở xã, phường, thị "
     "trấn", False, False, False),
]

# Old item → the law's item; None: no item of Điều 11 says it (moved to 14, marked).
OLD_TO_NEW = {1: 1, 2: 2, 3: 3, 4: 13, 5: 11, 6: None, 7: 5, 8: 7, 9: 10, 10: 12, 11: 7,
              12: None, 13: 4, 14: 14}
# Back again (the law's items 6, 8 and 9 had no old item: they go to 14).
NEW_TO_OLD = {1: 1, 2: 2, 3: 3, 4: 13, 5: 7, 6: 14, 7: 8, 8: 14, 9: 14, 10: 9, 11: 5, 12: 10,
              13: 4, 14: 14}
OTHER = 14
MINIMUM_STEPS = ("niem-yet", "truyen-thanh")


def source(number, permanent, minimum, loudspeaker):
    parts = [f"{LAW}, Điều 11 khoản {number}"]
    if permanent:
        parts.append(PERMANENT)
    elif minimum:
        parts.append(POSTED)
    else:
        parts.append(NO_POSTING)
    if loudspeaker:
        parts.append(BROADCAST)
    return "; ".join(parts)


def _audit(apps, d, before, after, marked):
    AuditEntry = apps.get_model("core", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label="disclosures", model="disclosure")
    changes = {"category": [before, after]}
    if marked:
        changes["category_to_confirm"] = [False, True]
    AuditEntry.objects.create(
        actor=None, commune_id=d.commune_id, action="disclosures.category_migrated",
        content_type=ct, object_id=str(d.pk), object_repr=d.title[:300], changes=changes,
    )


def forward(apps, schema_editor):
    Category = apps.get_model("disclosures", "Category")
    Disclosure = apps.get_model("disclosures", "Disclosure")
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    old = {c.pk: (c.number, f"{c.number}. {c.short_name}") for c in Category.objects.all()}
    moves = [(d, *old[d.category_id]) for d in Disclosure.objects.all()]
    by_number = {}
    for number, short, name, permanent, minimum, loud in CATEGORIES:
        by_number[number], _ = Category.objects.update_or_create(
            number=number,
            defaults={
                "short_name": short,
                "name": name,
                "source": source(number, permanent, minimum, loud),
                "permanent": permanent,
                "minimum_posting": minimum,
                "loudspeaker": loud,
                "review_every_days": 90 if permanent else None,
            },
        )
    for d, number, label in moves:
        target = OLD_TO_NEW.get(number, number)
        marked = target is None
        new = by_number[OTHER if marked else target]
        d.category = new
        if marked:
            d.category_to_confirm, d.category_before = True, label[:200]
        d.save(update_fields=["category", "category_to_confirm", "category_before"])
        after = f"{new.number}. {new.short_name}"
        if after != label or marked:
            _audit(apps, d, label, after, marked)
    DeadlineRule.objects.filter(procedure="cong-khai", step__in=MINIMUM_STEPS).update(
        kind="minimum"
    )


def backward(apps, schema_editor):
    """The old list again (migration 0002's rows), each disclosure back on its old item."""
    Disclosure = apps.get_model("disclosures", "Disclosure")
    Category = apps.get_model("disclosures", "Category")
    DeadlineRule = apps.get_model("core", "DeadlineRule")
    new = {d.pk: d.category.number for d in Disclosure.objects.select_related("category")}
    import_module("danvan.disclosures.migrations.0002_law_as_data").load(apps, schema_editor)
    by_number = {c.number: c for c in Category.objects.all()}
    for d in Disclosure.objects.all():
        number = NEW_TO_OLD[new[d.pk]]
        if d.category_to_confirm and d.category_before.split(".")[0].isdigit():
            number = int(d.category_before.split(".")[0])
        d.category = by_number[number]
        d.save(update_fields=["category"])
    DeadlineRule.objects.filter(procedure="cong-khai", step__in=MINIMUM_STEPS).update(
        kind="deadline"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("disclosures", "0003_category_to_confirm"),
        ("core", "0006_deadline_rule_kind"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forward, backward)]
