"""The nine matters of Luật Thực hiện dân chủ ở cơ sở 2022, Điều 25, in the law's own words.

Migration 0002 shipped six matters summarised from an older list (the administrative decisions
affecting the community, construction planning, the democracy regulation and the decisions that
create obligations or limit citizens' rights were missing, and the numbering differed). The
wording below is the text of Điều 25 khoản 1–9 (Luật số 10/2022/QH15, in force 01/07/2023) as
consolidated in the Bộ pháp điển; amendments by Luật 97/2025/QH15 are not checked (see
docs/legal-rules.md).

Existing consultations move to the new rows: old khoản 2 (the socio-economic plan) → 1,
old 3 (administrative units, villages) → 4, old 6 (other) → 9. Old 1, 4 and 5 mixed several
matters of the law (land-use planning with the plan, compensation and public works that the law
lists only for some projects): they are not guessed. Such a consultation keeps the old wording
as its "nội dung khác" with a note to choose again, so nothing is lost and an officer finds them
with `Consultation.objects.filter(matter_other__contains="danh mục cũ")`.
"""

from django.db import migrations, models

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15), Điều 25"
MATTERS = [
    (
        "1",
        "Dự thảo kế hoạch phát triển kinh tế - xã hội của cấp xã; phương án chuyển đổi cơ "
        "cấu kinh tế, cơ cấu sản xuất; đề án định canh, định cư, vùng kinh tế mới và "
        "phương án phát triển ngành, nghề của cấp xã",
    ),
    (
        "2",
        "Dự thảo quy hoạch sử dụng đất cấp huyện và phương án điều chỉnh; việc quản lý, "
        "sử dụng quỹ đất được giao cho Ủy ban nhân dân cấp xã quản lý",
    ),
    (
        "3",
        "Chủ trương, chính sách đầu tư, xây dựng, đất đai, xử lý chất thải và bảo vệ môi "
        "trường, đền bù, giải phóng mặt bằng và phương án di dân, tái định canh, định cư "
        "đối với việc quyết định đầu tư công dự án quan trọng quốc gia, dự án nhóm A, dự "
        "án có quy mô di dân, tái định canh, định cư lớn, dự án có nguy cơ tác động xấu "
        "đến môi trường, dự án có ảnh hưởng trực tiếp đến đời sống kinh tế - xã hội của "
        "cộng đồng dân cư nơi thực hiện dự án",
    ),
    (
        "4",
        "Dự thảo đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới đơn vị hành "
        "chính, đặt tên, đổi tên đơn vị hành chính; dự thảo đề án thành lập, giải thể, "
        "nhập, chia, đặt tên, đổi tên thôn, tổ dân phố, ghép cụm dân cư",
    ),
    (
        "5",
        "Dự thảo quyết định hành chính của Ủy ban nhân dân cấp xã có liên quan đến lợi "
        "ích cộng đồng, bao gồm quyết định ban hành hoặc phê duyệt chương trình, kế "
        "hoạch, dự án, đề án có nội dung tác động đến môi trường, sức khỏe của cộng đồng, "
        "trật tự, an toàn xã hội và những vấn đề khác có ảnh hưởng đến cộng đồng",
    ),
    (
        "6",
        "Dự thảo nhiệm vụ và đồ án quy hoạch chung xây dựng, dự thảo nhiệm vụ và đồ án "
        "quy hoạch phân khu, quy hoạch chi tiết xây dựng và quy hoạch chung xây dựng xã, "
        "quy hoạch xây dựng điểm dân cư nông thôn",
    ),
    (
        "7",
        "Dự thảo quy chế về thực hiện dân chủ ở xã, phường, thị trấn; dự thảo quy chế "
        "thực hiện dân chủ trong từng lĩnh vực, nội dung hoạt động cụ thể ở xã, phường, "
        "thị trấn (nếu có)",
    ),
    (
        "8",
        "Dự thảo quyết định hành chính có nội dung xác lập nghĩa vụ hoặc làm chấm dứt, "
        "hạn chế quyền, lợi ích của đối tượng thi hành là công dân trên địa bàn cấp xã",
    ),
    (
        "9",
        "Các nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ ở xã, "
        "phường, thị trấn, theo yêu cầu của cơ quan nhà nước có thẩm quyền hoặc chính "
        "quyền cấp xã thấy cần lấy ý kiến",
    ),
]
OLD_TO_NEW = {"2": "1", "3": "4", "6": "9"}
NOTE = " (danh mục cũ, khoản {item}: chọn lại nội dung theo Điều 25)"


def load(apps, schema_editor):
    Matter = apps.get_model("consultations", "Matter")
    Consultation = apps.get_model("consultations", "Consultation")
    old = {m.pk: m for m in Matter.objects.filter(source__startswith=LAW)}
    new = {
        item: Matter.objects.create(
            item=item, name=name, source=f"{LAW} khoản {item}", order=n, is_active=True
        )
        for n, (item, name) in enumerate(MATTERS, start=1)
    }
    for c in Consultation.objects.filter(matter__in=list(old)):
        before = old[c.matter_id]
        target = OLD_TO_NEW.get(before.item)
        if target:
            c.matter = new[target]
        else:
            note = NOTE.format(item=before.item)
            c.matter, c.matter_other = None, before.name[: 300 - len(note)] + note
        c.save(update_fields=["matter", "matter_other"])
    Matter.objects.filter(pk__in=list(old)).delete()


class Migration(migrations.Migration):
    dependencies = [("consultations", "0002_matters_of_article_25")]

    operations = [
        migrations.AlterField(
            model_name="matter",
            name="name",
            field=models.CharField(max_length=1000, verbose_name="nội dung"),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
