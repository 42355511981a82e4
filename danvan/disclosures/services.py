"""Every write of the disclosure register: validated, in a transaction, audited.

Each function raises DomainError with a Vietnamese message when the law's order of things or
the facts do not hold (a posting that ends before it starts, a village channel without a village,
a permanent category given an end date).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from danvan.core.audit import diff, log_action
from danvan.core.errors import DomainError, save_valid
from danvan.core.models import Attachment, Unit, User
from danvan.core.uploads import attachment_create
from danvan.disclosures.models import Category, Channel, Disclosure, Document, Posting
from danvan.disclosures.rules import start_deadline

EDITABLE = (
    "category",
    "title",
    "content",
    "document_ref",
    "decided_on",
    "responsible_unit",
    "start_days_override",
    "override_basis",
)


def _attach(file: UploadedFile, owner: models.Model, d: Disclosure, by: User) -> Attachment:
    """The file kept as `owner`'s, in the disclosure's commune."""
    return attachment_create(file=file, owner=owner, commune=d.commune, by=by)


def _check_unit(commune: Unit, unit: Unit) -> None:
    if unit.commune_id != commune.pk or unit.kind not in (Unit.Kind.OFFICE, Unit.Kind.COMMUNE):
        raise DomainError("Đơn vị chịu trách nhiệm phải là UBND xã hoặc một phòng, ban của xã.")


def _schedule(d: Disclosure) -> None:
    """Compute when posting must start (Điều 12 khoản 3, or the sector law's own limit)."""
    if d.start_days_override is not None and not d.override_basis.strip():
        raise DomainError(
            "Khi áp dụng thời hạn khác theo luật chuyên ngành, phải ghi căn cứ pháp lý."
        )
    deadline, _source = start_deadline(
        d.decided_on, override_days=d.start_days_override, basis=d.override_basis
    )
    d.start_due = deadline.due
    d.start_due_explained = "\n".join(deadline.steps)


def disclosure_create(
    *,
    commune: Unit,
    by: User,
    category: Category,
    title: str,
    content: str,
    decided_on: date,
    responsible_unit: Unit,
    document_ref: str = "",
    start_days_override: int | None = None,
    override_basis: str = "",
) -> Disclosure:
    _check_unit(commune, responsible_unit)
    with transaction.atomic():
        d = Disclosure(
            commune=commune,
            category=category,
            title=title,
            content=content,
            document_ref=document_ref,
            decided_on=decided_on,
            responsible_unit=responsible_unit,
            start_days_override=start_days_override,
            override_basis=override_basis,
            created_by=by,
        )
        _schedule(d)
        save_valid(d)
        log_action(
            d,
            "disclosures.created",
            by=by,
            changes={
                "category": str(category),
                "decided_on": decided_on,
                "start_due": d.start_due,
                "responsible_unit": responsible_unit.label,
            },
        )
    return d


def disclosure_update(*, disclosure: Disclosure, by: User, **fields: Any) -> Disclosure:
    d = disclosure
    if d.withdrawn_on is not None:
        raise DomainError("Nội dung đã gỡ bỏ, không sửa được.")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "responsible_unit" in fields:
        _check_unit(d.commune, fields["responsible_unit"])
    marks = {"start_due": d.start_due, "category_to_confirm": d.category_to_confirm}
    before = {k: _plain(getattr(d, k)) for k in fields} | marks
    with transaction.atomic():
        for k, v in fields.items():
            setattr(d, k, v)
        if "category" in fields:
            # An officer chose the item of Điều 11: a disclosure moved from the old list by
            # migration 0004 is no longer to be checked.
            d.category_to_confirm = False
        _schedule(d)
        save_valid(d)
        marks = {"start_due": d.start_due, "category_to_confirm": d.category_to_confirm}
        after = {k: _plain(getattr(d, k)) for k in fields} | marks
        changes = diff(before, after)
        if changes:
            log_action(d, "disclosures.updated", by=by, changes=changes)
    return d


def _plain(value: Any) -> Any:
    return str(value) if hasattr(value, "pk") else value


def document_add(
    *, disclosure: Disclosure, by: User, title: str, file: UploadedFile, public: bool
) -> Document:
    with transaction.atomic():
        doc = Document.objects.create(disclosure=disclosure, title=title, public=public)
        _attach(file, doc, disclosure, by)
        log_action(
            disclosure,
            "disclosures.document_added",
            by=by,
            changes={"document": title, "public": public},
        )
    return doc


def _check_posting(
    d: Disclosure, channel: Channel, village: Unit | None, start_on: date, end_on: date | None
) -> None:
    if channel.per_village and village is None:
        raise DomainError(f"“{channel.name}” cần chọn thôn, tổ dân phố.")
    if not channel.per_village and village is not None:
        raise DomainError(f"“{channel.name}” là hình thức của cả xã, không chọn thôn.")
    if village is not None and (
        village.kind != Unit.Kind.VILLAGE or village.commune_id != d.commune_id
    ):
        raise DomainError("Thôn, tổ dân phố không thuộc xã này.")
    if end_on is not None and end_on < start_on:
        raise DomainError("Ngày kết thúc không được trước ngày bắt đầu.")
    if start_on < d.decided_on:
        raise DomainError(
            f"Không thể công khai trước ngày ban hành văn bản ({d.decided_on:%d/%m/%Y})."
        )
    if d.category.permanent and end_on is not None:
        raise DomainError(
            "Nội dung này phải niêm yết thường xuyên (Luật THDCCS 2022, Điều 13): không đặt ngày "
            "kết thúc; khi cần thay, cập nhật nội dung hoặc gỡ bỏ cả nội dung."
        )


def posting_add(
    *,
    disclosure: Disclosure,
    by: User,
    channel: Channel,
    start_on: date,
    end_on: date | None = None,
    village: Unit | None = None,
    posted_by_name: str = "",
    note: str = "",
    proof: UploadedFile | None = None,
    proof_record: str = "",
    proof_url: str = "",
) -> Posting:
    """`proof_record`/`proof_url`: a record of the product that proves the posting (a broadcast
    of the loudspeaker log) and its page, counted as a proof like a file."""
    d = disclosure
    if d.withdrawn_on is not None:
        raise DomainError("Nội dung đã gỡ bỏ, không ghi thêm việc công khai.")
    _check_posting(d, channel, village, start_on, end_on)
    if Posting.objects.filter(disclosure=d, channel=channel, village=village).exists():
        where = f" tại {village.name}" if village else ""
        raise DomainError(f"Đã ghi “{channel.name}”{where} cho nội dung này; cập nhật dòng đã có.")
    with transaction.atomic():
        p = Posting.objects.create(
            disclosure=d,
            channel=channel,
            village=village,
            start_on=start_on,
            end_on=end_on,
            posted_by_name=posted_by_name,
            note=note,
            proof_record=proof_record,
            proof_url=proof_url,
            recorded_by=by,
        )
        if proof is not None:
            _attach(proof, p, d, by)
        changes: dict[str, Any] = {
            "channel": str(p),
            "start_on": start_on,
            "end_on": end_on,
            "proof": proof is not None or bool(proof_record),
        }
        if proof_record:
            changes["proof_record"] = proof_record
        log_action(d, "disclosures.posted", by=by, changes=changes)
    return p


def posting_prove(*, posting: Posting, by: User, proof_record: str, proof_url: str) -> Posting:
    """Name the record of the product that proves a posting made without one (a broadcast of
    the loudspeaker log for the loudspeaker posting); one already named is kept."""
    p = (
        Posting.objects.select_for_update()
        .select_related("disclosure", "channel")
        .get(pk=posting.pk)
    )
    if p.proof_record:
        return p
    p.proof_record, p.proof_url = proof_record, proof_url
    p.save(update_fields=["proof_record", "proof_url"])
    log_action(
        p.disclosure,
        "disclosures.posting_updated",
        by=by,
        changes={"channel": str(p), "proof_record": proof_record},
    )
    return p


def posting_update(
    *,
    posting: Posting,
    by: User,
    end_on: date | None,
    proof: UploadedFile | None = None,
    note: str | None = None,
) -> Posting:
    """Record when a posting ended and add its proof."""
    p = posting
    d = p.disclosure
    _check_posting(d, p.channel, p.village, p.start_on, end_on)
    before = {"end_on": p.end_on}
    with transaction.atomic():
        p.end_on = end_on
        if note is not None:
            p.note = note
        p.save()
        added: Attachment | None = None
        if proof is not None:
            added = _attach(proof, p, d, by)
        changes: dict[str, Any] = diff(before, {"end_on": end_on})
        if added is not None:
            changes["proof_file"] = added.original_name
        if not changes:
            raise DomainError("Không có gì thay đổi: nhập ngày kết thúc hoặc chọn tệp minh chứng.")
        changes["channel"] = str(p)
        log_action(d, "disclosures.posting_updated", by=by, changes=changes)
    return p


def disclosure_review(*, disclosure: Disclosure, by: User, on: date, note: str = "") -> Disclosure:
    """A permanent posting was checked and is current (Luật THDCCS 2022, Điều 13)."""
    d = disclosure
    if d.withdrawn_on is not None:
        raise DomainError("Nội dung đã gỡ bỏ.")
    if on < d.decided_on:
        raise DomainError("Ngày rà soát không được trước ngày ban hành văn bản.")
    with transaction.atomic():
        before = d.reviewed_on
        d.reviewed_on = on
        d.save(update_fields=["reviewed_on"])
        log_action(
            d, "disclosures.reviewed", by=by, changes={"reviewed_on": [before, on], "note": note}
        )
    return d


def disclosure_withdraw(*, disclosure: Disclosure, by: User, on: date, reason: str) -> Disclosure:
    d = disclosure
    if d.withdrawn_on is not None:
        raise DomainError("Nội dung đã gỡ bỏ từ trước.")
    if not reason.strip():
        raise DomainError("Ghi lý do gỡ bỏ.")
    if on < d.decided_on:
        raise DomainError("Ngày gỡ bỏ không được trước ngày ban hành văn bản.")
    with transaction.atomic():
        d.withdrawn_on, d.withdrawn_reason = on, reason
        d.save(update_fields=["withdrawn_on", "withdrawn_reason"])
        log_action(d, "disclosures.withdrawn", by=by, changes={"on": on, "reason": reason})
    return d


def disclosures_recompute_open() -> int:
    """Recompute every open disclosure's start deadline after a rule or calendar change."""
    n = 0
    for d in Disclosure.objects.current().select_related("category"):
        old = d.start_due
        try:
            _schedule(d)
        except DomainError:
            continue
        if d.start_due != old:
            d.save(update_fields=["start_due", "start_due_explained"])
            n += 1
    return n
