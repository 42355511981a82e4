"""Forms of the officers' consultation pages: they check what a person typed; the order of
steps and the law's rules are checked once, in consultations.services."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.consultations.models import (
    PORTAL,
    Channel,
    CommentGroup,
    Consultation,
    Decision,
    Matter,
)
from danvan.consultations.services import PEOPLE_MAX, TEXT_MAX
from danvan.core.fields import DayField, FileUpload, LongText, Text
from danvan.core.models import Unit

GENERAL = "chung"


def _choice_errors(invalid: str, required: str | None = None) -> dict[str, str]:
    """A choice field's messages: a value that was not offered, and (if needed) none chosen."""
    return {"invalid_choice": invalid, **({"required": required} if required else {})}


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Unit) -> str:  # type: ignore[override]
        return obj.name


class ChannelChoices(forms.ModelMultipleChoiceField):
    """The forms of Điều 26 in force, by code; each shown with its point of the law."""

    def label_from_instance(self, obj: Channel) -> str:  # type: ignore[override]
        return f"{obj.name} (điểm {obj.point})" if obj.point else obj.name


class ChannelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Channel) -> str:  # type: ignore[override]
        return obj.name


class ConsultationForm(forms.Form):
    title = Text(label="Tên dự thảo", max_length=300)
    matter = forms.ModelChoiceField(
        label="Nội dung theo Điều 25 Luật THDCCS",
        queryset=Matter.objects.filter(is_active=True),
        required=False,
        empty_label="— Nội dung khác (ghi ở ô dưới) —",
        error_messages=_choice_errors("Nội dung đã chọn không có trong danh sách."),
    )
    matter_other = Text(label="Nội dung khác", max_length=300, required=False)
    summary = LongText("Giới thiệu dự thảo", required=False, rows=3, max_length=5000)
    lead_unit = UnitChoice(
        label="Đơn vị chủ trì",
        queryset=Unit.objects.none(),
        error_messages=_choice_errors(
            "Đơn vị chủ trì đã chọn không có trong danh sách.", "Vui lòng chọn đơn vị chủ trì."
        ),
    )
    whole_commune = forms.TypedChoiceField(
        label="Phạm vi lấy ý kiến",
        choices=[("1", "Toàn xã"), ("0", "Một số thôn, tổ dân phố")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    villages = forms.ModelMultipleChoiceField(
        label="Các thôn, tổ dân phố được lấy ý kiến",
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors("Thôn đã chọn không có trong danh sách."),
    )
    opens_on = DayField(label="Bắt đầu nhận ý kiến", future=True)
    closes_on = DayField(label="Hết hạn nhận ý kiến", future=True)
    channels = ChannelChoices(
        label="Hình thức lấy ý kiến (Luật THDCCS, Điều 26)",
        queryset=Channel.objects.active(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_choice_errors(
            "Hình thức đã chọn không hợp lệ.", "Vui lòng chọn ít nhất một hình thức lấy ý kiến."
        ),
    )

    def __init__(self, *args: Any, commune: Unit, lead_units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in lead_units])
        if len(lead_units) == 1:
            self.fields["lead_unit"].empty_label = None
        self.fields["villages"].queryset = Unit.objects.filter(
            kind=Unit.Kind.VILLAGE, commune=commune, is_active=True
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if not data.get("matter") and not (data.get("matter_other") or "").strip():
            self.add_error("matter_other", "Chọn nội dung theo Điều 25 hoặc ghi rõ nội dung khác.")
        if data.get("whole_commune") is False and not data.get("villages"):
            self.add_error("villages", "Vui lòng chọn ít nhất một thôn, tổ dân phố.")
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "Ngày hết hạn phải sau ngày bắt đầu.")
        return data

    @staticmethod
    def initial_for(c: Consultation) -> dict[str, Any]:
        return {
            "title": c.title,
            "matter": c.matter_id,
            "matter_other": c.matter_other,
            "summary": c.summary,
            "lead_unit": c.lead_unit_id,
            "whole_commune": "1" if c.whole_commune else "0",
            "villages": list(c.villages.values_list("pk", flat=True)),
            "opens_on": c.opens_on,
            "closes_on": c.closes_on,
            "channels": c.channel_codes(),
        }


class SplitForm(forms.Form):
    draft = LongText(
        "Dán toàn văn dự thảo",
        rows=10,
        max_length=200_000,
    )


class PointForm(forms.Form):
    heading = Text(label="Tiêu đề", max_length=300, required=False)
    text = LongText("Nội dung", required=False, rows=4, max_length=20_000)
    DELETE = forms.BooleanField(label="Xóa điều này", required=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        untitled = (data.get("text") or "").strip() and not (data.get("heading") or "").strip()
        if untitled and not data.get("DELETE"):
            self.add_error("heading", "Điều, mục có nội dung cần có tiêu đề.")
        return data


class BasePointFormSet(forms.BaseFormSet):
    def add_error(self, field: str | None, error: str) -> None:
        """A service's refusal, shown above the points (what core.steps.run_step asks of a
        form)."""
        self.non_form_errors().append(error)


PointFormSet = forms.formset_factory(
    PointForm,
    formset=BasePointFormSet,
    extra=1,
    max_num=200,
    absolute_max=220,
    validate_max=True,
)


class FileForm(forms.Form):
    file = FileUpload(label="Tệp dự thảo (PDF, Word, Excel, ảnh)")


class CommentEntryForm(forms.Form):
    """A comment gathered at a meeting, on a form, in the mailbox, by a village head or the Front."""

    point = forms.ChoiceField(
        label="Góp ý cho",
        error_messages=_choice_errors("Điều, mục đã chọn không có trong dự thảo."),
    )
    text = LongText("Nội dung ý kiến", rows=4, max_length=TEXT_MAX)
    channel = ChannelChoice(
        label="Hình thức thu thập",
        queryset=Channel.objects.active().exclude(code=PORTAL),
        to_field_name="code",
        empty_label=None,
        error_messages=_choice_errors(
            "Hình thức đã chọn không hợp lệ.", "Vui lòng chọn hình thức thu thập."
        ),
    )
    source = Text(
        label="Hội nghị, nguồn ý kiến",
        max_length=300,
        required=False,
        help_text="Ví dụ: Hội nghị thôn Đoàn Kết ngày 12/5; phiếu lấy ý kiến hộ gia đình.",
    )
    village = UnitChoice(
        label="Thôn, tổ dân phố",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="— Không thuộc thôn nào —",
        error_messages=_choice_errors("Thôn đã chọn không có trong danh sách."),
    )
    people = forms.IntegerField(
        label="Số người đồng tình",
        min_value=1,
        max_value=PEOPLE_MAX,
        initial=1,
        error_messages={
            "invalid": "Số người phải là một số nguyên.",
            "min_value": "Số người đồng tình ít nhất là 1.",
            "max_value": f"Số người đồng tình tối đa {PEOPLE_MAX:,}.".replace(",", "."),
        },
    )
    received_on = DayField(label="Ngày nhận ý kiến")
    author_name = Text(label="Người góp ý (nếu có)", max_length=120, required=False)
    show_name = forms.BooleanField(label="Người góp ý đồng ý công khai tên", required=False)

    def __init__(
        self,
        *args: Any,
        consultation: Consultation,
        villages: list[Unit],
        channels: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.points = {str(p.pk): p for p in consultation.points.all()}
        self.fields["point"].choices = [(GENERAL, "Ý kiến chung về dự thảo")] + [
            (k, p.heading) for k, p in self.points.items()
        ]
        self.fields["village"].queryset = Unit.objects.filter(pk__in=[v.pk for v in villages])
        if len(villages) == 1 and channels is not None:
            self.fields["village"].empty_label = None
            self.fields["village"].required = True
        if channels is not None:
            self.fields["channel"].queryset = (
                Channel.objects.active().exclude(code=PORTAL).filter(code__in=channels)
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        data["point"] = self.points.get(data.get("point") or "")
        channel = data.get("channel")
        if channel is not None and channel.names_meeting and not (data.get("source") or "").strip():
            self.add_error("source", "Vui lòng ghi tên hội nghị, cuộc họp.")
        return data


class HideForm(forms.Form):
    reason = Text(label="Lý do ẩn", max_length=300)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label="Tiếp thu",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages=_choice_errors(
            "Lựa chọn không hợp lệ.",
            "Vui lòng chọn tiếp thu, tiếp thu một phần hoặc không tiếp thu.",
        ),
    )
    explanation = LongText("Giải trình", required=False, rows=2, max_length=5000)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if (
            data.get("decision") in (Decision.PARTLY, Decision.REJECTED)
            and not (data.get("explanation") or "").strip()
        ):
            self.add_error(
                "explanation", "Ý kiến không tiếp thu hoặc tiếp thu một phần phải có giải trình."
            )
        return data


class GroupForm(forms.Form):
    title = Text(label="Tên nhóm ý kiến", max_length=200)
    comments = forms.TypedMultipleChoiceField(
        label="Các ý kiến", coerce=int, error_messages={"required": "Vui lòng chọn ý kiến."}
    )

    def __init__(self, *args: Any, comment_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [(str(i), str(i)) for i in comment_ids]


class SetGroupForm(forms.Form):
    group = forms.ModelChoiceField(
        label="Nhóm",
        queryset=CommentGroup.objects.none(),
        required=False,
        empty_label="— Không thuộc nhóm nào —",
        error_messages=_choice_errors("Nhóm đã chọn không có."),
    )

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = consultation.groups.all()


class CloseForm(forms.Form):
    reason = Text(label="Lý do kết thúc sớm (nếu chưa hết hạn)", max_length=300, required=False)


class PublishForm(forms.Form):
    synthesis = LongText(
        "Kết quả chung (đăng cùng kết quả tiếp thu)", required=False, rows=4, max_length=10000
    )
