"""Forms of the dialogue pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from danvan.core.fields import DayField, LongText, Text
from danvan.core.models import Unit
from danvan.dialogues.models import Dialogue, Question


def _villages(commune_id: int) -> QuerySet[Unit]:
    return Unit.objects.filter(
        commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True
    ).order_by("name")


class DialogueForm(forms.Form):
    kind = forms.ChoiceField(label="Loại hội nghị", choices=Dialogue.Kind.choices)
    title = Text(
        label="Tên hội nghị",
        max_length=300,
        help_text="Ví dụ: Hội nghị trao đổi, đối thoại giữa UBND xã với Nhân dân năm 2026.",
    )
    topic = LongText("Nội dung trao đổi, đối thoại", rows=3)
    held_on = DayField(label="Ngày tổ chức", future=True)
    starts_at = forms.TimeField(
        label="Giờ bắt đầu",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Giờ không hợp lệ; nhập theo dạng giờ:phút, ví dụ 08:00."},
    )
    place = Text(label="Địa điểm", max_length=300)
    chairs = Text(
        label="Chủ trì",
        max_length=300,
        help_text="Chủ tịch UBND xã cùng đại diện Thường trực HĐND xã (ghi chức danh).",
    )
    co_organiser = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Ủy ban MTTQ phối hợp",
        required=False,
        error_messages={"invalid_choice": "Chọn Ủy ban MTTQ của xã trong danh sách."},
    )
    villages = forms.ModelMultipleChoiceField(
        queryset=Unit.objects.none(),
        label="Cụm thôn (nếu tổ chức theo cụm thôn; để trống nếu toàn xã)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Chọn thôn của xã trong danh sách."},
    )
    agenda = LongText("Chương trình (mỗi mục một dòng)", required=False, rows=4)
    invited = LongText("Thành phần mời (các thôn, đơn vị, người được mời)", required=False)
    petition_code = Text(
        label="Số hồ sơ đơn thư (đối thoại giải quyết khiếu nại), ví dụ 15/2026",
        max_length=20,
        required=False,
    )

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(commune=commune, is_active=True)
        fronts = units.filter(kind=Unit.Kind.FRONT)
        self.fields["co_organiser"].queryset = fronts
        if len(fronts) == 1 and not self.is_bound and not self.initial.get("co_organiser"):
            self.initial["co_organiser"] = fronts[0].pk
        self.fields["villages"].queryset = _villages(commune.pk)


def dialogue_initial(d: Dialogue) -> dict[str, Any]:
    petition = d.petition
    return {
        "kind": d.kind,
        "title": d.title,
        "topic": d.topic,
        "held_on": d.held_on,
        "starts_at": d.starts_at,
        "place": d.place,
        "chairs": d.chairs,
        "co_organiser": d.co_organiser_id,
        "villages": [v.pk for v in d.villages.all()],
        "agenda": d.agenda,
        "invited": d.invited,
        "petition_code": f"{petition.number}/{petition.year}" if petition else "",  # type: ignore[attr-defined]
    }


class AnnounceForm(forms.Form):
    notice_on = DayField(label="Ngày gửi thông báo (trên loa, bảng tin, gửi các thôn)")
    invited = LongText("Thành phần mời (các thôn, đơn vị, người được mời)", required=False)


class AttendanceForm(forms.Form):
    attendance_total = forms.IntegerField(
        label="Tổng số người dự",
        min_value=0,
        max_value=100000,
        error_messages={
            "required": "Nhập tổng số người dự.",
            "invalid": "Nhập một số.",
            "min_value": "Số người dự không được âm.",
            "max_value": "Số người dự quá lớn.",
        },
    )
    officials_present = LongText("Lãnh đạo, cán bộ dự", required=False)

    def __init__(self, *args: Any, dialogue: Dialogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = list(dialogue.villages.all())
        self.villages = chosen or list(_villages(dialogue.commune_id))
        for v in self.villages:
            self.fields[f"thon_{v.pk}"] = forms.IntegerField(
                label=f"Số người dự của {v.name} (không bắt buộc)",
                min_value=0,
                max_value=100000,
                required=False,
                error_messages={"invalid": "Nhập một số.", "min_value": "Không được âm."},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        counts = {v: data.pop(f"thon_{v.pk}", None) or 0 for v in self.villages}
        data["village_counts"] = counts
        return data


class QuestionForm(forms.Form):
    text = LongText("Ý kiến, câu hỏi của người dân", rows=3)
    village = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thôn",
        required=False,
        error_messages={"invalid_choice": "Chọn thôn trong danh sách."},
    )
    asker_name = Text(
        label="Họ tên người hỏi (không bắt buộc; không đưa lên trang công khai)",
        max_length=120,
        required=False,
    )
    petition_code = Text(
        label="Số hồ sơ đơn thư liên quan (nếu có), ví dụ 15/2026", max_length=20, required=False
    )
    answer = LongText("Trả lời tại hội nghị", required=False, rows=3)
    answered_by = Text(label="Người trả lời (chức danh)", max_length=200, required=False)

    def __init__(self, *args: Any, dialogue: Dialogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = _villages(dialogue.commune_id)


class CommitmentForm(forms.Form):
    question = forms.ModelChoiceField(
        queryset=Question.objects.none(),
        label="Ý kiến được cam kết giải quyết (nếu có)",
        required=False,
        error_messages={"invalid_choice": "Chọn ý kiến trong danh sách."},
    )
    title = Text(label="Cam kết (việc sẽ làm)", max_length=300)
    content = LongText("Nội dung chi tiết", required=False)
    owner_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị thực hiện",
        error_messages={"invalid_choice": "Chọn đơn vị của xã trong danh sách."},
    )
    owner_person = Text(label="Người chịu trách nhiệm (nếu có)", max_length=200, required=False)
    due_on = DayField(label="Thời hạn", future=True)
    public = forms.BooleanField(
        label="Công khai trên trang “Chính quyền đã hứa — đã làm”", required=False, initial=True
    )
    internal_reason = Text(label="Lý do không công khai", max_length=300, required=False)

    def __init__(self, *args: Any, dialogue: Dialogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = dialogue.questions.all()
        self.fields["question"].label_from_instance = lambda q: f"Ý kiến {q.number}: {q.text[:80]}"
        self.fields["owner_unit"].queryset = (
            Unit.objects.filter(commune_id=dialogue.commune_id, is_active=True)
            .exclude(kind=Unit.Kind.COMMUNE)
            .order_by("kind", "name")
        )


class PublishForm(forms.Form):
    summary = LongText("Kết quả hội nghị (tóm tắt để công bố)", rows=5)
    published_on = DayField(label="Ngày công bố")
