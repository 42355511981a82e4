"""The rules of villagers' decisions as Luật THDCCS 2022 and NĐ 59/2023 write them (issue #10).

Read from /work/shared/law/thdccs-2022.md (the Bộ pháp điển text of Luật 10/2022/QH15 and of NĐ
59/2023/NĐ-CP): the thresholds are in Điều 21 khoản 1 (not khoản 2); a commune-wide decision on
items 1–2 passes with at least two thirds of the villages (Điều 21 khoản 1, đoạn 2); items 3–5
are decided at a meeting, online voting only for item 6 (Điều 17 khoản 2; NĐ 59/2023 Điều 5);
items 1, 2, 6 take effect on the vote and only items 3–4 (the People's Committee) and 5 (the
Front) are recognised (Điều 21 khoản 2). The notice before a meeting or a ballot is a minimum
period, never moved to a working day (NĐ 59/2023 Điều 3 khoản 3, Điều 4 khoản 4).

Decisions already recorded follow: a village decision on items 1, 2, 6 that was waiting for a
recognition the law does not ask for is in effect from its vote; its clock to recognise stops.
Amendments by Luật 97/2025/QH15 (in force 01/07/2025) were not read: see docs/legal-rules.md.
"""

from datetime import date

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15)"
DECREE = "Nghị định 59/2023/NĐ-CP"

# Điều 15, word for word.
NAMES = {
    1: "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, các công trình công cộng trong phạm vi "
    "địa bàn cấp xã, ở thôn, tổ dân phố do Nhân dân đóng góp toàn bộ hoặc một phần kinh phí, tài "
    "sản, công sức.",
    2: "Việc thu, chi, quản lý các khoản đóng góp của Nhân dân tại cộng đồng dân cư ngoài các khoản "
    "đã được pháp luật quy định; việc thu, chi, quản lý các khoản kinh phí, tài sản do cộng đồng "
    "dân cư được giao quản lý hoặc được tiếp nhận từ các nguồn thu, tài trợ, ủng hộ hợp pháp khác.",
    3: "Nội dung hương ước, quy ước của cộng đồng dân cư.",
    4: "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố.",
    5: "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng.",
    6: "Các công việc tự quản khác trong nội bộ cộng đồng dân cư không trái với quy định của pháp "
    "luật, phù hợp với thuần phong, mỹ tục và đạo đức xã hội.",
}

TWO_THIRDS = f"{LAW}, Điều 21 khoản 1, đoạn 1: từ hai phần ba tổng số đại diện hộ gia đình trở lên"
MORE_THAN_HALF = f"{LAW}, Điều 21 khoản 1, đoạn 3: trên 50% tổng số đại diện hộ gia đình"
WIDE = (
    f"{LAW}, Điều 21 khoản 1, đoạn 2: việc toàn xã thông qua khi từ hai phần ba tổng số thôn, "
    "tổ dân phố trở lên tán thành"
)
NO_WIDE = f"{LAW}, Điều 21 khoản 1: cách tính toàn xã chỉ được quy định cho khoản 1, 2 Điều 15"
AT_MEETING = (
    f"{LAW}, Điều 17 khoản 2: bàn, quyết định tại cuộc họp của cộng đồng dân cư, trừ trường hợp "
    "Điều 19 khoản 1 điểm b"
)
ONLINE = f"{LAW}, Điều 17 khoản 2; {DECREE}, Điều 5: biểu quyết trực tuyến chỉ với khoản 6 Điều 15"
NO_ONLINE = f"{LAW}, Điều 17 khoản 2: biểu quyết trực tuyến chỉ áp dụng với khoản 6 Điều 15"
ON_VOTE = (
    f"{LAW}, Điều 21 khoản 2: có hiệu lực từ ngày cộng đồng dân cư biểu quyết thông qua; việc "
    "toàn xã: thời điểm có hiệu lực do Ủy ban nhân dân xã quyết định"
)
ON_VOTE_6 = f"{LAW}, Điều 21 khoản 2: có hiệu lực từ ngày cộng đồng dân cư biểu quyết thông qua"
RECOGNISED = (
    "{law}, Điều 21 khoản 2: có hiệu lực từ ngày {who} ban hành quyết định công nhận; công nhận "
    "chậm nhất 05 ngày làm việc kể từ ngày nhận được quyết định, không công nhận thì trả lời bằng "
    "văn bản và nêu rõ lý do"
)

# number: (threshold n, d, strict, its source, commune-wide, meeting only, online, recognizer)
ITEMS = {
    1: (2, 3, False, TWO_THIRDS, "villages-2-3", False, False, ""),
    2: (2, 3, False, TWO_THIRDS, "villages-2-3", False, False, ""),
    3: (1, 2, True, MORE_THAN_HALF, "", True, False, "committee"),
    4: (1, 2, True, MORE_THAN_HALF, "", True, False, "committee"),
    5: (1, 2, True, MORE_THAN_HALF, "", True, False, "front"),
    6: (1, 2, True, MORE_THAN_HALF, "", False, True, ""),
}
WHO = {"committee": "Ủy ban nhân dân cấp xã", "front": "Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã"}

RULES = {
    "thong-bao-hop": dict(
        kind="minimum",
        source=(
            f"{DECREE}, Điều 3 khoản 3 (cuộc họp: ít nhất 02 ngày trước), Điều 4 khoản 4 (phát "
            f"phiếu: ít nhất 02 ngày trước); {LAW}, Điều 19 khoản 2"
        ),
        start_event="ngày thông báo (họp, phát phiếu sớm nhất sau đủ số ngày)",
    ),
    "gui-bien-ban": dict(
        source=(
            f"{LAW}, Điều 20 khoản 3; {DECREE}, Điều 3 khoản 5 điểm d (cuộc họp), Điều 4 khoản 7 "
            "(phát phiếu), Điều 5 khoản 4 điểm b (trực tuyến)"
        ),
    ),
    "cong-nhan": dict(
        name="Công nhận quyết định của cộng đồng dân cư (khoản 3, 4, 5 Điều 15)",
        source=f"{LAW}, Điều 21 khoản 2",
    ),
}


def forward(apps, schema_editor):
    rule = apps.get_model("core", "DeadlineRule")
    for step, values in RULES.items():
        rule.objects.filter(procedure="dan-quyet-dinh", step=step).update(**values)
    # The shipped rows began on 14/08/2023: NĐ 59/2023 is in force from 15/08/2023 (each article's
    # line in the Bộ pháp điển), the law's Điều 20 khoản 3 from 01/07/2023.
    shipped = rule.objects.filter(procedure="dan-quyet-dinh", effective_from=date(2023, 8, 14))
    shipped.filter(step="thong-bao-hop").update(effective_from=date(2023, 8, 15))
    shipped.filter(step="gui-bien-ban").update(effective_from=date(2023, 7, 1))
    item = apps.get_model("decisions", "MatterItem")
    for n, (num, den, strict, tsrc, wide, meeting, online, who) in ITEMS.items():
        item.objects.filter(number=n).update(
            name=NAMES[n],
            item_source=f"{LAW}, Điều 15 khoản {n}",
            threshold_numerator=num,
            threshold_denominator=den,
            threshold_strict=strict,
            threshold_source=tsrc,
            commune_wide_rule=wide,
            commune_wide_source=WIDE if wide else NO_WIDE,
            meeting_required=meeting,
            meeting_source=AT_MEETING if meeting else "",
            online_allowed=online,
            online_source=ONLINE if online else NO_ONLINE,
            recognizer=who,
            recognizer_source=(
                RECOGNISED.format(law=LAW, who=WHO[who]) if who else ON_VOTE if n < 3 else ON_VOTE_6
            ),
        )
    decision = apps.get_model("decisions", "CommunityDecision")
    on_vote = decision.objects.filter(item__recognizer="")
    for d in on_vote.filter(status="sent", scope="village"):
        d.status, d.effective_on = "in-effect", d.voted_until
        d.recognise_due, d.recognise_due_explained = None, []
        d.save(update_fields=["status", "effective_on", "recognise_due", "recognise_due_explained"])
    on_vote.filter(status="sent", scope="commune").update(
        recognise_due=None, recognise_due_explained=[]
    )
    for d in on_vote.filter(status="recognised", scope="village"):
        d.effective_on = d.voted_until
        d.save(update_fields=["effective_on"])
    for d in decision.objects.filter(status="recognised", effective_on__isnull=True):
        d.effective_on = d.recognised_on
        d.save(update_fields=["effective_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_deadline_rule_kind"),
        ("decisions", "0003_law_as_written"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
