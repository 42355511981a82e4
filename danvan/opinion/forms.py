"""Forms of the opinion pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.core.fields import DayField, LongText, Text
from danvan.core.models import Unit, User
from danvan.opinion.access import reporting_choices, village_choices
from danvan.opinion.models import OpinionNote, OpinionTopic, SourceKind
from danvan.petitions.models import Petition


def _choice(queryset: Any, label: str, what: str, **kwargs: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=queryset,
        label=label,
        error_messages={
            "required": f"Chọn {what}.",
            "invalid_choice": f"Chọn {what} trong danh sách.",
        },
        **kwargs,
    )


def _pick(choices: Any, label: str, what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={
            "required": f"Chọn {what}.",
            "invalid_choice": f"Chọn {what} trong danh sách.",
        },
    )


class NoteForm(forms.Form):
    noted_on = DayField(label="Ngày nắm bắt")
    topic = _choice(OpinionTopic.objects.all(), "Lĩnh vực", "lĩnh vực")
    village = _choice(
        Unit.objects.none(),
        "Thôn, tổ dân phố",
        "thôn, tổ dân phố",
        required=False,
        empty_label="Toàn xã",
    )
    place = Text(
        label="Địa điểm cụ thể", max_length=200, required=False, help_text="Ví dụ: khu chợ Nà Pàn."
    )
    source_kind = _choice(SourceKind.objects.all(), "Nguồn nắm bắt", "nguồn nắm bắt")
    reporting_unit = _choice(Unit.objects.none(), "Đơn vị báo cáo", "đơn vị báo cáo")
    content = LongText("Nội dung dư luận (người dân nói gì)", rows=4, max_length=5000)
    urgency = _pick(OpinionNote.Urgency.choices, "Mức độ", "mức độ")
    trend = _pick(OpinionNote.Trend.choices, "Xu hướng", "xu hướng")
    proposal = LongText("Đề xuất, kiến nghị", rows=2, required=False, max_length=3000)

    def __init__(self, *args: Any, user: User, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        villages = village_choices(user, commune.pk)
        units = reporting_choices(user, commune.pk).order_by("kind", "name")
        self.fields["village"].queryset = villages
        self.fields["reporting_unit"].queryset = units
        own = list(units.values_list("pk", flat=True)[:2])
        if len(own) == 1:
            self.fields["reporting_unit"].initial = own[0]
        heads = list(villages.values_list("pk", flat=True)[:2])
        if len(heads) == 1:
            self.fields["village"].initial = heads[0]
            self.fields["village"].empty_label = None


class LinkForm(forms.Form):
    code = Text(
        label="Số đơn trong sổ đơn thư (số/năm)",
        max_length=20,
        help_text="Ví dụ 15/2026. Chỉ số đơn được ghi ở tin này, không ghi tên người gửi.",
    )


class HotspotForm(forms.Form):
    hotspot_topic = forms.ChoiceField(
        label="Lĩnh vực đơn thư của điểm nóng",
        choices=[("", "Không gắn điểm nóng"), *Petition.Topic.choices],
        required=False,
        error_messages={"invalid_choice": "Chọn lĩnh vực trong danh sách."},
    )


class HandleForm(forms.Form):
    handled_on = DayField(label="Ngày xử lý")
    handling = LongText("Kết quả xử lý", rows=3, max_length=3000)
