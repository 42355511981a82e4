"""The eight forms of consultation of Luật Thực hiện dân chủ ở cơ sở 2022, Điều 26 khoản 1 (a–h),
as data an administrator keeps, instead of six choices written in Python.

Each row: a code (kept for what the code relies on: "portal" for comments filed on the portal,
"meeting" and "front" for what the Front enters), the law's point, a short name for the pages,
the law's wording and its source. Điểm h is only for a draft of Điều 25 khoản 8 (`only_for`).

The six old choices move to the law's forms: portal → e, meeting → b, mailbox → d, front → đ,
form ("phiếu lấy ý kiến, văn bản góp ý") → c; village_head ("qua trưởng thôn") is no form of
Điều 26: what a village head gathers is gathered at the community's meeting (b), which is where
the old rows go.
"""

import django.db.models.deletion
from django.db import migrations, models

LAW = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15), Điều 26 khoản 1 điểm"
MATTER_8 = "Luật Thực hiện dân chủ ở cơ sở 2022 (Luật số 10/2022/QH15), Điều 25 khoản 8"
FORMS = [
    (
        "conference",
        "a",
        "Hội nghị trao đổi, đối thoại với UBND xã",
        "Hội nghị trao đổi, đối thoại giữa Ủy ban nhân dân cấp xã với Nhân dân",
        True,
    ),
    (
        "meeting",
        "b",
        "Cuộc họp của cộng đồng dân cư",
        "Tổ chức cuộc họp của cộng đồng dân cư",
        True,
    ),
    (
        "ballot",
        "c",
        "Phiếu lấy ý kiến hộ gia đình",
        "Phát phiếu lấy ý kiến của hộ gia đình",
        False,
    ),
    (
        "mailbox",
        "d",
        "Hòm thư góp ý, đường dây nóng",
        "Thông qua hòm thư góp ý, đường dây nóng (nếu có)",
        False,
    ),
    (
        "front",
        "đ",
        "Qua Ban công tác Mặt trận, đoàn thể",
        "Thông qua Ban công tác Mặt trận ở thôn, tổ dân phố và các tổ chức chính trị - xã "
        "hội ở cơ sở",
        False,
    ),
    (
        "portal",
        "e",
        "Cổng thông tin điện tử của xã",
        "Thông qua cổng thông tin điện tử, trang thông tin điện tử của chính quyền địa "
        "phương cấp xã",
        False,
    ),
    (
        "social",
        "g",
        "Mạng viễn thông, mạng xã hội",
        "Thông qua mạng viễn thông, mạng xã hội hoạt động hợp pháp theo quy định của pháp "
        "luật, bảo đảm phù hợp với mức độ ứng dụng công nghệ thông tin tại cấp xã, tại "
        "thôn, tổ dân phố",
        False,
    ),
    (
        "dialogue",
        "h",
        "Đối thoại với công dân là đối tượng thi hành",
        "Tổ chức đối thoại, lấy ý kiến công dân là đối tượng thi hành đối với nội dung "
        "quy định tại khoản 8 Điều 25 của Luật này",
        True,
    ),
]
OLD_TO_NEW = {
    "portal": "portal",
    "meeting": "meeting",
    "village_head": "meeting",
    "form": "ballot",
    "mailbox": "mailbox",
    "front": "front",
}


def load(apps, schema_editor):
    Channel = apps.get_model("consultations", "Channel")
    Matter = apps.get_model("consultations", "Matter")
    matter_8 = Matter.objects.filter(source=MATTER_8).first()
    for n, (code, point, name, title, names_meeting) in enumerate(FORMS, start=1):
        Channel.objects.create(
            code=code,
            point=point,
            name=name,
            title=title,
            source=f"{LAW} {point}",
            names_meeting=names_meeting,
            only_for=matter_8 if point == "h" else None,
            order=n,
        )


def copy_chosen(apps, schema_editor):
    Consultation = apps.get_model("consultations", "Consultation")
    Channel = apps.get_model("consultations", "Channel")
    Chosen = apps.get_model("consultations", "ConsultationChannel")
    by_code = {ch.code: ch for ch in Channel.objects.all()}
    rows = []
    for c in Consultation.objects.all():
        codes = [OLD_TO_NEW[x] for x in (c.channels_before or []) if x in OLD_TO_NEW]
        rows += [Chosen(consultation=c, channel=by_code[code]) for code in dict.fromkeys(codes)]
    Chosen.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0003_matters_as_the_law_writes_them")]

    operations = [
        migrations.CreateModel(
            name="Channel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.SlugField(max_length=20, unique=True, verbose_name="mã")),
                ("point", models.CharField(blank=True, max_length=4, verbose_name="điểm")),
                ("title", models.CharField(max_length=400, verbose_name="hình thức theo luật")),
                ("name", models.CharField(max_length=80, verbose_name="tên ngắn")),
                ("source", models.CharField(max_length=300, verbose_name="căn cứ pháp lý")),
                (
                    "names_meeting",
                    models.BooleanField(default=False, verbose_name="ghi rõ hội nghị, cuộc họp"),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="thứ tự")),
                ("is_active", models.BooleanField(default=True, verbose_name="đang áp dụng")),
                (
                    "only_for",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="consultations.matter",
                        verbose_name="chỉ dùng cho nội dung",
                    ),
                ),
            ],
            options={
                "verbose_name": "hình thức lấy ý kiến (Điều 26)",
                "verbose_name_plural": "hình thức lấy ý kiến (Điều 26)",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.CreateModel(
            name="ConsultationChannel",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "channel",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="consultations.channel",
                    ),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="consultations.consultation",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("consultation", "channel"), name="consultation_channel_once"
                    )
                ]
            },
        ),
        migrations.RenameField(
            model_name="consultation", old_name="channels", new_name="channels_before"
        ),
        migrations.AddField(
            model_name="consultation",
            name="channels",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                through="consultations.ConsultationChannel",
                to="consultations.channel",
                verbose_name="hình thức lấy ý kiến",
            ),
        ),
        migrations.RunPython(copy_chosen, migrations.RunPython.noop),
    ]
