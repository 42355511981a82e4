"""The one-stop register's pages (/can-bo/mot-cua/): the register, the import with its column
mapping and result, a dossier with its apology slip."""

from __future__ import annotations

import base64
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from danvan.core import jobs
from danvan.core.access import commune_for, get_access
from danvan.core.cache import kept, kept_page
from danvan.core.errors import DomainError
from danvan.core.http import AuthedRequest, int_param
from danvan.core.models import Unit
from danvan.core.steps import run_step
from danvan.lib.text import fold
from danvan.onestop import jobs as onestop_jobs
from danvan.onestop import pending, reader, services
from danvan.onestop.access import can_write, get_dossier_for_user, read_communes, write_communes
from danvan.onestop.forms import MISSING_SLIP, ApologyForm, ColumnsForm, FilterForm, UploadForm
from danvan.onestop.models import Dossier, DossierImport, DossierQuerySet, Result, classify

# A page of the register holds as many dossiers as every other list of the product.
PAGE_SIZE = 25
BADGES = {
    Result.EARLY: "text-bg-success",
    Result.ON_TIME: "text-bg-primary",
    Result.LATE: "text-bg-danger",
    Result.IN_PROGRESS: "text-bg-secondary",
    Result.OVERDUE: "text-bg-warning",
}


def register(request: AuthedRequest) -> HttpResponse:
    """The commune's dossiers, newest first: counts of each result as of today, the late ones
    without an apology slip, satisfaction, filters by result, month and code or procedure."""
    access = get_access(request.user)
    commune = commune_for(request, request.GET.get("xa"), among=read_communes(access))
    today = timezone.localdate()
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    scope = Dossier.objects.filter(commune=commune)
    month: date | None = data.get("month")
    if month:
        end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        scope = scope.filter(received_on__gte=month.replace(day=1), received_on__lt=end)

    def figures() -> tuple[dict[str, Any], list[dict[str, Any]], list[DossierImport]]:
        counts = scope.aggregate(
            total=Count("pk"),
            **{r: Count("pk", filter=DossierQuerySet.result_q(r, today)) for r in Result.values},
            missing_slip=Count("pk", filter=DossierQuerySet.missing_slip_q(today)),
        )
        satisfaction = list(
            scope.exclude(satisfaction="")
            .order_by()
            .values("satisfaction")
            .annotate(n=Count("pk"))
            .order_by("-n", "satisfaction")[:10]
        )
        imports = list(DossierImport.objects.filter(commune=commune).order_by("-created_at")[:5])
        return counts, satisfaction, imports

    # Counted once per month asked and day, until a record of the commune changes (an import,
    # an apology slip: each logs an entry), a minute at most.
    counts, satisfaction, imports = kept(
        f"onestop:figures|{month.isoformat() if month else ''}|{today.isoformat()}",
        commune.pk,
        figures,
        seconds=60,
    )
    rows = scope
    if result := data.get("result"):
        rows = rows.filter(
            DossierQuerySet.missing_slip_q(today)
            if result == MISSING_SLIP
            else DossierQuerySet.result_q(result, today)
        )
    q = fold(data.get("q") or "")
    if q:
        rows = rows.filter(search__contains=q)
    labels = dict(Result.choices)

    def prepare(found: list[dict[str, Any]]) -> None:
        base = reverse("onestop:register") + "ho-so/"
        for d in found:
            result = classify(d["due_on"], d["returned_on"], today)
            d["url"] = f"{base}{d['pk']}/"
            d["result_label"] = labels[result]
            d["badge"] = BADGES[Result(result)]
            d["needs_slip"] = result in (Result.LATE, Result.OVERDUE) and not d["apology_sent_on"]

    # The page of dossiers and their count, by the filters and the day (a result is of today),
    # kept until a record of the one-stop centre changes in the commune.
    page = kept_page(
        f"onestop:register|{commune.pk}|{month or ''}|{data.get('result') or ''}|{q}|{today}",
        commune.pk,
        rows.order_by("-received_on", "-id").values(
            "pk", "code", "procedure", "received_on", "due_on", "returned_on", "status",
            "apology_sent_on",
        ),
        request.GET.get("page"),
        PAGE_SIZE,
        apps=("onestop",),
        prepare=prepare,
    )  # fmt: skip
    choices = Unit.objects.filter(pk__in=read_communes(access)).order_by("name")
    return render(
        request,
        "onestop/register.html",
        {
            "commune": commune,
            "communes": choices if len(choices) > 1 else [],
            "form": form,
            "filtered": any(data.values()),
            "page": page,
            "counts": counts,
            "classes": [(r, labels[r], counts[r]) for r in Result.values],
            "satisfaction": satisfaction,
            "today": today,
            "can_import": can_write(access, commune.pk),
            "imports": imports,
        },
    )


def _write_communes(request: AuthedRequest) -> Any:
    ids = write_communes(get_access(request.user))
    if not ids:
        raise PermissionDenied
    return Unit.objects.filter(pk__in=ids, kind=Unit.Kind.COMMUNE).order_by("name")


def import_upload(request: AuthedRequest) -> HttpResponse:
    """Upload a file: imported at once when its columns are known, else the mapping form; a
    large file goes to the background (core.jobs)."""
    communes = _write_communes(request)
    form = UploadForm(request.POST or None, request.FILES or None, communes=communes)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        raw, name = data["file"].read(), data["file"].name
        commune, on = data["commune"], data["on"]
        try:
            table = services.file_table(raw, name, commune)
        except DomainError as e:
            form.add_error("file", e.message)
        else:
            if table.missing:
                token = pending.keep(raw, name, request.user.pk)
                columns = ColumnsForm(
                    initial={"token": token, "commune": commune.pk, "on": on},
                    headers=table.headers,
                    found=table.columns,
                )
                return _columns_page(request, columns, table, name)
            return _import(request, raw, name, commune, on, form)
    return render(
        request, "onestop/import.html", {"form": form}, status=400 if form.errors else 200
    )


def _import(
    request: AuthedRequest, raw: bytes, name: str, commune: Unit, on: date, form: Any
) -> HttpResponse:
    if jobs.too_large(reader.estimate_rows(raw, name)):
        return jobs.start(
            request,
            onestop_jobs.dossiers_import_file,
            commune=commune,
            label=f"Nhập hồ sơ một cửa: {name}",
            params={"file": base64.b64encode(raw).decode(), "name": name, "on": on.isoformat()},
        )
    return run_step(
        request,
        form,
        lambda _data: services.file_import(raw, name, commune=commune, on=on, by=request.user),
        done=services.summary,
        then=lambda done: redirect("onestop:import_result", pk=done.pk),
        again=lambda: render(request, "onestop/import.html", {"form": form}),
    )


def _columns_page(
    request: AuthedRequest, form: ColumnsForm, table: reader.Table, name: str, status: int = 200
) -> HttpResponse:
    sample = [cells for _n, cells in list(table.data())[:3]]
    return render(
        request,
        "onestop/columns.html",
        {"form": form, "headers": table.headers, "sample": sample, "name": name},
        status=status,
    )


def import_columns(request: AuthedRequest) -> HttpResponse:
    """Save which column holds which field (for this commune's next files too), then import
    the file kept since the upload."""
    if request.method != "POST":
        return redirect("onestop:import")
    communes = _write_communes(request)
    token = str(request.POST.get("token", ""))
    kept = pending.take(token, request.user.pk)
    commune = communes.filter(pk=int_param(request.POST.get("commune")) or 0).first()
    if kept is None or commune is None:
        raise Http404
    raw, name = kept
    table = services.file_table(raw, name, commune)
    form = ColumnsForm(request.POST, headers=table.headers, found=table.columns)

    def action(data: dict[str, Any]) -> DossierImport:
        services.columns_save(
            commune=commune, headers=table.headers, chosen=form.chosen(), by=request.user
        )
        return services.file_import(raw, name, commune=commune, on=data["on"], by=request.user)

    def then(done: DossierImport) -> HttpResponse:
        pending.drop(token, request.user.pk)
        return redirect("onestop:import_result", pk=done.pk)

    return run_step(
        request,
        form,
        action,
        done=services.summary,
        then=then,
        again=lambda: _columns_page(request, form, table, name),
    )


def import_result(request: AuthedRequest, pk: int) -> HttpResponse:
    done = DossierImport.objects.filter(pk=pk).select_related("created_by").first()
    access = get_access(request.user)
    if done is None or not access.can_read(done.commune_id):
        raise Http404
    if done.commune_id not in read_communes(access):
        raise PermissionDenied
    keys = [("total", "Tổng số hồ sơ đọc được"), *Result.choices]
    return render(
        request,
        "onestop/import_result.html",
        {
            "done": done,
            "figures": [(label, done.counts.get(k, 0)) for k, label in keys],
            "changes": [(label, done.counts.get(k, 0)) for k, label in
                        [("created", "Hồ sơ mới"), ("updated", "Cập nhật"),
                         ("unchanged", "Không thay đổi")]],
        },
    )  # fmt: skip


def dossier(request: AuthedRequest, pk: int) -> HttpResponse:
    """A dossier and its apology slip: recorded once by the centre's officer, in time."""
    write = request.method == "POST"
    d = get_dossier_for_user(request, pk, write=write)
    today = timezone.localdate()
    may_write = write or can_write(get_access(request.user), d.commune_id)
    form = ApologyForm(request.POST or None)

    def page() -> HttpResponse:
        slip_possible = d.apology_sent_on is None and not (
            d.returned_on is not None and d.returned_on <= d.due_on
        )
        try:
            last_day = services.apology_last_day(d.due_on)
        except DomainError:
            last_day = None
        return render(
            request,
            "onestop/dossier.html",
            {
                "d": d,
                "result": dict(Result.choices)[d.result(today)],
                "badge": BADGES[Result(d.result(today))],
                "form": form if may_write and (slip_possible or form.is_bound) else None,
                "last_day": last_day,
            },
        )

    return run_step(
        request,
        form,
        lambda data: services.apology_record(dossier=d, by=request.user, **data),
        done="Đã ghi phiếu xin lỗi và ngày hẹn trả mới.",
        then=lambda _d: redirect("onestop:dossier", pk=d.pk),
        again=page,
    )
