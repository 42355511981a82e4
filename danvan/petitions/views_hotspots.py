"""Hotspots and similar petitions (see petitions/urls.py).

- /can-bo/don-thu/diem-nong/ ("hotspots"): growing clusters by village and topic, for the
  commune's leaders and the office that receives petitions (access.reception_communes); leaders
  set the threshold there.
- /can-bo/don-thu/<pk>/tuong-tu/ ("similar"): similar earlier petitions of one case, each with
  a form to link it (repeat petition, or one matter of many people).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.access import get_access
from danvan.core.audit import register_labels
from danvan.core.cache import kept
from danvan.core.errors import DomainError
from danvan.core.http import AuthedRequest, int_param
from danvan.core.models import Unit
from danvan.core.steps import run_step
from danvan.petitions import hotspots, services
from danvan.petitions.access import (
    commune_choices,
    get_petition_for_user,
    kept_communes,
    petitions_for,
)
from danvan.petitions.duplicates import similar_petitions
from danvan.petitions.models import Petition

register_labels(
    actions={"petitions.hotspot_rule_set": "Đặt ngưỡng điểm nóng đơn thư"},
    fields={"threshold": "Số đơn trở lên", "window_days": "Trong số ngày"},
)


def _whole_number(
    label: str, what: str, low: int, high: int, *, example: int, invalid: str = ""
) -> forms.IntegerField:
    """A whole number from `low` to `high`; each refusal names `what` ("Số đơn") and an empty
    or malformed entry is answered with an example."""
    asked = f"Nhập {what.lower()}, ví dụ {example}."
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "invalid": invalid or asked,
            "required": asked,
            "min_value": f"{what} phải từ {low} trở lên.",
            "max_value": f"{what} tối đa là {high:,}.".replace(",", "."),
        },
    )


class HotspotRuleForm(forms.Form):
    threshold = _whole_number(
        "Số đơn trở lên",
        "Số đơn",
        2,
        hotspots.MAX_THRESHOLD,
        example=5,
        invalid="Nhập một số nguyên, ví dụ 5.",
    )
    window_days = _whole_number("Trong số ngày", "Số ngày", 1, hotspots.MAX_WINDOW, example=30)


class LinkSimilarForm(forms.Form):
    to = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    kind = forms.ChoiceField(
        label="Quan hệ", choices=Petition.LinkKind.choices, widget=forms.RadioSelect
    )


def _pick(ids: list[int], raw: str | None) -> list[int]:
    """Every commune whose hotspots the user reads, or the one asked for (404 for another)."""
    if raw in (None, ""):
        return ids
    wanted = int_param(raw)
    if wanted is None or wanted not in ids:
        raise Http404
    return [wanted]


def hotspot_list(request: AuthedRequest) -> HttpResponse:
    ids = sorted(kept_communes(request))
    shown = _pick(ids, request.GET.get("xa"))
    return _render_list(request, ids, shown)


def _render_list(
    request: AuthedRequest,
    ids: list[int],
    shown: list[int],
    bound: tuple[int, HotspotRuleForm] | None = None,
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
        "choices": commune_choices(set(ids)),
        "selected": shown[0] if len(shown) == 1 else None,
        "many": len(shown) > 1,
    }
    return render(request, "petitions/hotspots_list.html", context)


@require_POST
def hotspot_rule(request: AuthedRequest) -> HttpResponse:
    ids = sorted(kept_communes(request))
    shown = _pick(ids, request.POST.get("xa") or "-")
    commune = Unit.objects.get(pk=shown[0])
    if not get_access(request.user).can_manage(commune.pk):
        raise PermissionDenied
    form = HotspotRuleForm(request.POST, auto_id=f"id_{commune.pk}_%s")
    return run_step(
        request,
        form,
        lambda d: hotspots.hotspot_rule_set(commune=commune, by=request.user, **d),
        done=f"Đã lưu ngưỡng điểm nóng của {commune.name}.",
        then=lambda _: redirect(f"{reverse('petitions:hotspots')}?xa={commune.pk}"),
        again=lambda: _render_list(request, ids, shown, bound=(commune.pk, form)),
    )


def hotspot_detail(request: AuthedRequest, commune: int, village: int, topic: str) -> HttpResponse:
    if commune not in kept_communes(request):
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
    """Comparing the petition with the commune's earlier ones reads a few hundred candidates
    (16-20 ms at 1,000,000 petitions, benchmarks/RESULTS-petitions.md): kept per user (he is
    offered only what he may open) until a petition of the commune changes."""
    return kept(
        f"petitions:similar|{petition.pk}|{request.user.pk}|{timezone.localdate()}",
        petition.commune_id,
        lambda: similar_petitions(
            commune=petition.commune,
            subject=petition.subject,
            content=petition.content,
            petitioner_phone=petition.petitioner_phone,
            village=petition.village,
            topic=petition.topic,
            kind=petition.kind,
            exclude=petition.pk,
            within=petitions_for(request.user),
        ),
        apps=("petitions",),
    )


def similar(request: AuthedRequest, pk: int) -> HttpResponse:
    petition = get_petition_for_user(request, pk, write=True)
    return _render_similar(request, petition, LinkSimilarForm())


def _render_similar(
    request: AuthedRequest, petition: Petition, form: LinkSimilarForm
) -> HttpResponse:
    context = {"petition": petition, "similar": _similar(request, petition), "form": form}
    return render(request, "petitions/duplicates_similar.html", context)


@require_POST
def similar_link(request: AuthedRequest, pk: int) -> HttpResponse:
    petition = get_petition_for_user(request, pk, write=True)
    form = LinkSimilarForm(request.POST)

    def link(d: dict[str, Any]) -> Petition:
        other = petitions_for(request.user).filter(pk=d["to"]).first()
        if other is None:
            raise DomainError("Không tìm thấy đơn cần liên kết.")
        services.petition_link(petition=petition, to=other, kind=d["kind"], by=request.user)
        return other

    return run_step(
        request,
        form,
        link,
        done=lambda other: f"Đã liên kết đơn số {petition.code} với đơn số {other.code}.",
        then=lambda _: redirect("petitions:detail", pk=petition.pk),
        again=lambda: _render_similar(request, petition, form),
    )


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
