"""Every write of news and broadcasts: validated, in a transaction, audited, DomainError in
Vietnamese."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from danvan.core.audit import log_action
from danvan.core.errors import DomainError, full_clean, save_valid
from danvan.core.fields import check_day
from danvan.core.models import Unit, User
from danvan.core.uploads import attachment_create
from danvan.disclosures import services as disclosures
from danvan.disclosures.models import Channel, Disclosure, Posting
from danvan.lib.text import fold
from danvan.news.models import Article, Broadcast, BroadcastSlot, Photo

Status = Article.Status


def _index(article: Article) -> None:
    article.search = fold(f"{article.title} {article.summary}")[:1000]


def _villages(commune_id: int, villages: Sequence[Unit]) -> list[Unit]:
    if any(v.commune_id != commune_id or v.kind != Unit.Kind.VILLAGE for v in villages):
        raise DomainError("Thôn, tổ dân phố không thuộc xã này.")
    return list(villages)


# --- articles -------------------------------------------------------------------------------


@transaction.atomic
def article_create(
    *,
    commune: Unit,
    by: User,
    unit: Unit | None,
    kind: str,
    title: str,
    summary: str,
    body: str,
    photo: UploadedFile | None = None,
    caption: str = "",
) -> Article:
    """A draft; with a photo, its caption is required."""
    if unit is not None and unit.commune_id != commune.pk:
        raise DomainError("Đơn vị không thuộc xã này.")
    article = Article(
        commune=commune,
        unit=unit,
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        created_by=by,
    )
    _index(article)
    save_valid(article)
    log_action(article, "news.created", by=by, changes={"kind": article.get_kind_display()})
    if photo is not None:
        photo_add(article=article, by=by, photo=photo, caption=caption)
    return article


@transaction.atomic
def article_update(
    *, article: Article, by: User, kind: str, title: str, summary: str, body: str
) -> Article:
    if article.status == Status.WITHDRAWN:
        raise DomainError("Tin bài đã gỡ, không sửa được.")
    before = {"kind": article.kind, "title": article.title, "summary": article.summary}
    body_changed = article.body != body
    article.kind, article.title, article.summary, article.body = kind, title, summary, body
    _index(article)
    save_valid(article)
    changes: dict[str, object] = {
        k: [before[k], getattr(article, k)] for k in before if before[k] != getattr(article, k)
    }
    if body_changed:
        changes["body"] = "đã sửa"
    if changes:
        log_action(article, "news.updated", by=by, changes=changes)
    return article


def _size(photo: UploadedFile) -> tuple[int, int]:
    try:
        photo.seek(0)
        with Image.open(photo) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError) as e:
        raise DomainError(f"Không đọc được ảnh “{photo.name}”.") from e
    finally:
        photo.seek(0)
    return (height, width) if orientation in (5, 6, 7, 8) else (width, height)


@transaction.atomic
def photo_add(*, article: Article, by: User, photo: UploadedFile, caption: str) -> Photo:
    if article.status == Status.WITHDRAWN:
        raise DomainError("Tin bài đã gỡ, không thêm ảnh được.")
    caption = caption.strip()
    if not caption:
        raise DomainError("Nhập chú thích cho ảnh (ảnh nói về điều gì, ở đâu).")
    if article.photos.count() >= 20:
        raise DomainError("Mỗi tin bài có tối đa 20 ảnh.")
    width, height = _size(photo)
    attachment = attachment_create(file=photo, owner=article, commune=article.commune, by=by)
    found = Photo.objects.create(
        article=article, attachment=attachment, caption=caption[:300], width=width, height=height
    )
    log_action(article, "news.photo_added", by=by, changes={"photo": caption[:300]})
    return found


@transaction.atomic
def photo_remove(*, photo: Photo, by: User) -> Article:
    article = photo.article
    if article.status == Status.WITHDRAWN:
        raise DomainError("Tin bài đã gỡ, không sửa được.")
    caption = photo.caption
    photo.delete()
    log_action(article, "news.photo_removed", by=by, changes={"photo": caption})
    return article


@transaction.atomic
def article_publish(*, article: Article, by: User) -> Article:
    """On the portal and its feeds from now on."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status == Status.PUBLISHED:
        raise DomainError("Tin bài đã được đăng.")
    if article.status == Status.WITHDRAWN:
        raise DomainError("Tin bài đã gỡ, không đăng lại được; tạo tin bài mới.")
    now = timezone.now()
    article.status = Status.PUBLISHED
    article.published_at = now
    article.published_on = timezone.localdate(now)
    article.published_by = by
    article.save(update_fields=["status", "published_at", "published_on", "published_by"])
    log_action(
        article, "news.published", by=by, changes={"status": [Status.DRAFT, Status.PUBLISHED]}
    )
    return article


@transaction.atomic
def article_withdraw(*, article: Article, by: User, reason: str) -> Article:
    """Off the portal and its feeds, with the reason kept on the article's page."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.status != Status.PUBLISHED:
        raise DomainError("Chỉ gỡ được tin bài đang đăng.")
    if not reason.strip():
        raise DomainError("Nhập lý do gỡ tin bài.")
    article.status = Status.WITHDRAWN
    article.withdrawn_reason = reason.strip()[:300]
    article.save(update_fields=["status", "withdrawn_reason"])
    log_action(
        article,
        "news.withdrawn",
        by=by,
        changes={
            "status": [Status.PUBLISHED, Status.WITHDRAWN],
            "reason": article.withdrawn_reason,
        },
    )
    return article


# --- the schedule -------------------------------------------------------------------------


@transaction.atomic
def slot_create(
    *,
    commune: Unit,
    by: User,
    weekdays: Sequence[str],
    starts_at: time,
    minutes: int,
    programme: str,
    villages: Sequence[Unit] = (),
) -> BroadcastSlot:
    days = "".join(sorted({str(d) for d in weekdays if str(d) in "0123456" and str(d)}))
    if not days:
        raise DomainError("Chọn ít nhất một ngày trong tuần.")
    if not 1 <= minutes <= 240:
        raise DomainError("Thời lượng từ 1 đến 240 phút.")
    chosen = _villages(commune.pk, villages)
    slot = BroadcastSlot(
        commune=commune,
        weekdays=days,
        starts_at=starts_at,
        minutes=minutes,
        programme=programme,
        all_villages=not chosen,
    )
    save_valid(slot)
    slot.villages.set(chosen)
    log_action(
        slot,
        "news.slot_created",
        by=by,
        changes={
            "days": slot.days_label,
            "starts_at": f"{starts_at:%H:%M}",
            "villages": ", ".join(v.name for v in chosen) or "Toàn xã",
        },
    )
    return slot


@transaction.atomic
def slot_stop(*, slot: BroadcastSlot, by: User) -> BroadcastSlot:
    if not slot.active:
        raise DomainError("Lịch phát này đã thôi áp dụng.")
    slot.active = False
    slot.save(update_fields=["active"])
    log_action(slot, "news.slot_stopped", by=by)
    return slot


# --- the broadcast log --------------------------------------------------------------------


def _next_number(commune_id: int, year: int) -> int:
    top = Broadcast.objects.filter(commune_id=commune_id, year=year).aggregate(n=Max("number"))
    return (top["n"] or 0) + 1


def _loudspeaker(per_village: bool) -> Channel:
    channel = (
        Channel.objects.filter(
            kind=Channel.Kind.LOUDSPEAKER, per_village=per_village, is_active=True
        )
        .order_by("order", "pk")
        .first()
    )
    if channel is None:
        raise DomainError(
            "Danh mục hình thức công khai chưa có hệ thống truyền thanh"
            f"{' của thôn' if per_village else ' của xã'}; báo quản trị hệ thống."
        )
    return channel


def _prove(broadcast: Broadcast, villages: list[Unit], by: User, centre: str) -> list[Posting]:
    """Record the broadcast as the proof of the disclosure's loudspeaker posting: the commune's
    system when it reached every village, each village's loudspeakers otherwise; a posting
    already recorded on that channel gets the broadcast as its proof (if it had none)."""
    d = broadcast.disclosure
    assert d is not None
    channel = _loudspeaker(per_village=not broadcast.all_villages)
    url = reverse("news:broadcast", args=[broadcast.pk])
    postings = []
    where: list[Unit | None] = [None] if broadcast.all_villages else list(villages)
    for village in where:
        found = Posting.objects.filter(disclosure=d, channel=channel, village=village).first()
        if found is not None:
            postings.append(
                disclosures.posting_prove(
                    posting=found, by=by, proof_record=broadcast.proof_record, proof_url=url
                )
            )
        else:
            postings.append(
                disclosures.posting_add(
                    disclosure=d,
                    by=by,
                    channel=channel,
                    village=village,
                    start_on=broadcast.aired_on,
                    posted_by_name=centre[:120],
                    note=f"Ghi từ {broadcast.proof_record}.",
                    proof_record=broadcast.proof_record,
                    proof_url=url,
                )
            )
    return postings


@transaction.atomic
def broadcast_log(
    *,
    commune: Unit,
    by: User,
    aired_on: date,
    starts_at: time,
    minutes: int,
    title: str,
    villages: Sequence[Unit] = (),
    article: Article | None = None,
    slot: BroadcastSlot | None = None,
    read_by: str = "",
    note: str = "",
    disclosure: Disclosure | None = None,
    centre: str = "",
) -> Broadcast:
    """One broadcast, numbered per commune and year; with a disclosure, the proof of its
    posting on the loudspeakers (disclosures.services)."""
    check_day(aired_on, "Ngày phát", past=True)
    if not 1 <= minutes <= 240:
        raise DomainError("Thời lượng từ 1 đến 240 phút.")
    for record, what in ((article, "Tin bài"), (slot, "Lịch phát"), (disclosure, "Nội dung")):
        if record is not None and record.commune_id != commune.pk:
            raise DomainError(f"{what} không thuộc xã này.")
    chosen = _villages(commune.pk, villages)
    if disclosure is not None:
        if disclosure.withdrawn_on is not None:
            raise DomainError("Nội dung công khai đã gỡ bỏ, không ghi chứng minh được.")
        if not disclosure.category.loudspeaker:
            raise DomainError(
                f"Nội dung “{disclosure.title}” không thuộc loại phải phát trên hệ thống "
                "truyền thanh (Luật THDCCS 2022, Điều 13 khoản 3)."
            )
    # Lock the commune row so that two officers never take the same number.
    Unit.objects.select_for_update().filter(pk=commune.pk).first()
    broadcast = Broadcast(
        commune=commune,
        year=aired_on.year,
        number=_next_number(commune.pk, aired_on.year),
        aired_on=aired_on,
        starts_at=starts_at,
        minutes=minutes,
        title=title,
        article=article,
        slot=slot,
        all_villages=not chosen,
        read_by=read_by,
        note=note,
        disclosure=disclosure,
        created_by=by,
    )
    full_clean(broadcast)
    try:
        with transaction.atomic():
            broadcast.save()
    except IntegrityError as e:
        raise DomainError("Số nhật ký vừa được dùng; vui lòng gửi lại.") from e
    broadcast.villages.set(chosen)
    log_action(
        broadcast,
        "news.broadcast_logged",
        by=by,
        changes={
            "aired_on": aired_on,
            "title": title,
            "villages": ", ".join(v.name for v in chosen) or "Toàn xã",
            **({"disclosure": disclosure.title} if disclosure else {}),
        },
    )
    if disclosure is not None:
        _prove(broadcast, chosen, by, centre)
    return broadcast
