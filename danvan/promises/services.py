"""Every write of promises: validated, in a transaction, audited, DomainError in Vietnamese.

The source apps call `promise_create` when a commitment, pledge, answer or remedy is made; the
owner unit (or a leader) reports its outcome with `promise_report`; a leader or the office marks
one internal with a reason (`promise_set_public`). The promise's task follows each step.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from danvan.core.audit import diff, log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.core.uploads import attachment_create
from danvan.lib.text import fold
from danvan.plans import services as plan_services
from danvan.plans.models import Plan, Task
from danvan.promises.models import CLOSING, Outcome, Promise, PromisePlan, Source


def promise_plan(*, commune: Unit, year: int, by: User) -> Plan:
    """The commune's yearly plan of promises, made on first need (issued once it holds a task,
    so its tasks are reminded at once and cannot be deleted as a draft's)."""
    found = PromisePlan.objects.select_related("plan").filter(commune=commune, year=year).first()
    if found:
        return found.plan
    plan = plan_services.plan_create(
        commune=commune,
        by=by,
        issuing_unit=commune,
        title=f"Kế hoạch theo dõi thực hiện các cam kết, lời hứa với Nhân dân năm {year}",
        year=year,
    )
    PromisePlan.objects.create(commune=commune, year=year, plan=plan)
    return plan


def _search_text(p: Promise) -> str:
    parts = [p.title, p.content, p.source_label, p.owner_unit.name, p.owner_person]
    if p.village:
        parts.append(p.village.name)
    return fold(" ".join(parts))


@transaction.atomic
def promise_create(
    *,
    commune: Unit,
    source: str,
    source_label: str,
    title: str,
    owner_unit: Unit,
    made_on: date,
    due_on: date,
    by: User,
    content: str = "",
    source_url: str = "",
    public_url: str = "",
    owner_person: str = "",
    village: Unit | None = None,
    public: bool = True,
    internal_reason: str = "",
) -> Promise:
    """A promise of the commune and its task, led by `owner_unit` and due `due_on`."""
    if source not in Source.values:
        raise DomainError("Nguồn của cam kết không hợp lệ.")
    if owner_unit.commune_id != commune.pk or owner_unit.kind in (
        Unit.Kind.PROVINCE,
        Unit.Kind.COMMUNE,
    ):
        raise DomainError("Đơn vị thực hiện phải là một đơn vị thuộc xã.")
    if village and (village.commune_id != commune.pk or village.kind != Unit.Kind.VILLAGE):
        raise DomainError("Thôn không thuộc xã này.")
    check_day(made_on, "Ngày hứa")
    check_day(due_on, "Hạn thực hiện")
    if due_on < made_on:
        raise DomainError("Hạn thực hiện không được trước ngày hứa.")
    if not title.strip():
        raise DomainError("Vui lòng ghi nội dung cam kết.")
    if not public and not internal_reason.strip():
        raise DomainError("Cam kết không công khai phải ghi lý do.")
    task = plan_services.task_create_issued(
        plan=promise_plan(commune=commune, year=made_on.year, by=by),
        by=by,
        title=f"{title} ({source_label})"[:500],
        lead_unit=owner_unit,
        start_date=made_on,
        due_date=due_on,
        description=content,
        expected_result=f"Thực hiện cam kết, báo cáo kết quả và công khai cho Nhân dân "
        f"({Source(source).label}).",
    )
    promise = Promise(
        commune=commune,
        source=source,
        source_label=source_label,
        source_url=source_url,
        public_url=public_url,
        title=title,
        content=content,
        owner_unit=owner_unit,
        owner_person=owner_person,
        village=village,
        made_on=made_on,
        promised_due=due_on,
        due_on=due_on,
        task=task,
        public=public,
        internal_reason="" if public else internal_reason.strip(),
        created_by=by,
    )
    promise.search_text = _search_text(promise)
    save_valid(promise)
    log_action(
        promise,
        "promises.promise_created",
        by=by,
        changes={
            "source": source,
            "owner_unit": str(owner_unit),
            "due_on": due_on,
            "task": task.pk,
            "public": public,
        },
    )
    return promise


@transaction.atomic
def promise_report(
    *,
    promise: Promise,
    by: User,
    outcome: str,
    note: str,
    on: date,
    roadmap_due: date | None = None,
    files: Sequence[UploadedFile] = (),
) -> Promise:
    """The owner's report of what became of the promise, with its evidence.

    KEPT and EXPLAINED close it: its task gets a final report, recorded as accepted (the
    outcome is a fact shown to the people with its evidence, as a supervision answer is).
    ROADMAP keeps it open with a new date: its task is due then; the date first promised stays
    the one the people judge by.
    """
    promise = Promise.objects.select_for_update().select_related("owner_unit").get(pk=promise.pk)
    if promise.is_closed:
        raise DomainError("Cam kết đã có kết quả; không báo cáo thêm.")
    if outcome not in Outcome.values:
        raise DomainError("Vui lòng chọn kết quả thực hiện.")
    if not note.strip():
        raise DomainError("Vui lòng ghi kết quả thực hiện hoặc nội dung giải trình.")
    check_day(on, "Ngày có kết quả")
    if on < promise.made_on:
        raise DomainError("Ngày có kết quả không được trước ngày hứa.")
    if on > timezone.localdate():
        raise DomainError("Ngày có kết quả không được sau hôm nay.")
    task = Task.objects.get(pk=promise.task_id)
    before = {"outcome": promise.outcome, "due_on": promise.due_on}
    if outcome == Outcome.ROADMAP:
        if roadmap_due is None:
            raise DomainError("Đang thực hiện theo lộ trình: vui lòng ghi thời hạn hoàn thành mới.")
        check_day(roadmap_due, "Thời hạn theo lộ trình")
        if roadmap_due <= on:
            raise DomainError("Thời hạn theo lộ trình phải sau ngày báo cáo.")
        plan_services.task_reassign(task=task, by=by, due_date=roadmap_due)
        promise.due_on = roadmap_due
    if not task.done_on:
        plan_services.progress_report_create(
            task=task,
            unit=task.lead_unit,
            by=by,
            text=f"{Outcome(outcome).label}: {note}"[:10000],
            is_final=outcome in CLOSING,
            reported_on=on,
            # A closing outcome is a fact shown with its evidence; a roadmap is a note.
            accepted_by=by if outcome in CLOSING else None,
        )
    promise.outcome, promise.outcome_note, promise.outcome_on = outcome, note.strip(), on
    save_valid(promise)
    for f in files:
        attachment_create(file=f, owner=promise, commune=promise.commune, by=by)
    log_action(
        promise,
        "promises.promise_reported",
        by=by,
        changes={
            **diff(before, {"outcome": outcome, "due_on": promise.due_on}),
            "outcome_on": on,
            "files": len(files),
        },
    )
    return promise


@transaction.atomic
def promise_set_public(*, promise: Promise, by: User, public: bool, reason: str = "") -> Promise:
    """Shown on the portal, or kept internal with a reason (a person's safety, an ongoing case)."""
    promise = Promise.objects.select_for_update().get(pk=promise.pk)
    if not public and not reason.strip():
        raise DomainError("Vui lòng ghi lý do không công khai cam kết này.")
    if promise.public == public and (public or promise.internal_reason == reason.strip()):
        raise DomainError("Cam kết đã ở trạng thái này.")
    promise.public = public
    promise.internal_reason = "" if public else reason.strip()
    save_valid(promise)
    log_action(
        promise,
        "promises.promise_shown" if public else "promises.promise_hidden",
        by=by,
        changes={"public": public, "reason": promise.internal_reason},
    )
    return promise


def promises_show_source_page(*, promise_ids: Iterable[int], url: str) -> int:
    """The portal page of the promises' source, once it is published (a dialogue's results are
    public from the day a leader publishes them, its commitments from the day they are made)."""
    return Promise.objects.filter(pk__in=list(promise_ids)).update(public_url=url)
