"""Forms of the news pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms

from danvan.core.fields import DayField, FileUpload, LongText, Text
from danvan.core.images import PHOTO_MIMES
from danvan.core.models import Unit
from danvan.disclosures.models import Disclosure
from danvan.news.models import WEEKDAYS, Article, BroadcastSlot

PHOTO_HELP = "Ảnh JPEG, PNG hoặc WEBP; cổng thông tin hiện bản thu nhỏ, tải nhanh trên điện thoại."
TIME_ERRORS = {"invalid": "Nhập giờ theo dạng giờ:phút, ví dụ 06:30.", "required": "Nhập giờ phát."}


class VillageChoice(forms.ModelMultipleChoiceField):
    def __init__(self, label: str) -> None:
        super().__init__(
            queryset=Unit.objects.none(),
            label=label,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Để trống nếu phát toàn xã.",
            error_messages={
                "invalid_choice": "Chọn thôn của xã trong danh sách.",
                "invalid_pk_value": "Chọn thôn của xã trong danh sách.",
            },
        )


def _villages(commune_id: int) -> Any:
    return Unit.objects.filter(commune_id=commune_id, kind=Unit.Kind.VILLAGE, is_active=True)


class ArticleForm(forms.Form):
    kind = forms.ChoiceField(
        label="Loại tin bài",
        choices=Article.Kind.choices,
        error_messages={"invalid_choice": "Chọn loại tin bài trong danh sách."},
    )
    title = Text(label="Tiêu đề", max_length=300)
    summary = LongText("Tóm tắt (hiện ở danh sách và trong bản tin RSS)", rows=2, max_length=600)
    body = LongText("Nội dung (mỗi đoạn cách nhau một dòng trống)", rows=10, max_length=50000)


class ArticleCreateForm(ArticleForm):
    photo = FileUpload(
        label="Ảnh (nếu có)", required=False, mimes=set(PHOTO_MIMES), help_text=PHOTO_HELP
    )
    caption = Text(label="Chú thích ảnh", max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("photo") and not data.get("caption"):
            self.add_error("caption", "Nhập chú thích cho ảnh (ảnh nói về điều gì, ở đâu).")
        return data


class PhotoForm(forms.Form):
    photo = FileUpload(label="Ảnh", mimes=set(PHOTO_MIMES), help_text=PHOTO_HELP)
    caption = Text(label="Chú thích ảnh", max_length=300)


class WithdrawForm(forms.Form):
    reason = Text(label="Lý do gỡ", max_length=300)


class SlotForm(forms.Form):
    weekdays = forms.MultipleChoiceField(
        label="Các ngày trong tuần",
        choices=[(str(i), d) for i, d in enumerate(WEEKDAYS)],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Chọn ít nhất một ngày trong tuần.",
            "invalid_choice": "Chọn ngày trong danh sách.",
        },
    )
    starts_at = forms.TimeField(
        label="Giờ phát", widget=forms.TimeInput(attrs={"type": "time"}), error_messages=TIME_ERRORS
    )
    minutes = forms.IntegerField(
        label="Thời lượng (phút)",
        min_value=1,
        max_value=240,
        error_messages={
            "invalid": "Nhập số phút.",
            "required": "Nhập thời lượng.",
            "min_value": "Thời lượng từ 1 đến 240 phút.",
            "max_value": "Thời lượng từ 1 đến 240 phút.",
        },
    )
    programme = Text(label="Chương trình", max_length=200, help_text="Ví dụ: Bản tin xã buổi sáng.")
    villages = VillageChoice("Các thôn (nếu chỉ phát ở một số thôn)")

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = _villages(commune.pk)  # type: ignore[attr-defined]


class DisclosureChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} (khoản {obj.category.number}, {obj.decided_on:%d/%m/%Y})"


class BroadcastForm(forms.Form):
    aired_on = DayField(label="Ngày phát")
    starts_at = forms.TimeField(
        label="Giờ phát", widget=forms.TimeInput(attrs={"type": "time"}), error_messages=TIME_ERRORS
    )
    minutes = forms.IntegerField(
        label="Thời lượng (phút)",
        min_value=1,
        max_value=240,
        error_messages={
            "invalid": "Nhập số phút.",
            "required": "Nhập thời lượng.",
            "min_value": "Thời lượng từ 1 đến 240 phút.",
            "max_value": "Thời lượng từ 1 đến 240 phút.",
        },
    )
    title = Text(label="Nội dung phát", max_length=300)
    slot = forms.ModelChoiceField(
        queryset=BroadcastSlot.objects.none(),
        label="Theo lịch phát (nếu có)",
        required=False,
        error_messages={"invalid_choice": "Chọn lịch phát trong danh sách."},
    )
    article = forms.ModelChoiceField(
        queryset=Article.objects.none(),
        label="Tin bài được đọc (nếu có)",
        required=False,
        error_messages={"invalid_choice": "Chọn tin bài trong danh sách."},
    )
    villages = VillageChoice("Các thôn nghe được (nếu không phát toàn xã)")
    read_by = Text(label="Người thực hiện", max_length=120, required=False)
    note = Text(label="Ghi chú", max_length=500, required=False)
    disclosure = DisclosureChoice(
        queryset=Disclosure.objects.none(),
        label="Chứng minh công khai (nội dung phải phát trên hệ thống truyền thanh)",
        required=False,
        help_text="Chọn nếu buổi phát này đọc một nội dung phải công khai: sổ công khai ghi nhận "
        "việc phát với nhật ký này làm minh chứng.",
        error_messages={"invalid_choice": "Chọn nội dung công khai trong danh sách."},
    )

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["villages"].queryset = _villages(commune.pk)
        fields["slot"].queryset = BroadcastSlot.objects.filter(commune=commune, active=True)
        fields["article"].queryset = Article.objects.filter(
            commune=commune, status=Article.Status.PUBLISHED
        ).order_by("-published_at")
        fields["disclosure"].queryset = (
            Disclosure.objects.current()
            .filter(commune=commune, category__loudspeaker=True)
            .select_related("category")
            .order_by("-decided_on", "-id")
        )
