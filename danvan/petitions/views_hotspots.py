"""Hotspots and similar petitions (see petitions/urls.py).

- /can-bo/don-thu/diem-nong/ ("hotspots"): growing clusters by village and topic, for the
  commune's leaders and the office that receives petitions (access.reception_communes); leaders
  set the threshold there.
- /can-bo/don-thu/<pk>/tuong-tu/ ("similar"): similar earlier petitions of one case, each with
  a form to link it (repeat petition, or one matter of many people).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import get_access
from danvan.core.audit import register_labels
from danvan.core.errors import DomainError
from danvan.core.http import AuthedRequest
from danvan.core.models import Unit
from danvan.petitions import hotspots, services
from danvan.petitions.access import get_petition_for_user, petitions_for, reception_communes
from danvan.petitions.duplicates import similar_petitions
from danvan.petitions.models import Petition

register_labels(
    actions={"petitions.hotspot_rule_set": "Đặt ngưỡng điểm nóng đơn thư"},
    fields={"threshold": "Số đơn trở lên", "window_days": "Trong số ngày"},
)
LINK_KINDS = [("repeat", "Đơn gửi lại (trùng)"), ("same_matter", "Cùng một vụ việc")]


class HotspotRuleForm(forms.Form):
    threshold = forms.IntegerField(
        label="Số đơn trở lên",
        min_value=2,
        max_value=hotspots.MAX_THRESHOLD,
        error_messages={
            "invalid": "Nhập một số nguyên, ví dụ 5.",
            "required": "Nhập số đơn, ví dụ 5.",
            "min_value": "Số đơn phải từ 2 trở lên.",
            "max_value": f"Số đơn tối đa là {hotspots.MAX_THRESHOLD:,}.".replace(",", "."),
        },
    )
    window_days = forms.IntegerField(
        label="Trong số ngày",
        min_value=1,
        max_value=hotspots.MAX_WINDOW,
        error_messages={
            "invalid": "Nhập số ngày, ví dụ 30.",
            "required": "Nhập số ngày, ví dụ 30.",
            "min_value": "Số ngày phải từ 1 trở lên.",
            "max_value": f"Số ngày tối đa là {hotspots.MAX_WINDOW}.",
        },
    )


class LinkSimilarForm(forms.Form):
    to = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    kind = forms.ChoiceField(label="Quan hệ", choices=LINK_KINDS, widget=forms.RadioSelect)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value and len(value) < 19 else None
    except ValueError:
        return None


def _communes(request: AuthedRequest) -> list[int]:
    """Communes whose hotspots the user reads: leaders and the petition desk (403 otherwise)."""
    ids = sorted(reception_communes(request.user))
    if not ids:
        raise PermissionDenied
    return ids


def _pick(ids: list[int], raw: str | None) -> list[int]:
    if raw in (None, ""):
        return ids
    wanted = _int(raw)
    if wanted not in ids:
        raise Http404
    return [wanted]  # type: ignore[list-item]


def hotspot_list(request: AuthedRequest) -> HttpResponse:
    ids = _communes(request)
    shown = _pick(ids, request.GET.get("xa"))
    return _render_list(request, ids, shown)


def _render_list(
    request: AuthedRequest,
    ids: list[int],
    shown: list[int],
    bound: tuple[int, HotspotRuleForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    access = get_access(request.user)
    # Thresholds are set one commune at a time: a province administrator picks the commune first.
    communes = list(Unit.objects.filter(pk__in=shown).order_by("name")) if len(shown) == 1 else []
    rules = []
    for c in communes:
        threshold, window = hotspots.rule_for(c.pk)
        form = None
        if access.can_manage(c.pk):
            form = (
                bound[1]
                if bound and bound[0] == c.pk
                else HotspotRuleForm(
                    initial={"threshold": threshold, "window_days": window},
                    auto_id=f"id_{c.pk}_%s",
                )
            )
        rules.append({"commune": c, "threshold": threshold, "window": window, "form": form})
    context = {
        "clusters": hotspots.clusters(shown, today=timezone.localdate()),
        "rules": rules,
        "choices": Unit.objects.filter(pk__in=ids).order_by("name") if len(ids) > 1 else [],
        "selected": shown[0] if len(shown) == 1 else None,
        "many": len(shown) > 1,
    }
    return render(request, "petitions/hotspots_list.html", context, status=status)


@require_POST
def hotspot_rule(request: AuthedRequest) -> HttpResponse:
    ids = _communes(request)
    shown = _pick(ids, request.POST.get("xa") or "-")
    commune = Unit.objects.get(pk=shown[0])
    if not get_access(request.user).can_manage(commune.pk):
        raise PermissionDenied
    form = HotspotRuleForm(request.POST, auto_id=f"id_{commune.pk}_%s")
    if form.is_valid():
        try:
            hotspots.hotspot_rule_set(
                commune=commune,
                by=request.user,
                threshold=form.cleaned_data["threshold"],
                window_days=form.cleaned_data["window_days"],
            )
        except DomainError as e:
            form.add_error(None, e.message)
        else:
            messages.success(request, f"Đã lưu ngưỡng điểm nóng của {commune.name}.")
            return redirect(f"{reverse('petitions:hotspots')}?xa={commune.pk}")
    return _render_list(request, ids, shown, bound=(commune.pk, form), status=400)


def hotspot_detail(request: AuthedRequest, commune: int, village: int, topic: str) -> HttpResponse:
    if commune not in _communes(request):
        raise Http404
    place = Unit.objects.filter(pk=village, commune_id=commune, kind=Unit.Kind.VILLAGE).first()
    if place is None or topic not in hotspots.TOPIC_LABELS:
        raise Http404
    rows, since = hotspots.cluster_petitions(
        commune_id=commune, village_id=village, topic=topic, today=timezone.localdate()
    )
    context = {
        "village": place,
        "topic": hotspots.TOPIC_LABELS[topic],
        "petitions": rows,
        "since": since,
        "commune_id": commune,
    }
    return render(request, "petitions/hotspots_detail.html", context)


def _similar(request: AuthedRequest, petition: Petition) -> list[tuple[Petition, float, list[str]]]:
    return similar_petitions(
        commune=petition.commune,
        subject=petition.subject,
        content=petition.content,
        petitioner_phone=petition.petitioner_phone,
        village=petition.village,
        topic=petition.topic,
        kind=petition.kind,
        exclude=petition.pk,
        within=petitions_for(request.user),
    )


def similar(request: AuthedRequest, pk: int) -> HttpResponse:
    petition = get_petition_for_user(request, pk, write=True)
    return _render_similar(request, petition, LinkSimilarForm())


def _render_similar(
    request: AuthedRequest, petition: Petition, form: LinkSimilarForm, status: int = 200
) -> HttpResponse:
    context = {"petition": petition, "similar": _similar(request, petition), "form": form}
    return render(request, "petitions/duplicates_similar.html", context, status=status)


@require_POST
def similar_link(request: AuthedRequest, pk: int) -> HttpResponse:
    petition = get_petition_for_user(request, pk, write=True)
    form = LinkSimilarForm(request.POST)
    if form.is_valid():
        other = petitions_for(request.user).filter(pk=form.cleaned_data["to"]).first()
        if other is None:
            form.add_error(None, "Không tìm thấy đơn cần liên kết.")
        else:
            try:
                services.petition_link(
                    petition=petition, to=other, kind=form.cleaned_data["kind"], by=request.user
                )
            except DomainError as e:
                form.add_error(None, e.message)
            else:
                messages.success(
                    request, f"Đã liên kết đơn số {petition.code} với đơn số {other.code}."
                )
                return redirect("petitions:detail", pk=petition.pk)
    return _render_similar(request, petition, form, status=400)


urls: list[URLPattern] = [
    path("diem-nong/", hotspot_list, name="hotspots"),
    path("diem-nong/nguong/", hotspot_rule, name="hotspot_rule"),
    path(
        "diem-nong/<int:commune>/<int:village>/<slug:topic>/",
        hotspot_detail,
        name="hotspot_detail",
    ),
    path("<int:pk>/tuong-tu/", similar, name="similar"),
    path("<int:pk>/tuong-tu/lien-ket/", similar_link, name="similar_link"),
]
