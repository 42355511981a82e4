"""Forms of the commendation pages: they check what a person typed; the rules are in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from danvan.commendations.models import AwardForm, Proposal, RecipientKind, Source
from danvan.core.fields import DayField, LongText, Text
from danvan.core.models import Unit

_CHOOSE = {"invalid_choice": "Chọn trong danh sách."}


def active_forms(keep: AwardForm | None = None) -> QuerySet[AwardForm]:
    q = Q(is_active=True)
    if keep is not None:
        q |= Q(pk=keep.pk)
    return AwardForm.objects.filter(q)


def _units(commune: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(commune=commune, is_active=True).exclude(pk=commune.pk)


class RecipientFields(forms.Form):
    """Who is commended, for what."""

    recipient = Text(
        label="Tập thể, cá nhân",
        max_length=200,
        help_text="Ví dụ: Ban công tác Mặt trận thôn Đoàn Kết; ông Lường Văn Thắng.",
    )
    recipient_kind = forms.ChoiceField(
        label="Loại", choices=RecipientKind.choices, error_messages=_CHOOSE
    )
    recipient_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Thuộc đơn vị, thôn (nếu có)",
        required=False,
        error_messages={"invalid_choice": "Chọn đơn vị của xã trong danh sách."},
    )
    source = forms.ChoiceField(
        label="Khen thưởng về", choices=Source.choices, error_messages=_CHOOSE
    )
    source_label = Text(
        label="Thành tích thuộc (mô hình, cuộc kiểm tra, tổ hòa giải…)",
        max_length=300,
        required=False,
    )
    achievement = LongText("Thành tích", rows=3, max_length=2000)

    def __init__(self, *args: Any, commune: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_unit"].queryset = _units(commune)


class ProposalForm(RecipientFields):
    form = forms.ModelChoiceField(
        queryset=AwardForm.objects.none(),
        label="Hình thức đề nghị",
        error_messages={"invalid_choice": "Chọn hình thức khen thưởng trong danh sách."},
    )
    reason = LongText("Lý do, căn cứ đề nghị", rows=3, required=False)
    proposing_unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label="Đơn vị đề nghị",
        empty_label=None,
        error_messages={"invalid_choice": "Chọn đơn vị của bạn trong danh sách."},
    )
    source_url = forms.CharField(widget=forms.HiddenInput, required=False, max_length=300)

    def __init__(self, *args: Any, commune: Unit, units: list[Unit], **kwargs: Any) -> None:
        super().__init__(*args, commune=commune, **kwargs)
        self.fields["form"].queryset = active_forms()
        self.fields["proposing_unit"].queryset = Unit.objects.filter(pk__in=[u.pk for u in units])


class DecisionFields(forms.Form):
    decision_number = Text(label="Số quyết định", max_length=60, help_text="Ví dụ: 45/QĐ-UBND.")
    decided_on = DayField(label="Ngày ký")
    signer_name = Text(label="Người ký", max_length=120, required=False)
    signer_title = Text(
        label="Chức vụ người ký", max_length=120, required=False, initial="Chủ tịch"
    )


class GrantForm(DecisionFields):
    form = forms.ModelChoiceField(
        queryset=AwardForm.objects.none(),
        label="Hình thức khen thưởng",
        error_messages={"invalid_choice": "Chọn hình thức khen thưởng trong danh sách."},
        help_text="Số quyết định đã có: khen thưởng được thêm vào quyết định đó (cùng hình thức, "
        "cùng ngày ký).",
    )

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("form", proposal.form_id)
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = active_forms(proposal.form)


class RefuseForm(forms.Form):
    reason = LongText("Lý do không khen thưởng", rows=2, max_length=1000)


class DecisionForm(forms.Form):
    number = Text(label="Số quyết định", max_length=60, help_text="Ví dụ: 45/QĐ-UBND.")
    signed_on = DayField(label="Ngày ký")
    form = forms.ModelChoiceField(
        queryset=AwardForm.objects.none(),
        label="Hình thức khen thưởng",
        error_messages={"invalid_choice": "Chọn hình thức khen thưởng trong danh sách."},
    )
    summary = Text(label="Trích yếu (để trống: “Về việc tặng …”)", max_length=300, required=False)
    signer_name = Text(label="Người ký", max_length=120, required=False)
    signer_title = Text(
        label="Chức vụ người ký", max_length=120, required=False, initial="Chủ tịch"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = active_forms()


class AwardAddForm(RecipientFields):
    pass
