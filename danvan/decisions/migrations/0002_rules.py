"""The rules of villagers' decisions shipped with the product: time limits in core.DeadlineRule
(procedure `dan-quyet-dinh`) and the six items of Luật THDCCS 2022 Điều 15 with their thresholds.
A legal officer edits both in the admin; `load` is also called by the browser tests."""

from datetime import date

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15)"
DECREE = "Nghị định 59/2023/NĐ-CP"

RULES = [
    dict(
        procedure="dan-quyet-dinh",
        step="thong-bao-hop",
        name="Thông báo cuộc họp cộng đồng dân cư trước ngày họp",
        days=2,
        unit="calendar",
        start_event="ngày thông báo (họp sớm nhất sau đủ số ngày)",
        effective_from=date(2023, 8, 14),
        source=f"{DECREE}, Điều 3",
    ),
    dict(
        procedure="dan-quyet-dinh",
        step="gui-bien-ban",
        name="Gửi quyết định, biên bản của cộng đồng dân cư đến UBND và UBMTTQ xã",
        days=5,
        unit="working",
        start_event="ngày họp hoặc ngày kết thúc thu phiếu",
        effective_from=date(2023, 8, 14),
        source=f"{DECREE}, Điều 3 khoản 5 (cuộc họp), Điều 4 khoản 7 (phát phiếu)",
    ),
    dict(
        procedure="dan-quyet-dinh",
        step="cong-nhan",
        name="Công nhận quyết định của cộng đồng dân cư",
        days=5,
        unit="working",
        start_event="ngày nhận biên bản",
        effective_from=date(2023, 7, 1),
        source=f"{LAW}, Điều 21",
    ),
]

ITEM_1_2 = f"{LAW}, Điều 21 khoản 1: ít nhất 2/3 tổng số hộ gia đình"
ITEM_3_6 = f"{LAW}, Điều 21 khoản 2: trên 1/2 tổng số hộ gia đình"
WIDE = f"{LAW}, Điều 21: tính trên tổng số hộ gia đình trong phạm vi biểu quyết"
ONLINE = f"{LAW}, Điều 16; {DECREE}, Điều 4 (phát phiếu, có thể qua mạng)"
NO_ONLINE = f"{LAW}, Điều 16: bầu, cho thôi làm bằng hội nghị, bỏ phiếu kín"
COMMITTEE = f"{LAW}, Điều 21; Chủ tịch UBND xã công nhận"
FRONT = f"{LAW}, Điều 21; Ban Thường trực UBMTTQ xã công nhận thành viên Ban TTND, Ban GSĐTCĐ"

ITEMS = [
    (1, "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, các công trình công cộng do Nhân dân đóng góp toàn bộ hoặc một phần kinh phí, tài sản, công sức", "Đóng góp xây dựng công trình", 2, 3, False, ITEM_1_2, True, ONLINE, "committee", COMMITTEE),
    (2, "Việc thu, chi, quản lý các khoản đóng góp của Nhân dân tại cộng đồng dân cư ngoài các khoản pháp luật quy định; kinh phí, tài sản cộng đồng được giao quản lý hoặc tiếp nhận", "Thu, chi, quản lý quỹ cộng đồng", 2, 3, False, ITEM_1_2, True, ONLINE, "committee", COMMITTEE),
    (3, "Nội dung hương ước, quy ước của cộng đồng dân cư", "Hương ước, quy ước", 1, 2, True, ITEM_3_6, True, ONLINE, "committee", COMMITTEE),
    (4, "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố", "Bầu, cho thôi Trưởng thôn", 1, 2, True, ITEM_3_6, False, NO_ONLINE, "committee", COMMITTEE),
    (5, "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng", "Bầu Ban TTND, Ban GSĐTCĐ", 1, 2, True, ITEM_3_6, False, NO_ONLINE, "front", FRONT),
    (6, "Các công việc tự quản khác trong nội bộ cộng đồng dân cư không trái pháp luật, phù hợp thuần phong mỹ tục và đạo đức xã hội", "Công việc tự quản khác", 1, 2, True, ITEM_3_6, True, ONLINE, "committee", COMMITTEE),
]


def load(apps, schema_editor):
    rule = apps.get_model("core", "DeadlineRule")
    for r in RULES:
        if not rule.objects.filter(procedure=r["procedure"], step=r["step"]).exists():
            rule.objects.create(**r)
    item = apps.get_model("decisions", "MatterItem")
    for n, name, short, num, den, strict, tsrc, online, osrc, who, wsrc in ITEMS:
        item.objects.update_or_create(
            number=n,
            defaults=dict(
                name=name,
                short_name=short,
                item_source=f"{LAW}, Điều 15 khoản {n}",
                threshold_numerator=num,
                threshold_denominator=den,
                threshold_strict=strict,
                threshold_source=tsrc,
                commune_wide_rule="total",
                commune_wide_source=WIDE,
                online_allowed=online,
                online_source=osrc,
                recognizer=who,
                recognizer_source=wsrc,
            ),
        )


def unload(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(procedure="dan-quyet-dinh").delete()
    apps.get_model("decisions", "MatterItem").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_deadline_rules_shared"),
        ("decisions", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, unload)]
