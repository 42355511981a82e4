"""Notifications: a row in the app for each person, and the same text by e-mail as each person
chose (`NotificationPreference`): at once, in one daily digest (`danvan digest`), or never.

Callers pass titles that may leave the system by e-mail: a denunciation's notice names no
denouncer (petitions.notices strikes the identity out of the summary it quotes)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection, send_mass_mail
from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.models import Notification, NotificationPreference, User

log = logging.getLogger(__name__)

Email = NotificationPreference.Email

# How far back a digest looks for notifications not yet mailed: a night the digest did not run
# is caught up by the next one, and nothing older floods the mailbox of one who changes to it.
DIGEST_DAYS = 7


def _choices(users: Iterable[User]) -> dict[int, str]:
    ids = [u.pk for u in users]
    rows = NotificationPreference.objects.filter(user_id__in=ids).values_list("user_id", "email")
    return dict(rows)


def notify(users: Iterable[User], *, title: str, body: str = "", url: str = "") -> int:
    """Notify each distinct active user once; returns how many were notified. Those who want
    mail at once get it now; the digest mails the others' rows later."""
    people = list({u.pk: u for u in users if u.is_active}.values())
    if not people:
        return 0
    # A title is also the mail's subject: one line (a line break would make the header invalid),
    # and what the column holds.
    title = " ".join(title.split())[:200]
    choices = _choices(people)
    now_mail = [
        u for u in people if u.email and choices.get(u.pk, Email.IMMEDIATE) == Email.IMMEDIATE
    ]
    rows = Notification.objects.bulk_create(
        [Notification(user=u, title=title, body=body, url=url) for u in people]
    )
    if not now_mail:
        return len(people)
    mails = [
        (title, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [u.email])
        for u in now_mail
    ]
    try:
        send_mass_mail(mails, fail_silently=False)
    except OSError:
        # The in-app notification is the record; a mail server outage must not lose it.
        log.exception("Could not send %d notification e-mails", len(mails))
    else:
        mailed = {u.pk for u in now_mail}
        ids = [n.pk for n in rows if n.user_id in mailed]  # SQLite and PostgreSQL return keys
        Notification.objects.filter(pk__in=ids).update(mailed_at=timezone.now())
    return len(people)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def digest_pending(on: date) -> QuerySet[Notification]:
    """The notifications a digest of day `on` mails: not mailed yet, made by the end of that
    day and in the DIGEST_DAYS before, for active people with an address who chose the digest."""
    return Notification.objects.filter(
        mailed_at__isnull=True,
        created_at__lt=_end_of(on),
        created_at__gte=_end_of(on - timedelta(days=DIGEST_DAYS)),
        user__is_active=True,
        user__notification_preference__email=Email.DAILY,
    ).exclude(user__email="")


def digest_text(on: date, items: list[Notification]) -> tuple[str, str]:
    """The subject and body of one person's digest: each title, its text and its link."""
    subject = f"Dân vận số: {len(items)} thông báo đến ngày {on:%d/%m/%Y}"
    lines = [f"Bạn có {len(items)} thông báo chưa gửi qua e-mail:", ""]
    for i, n in enumerate(items, 1):
        local = timezone.localtime(n.created_at)
        lines.append(f"{i}. {n.title} ({local:%H:%M %d/%m/%Y})")
        if n.body:
            lines.extend(f"   {line}" for line in n.body.splitlines())
        if n.url:
            lines.append(f"   {n.url}")
        lines.append("")
    lines.append("Đổi cách nhận thông báo: mục “Cài đặt thông báo” trong trang Thông báo.")
    return subject, "\n".join(lines)


def send_digests(*, on: date) -> dict[str, int]:
    """One mail per person who chose the digest, listing their notifications not yet mailed,
    each marked mailed once its mail is sent: run again, it sends nothing twice. A mail the
    server refuses leaves that person's rows for the next run. Returns people and items sent."""
    pending = list(digest_pending(on).select_related("user").order_by("user_id", "created_at"))
    by_user: dict[int, list[Notification]] = {}
    for n in pending:
        by_user.setdefault(n.user_id, []).append(n)
    sent = {"people": 0, "items": 0, "failed": 0}
    connection = get_connection()
    for items in by_user.values():
        subject, body = digest_text(on, items)
        message = EmailMessage(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [items[0].user.email],
            connection=connection,
        )
        try:
            message.send(fail_silently=False)
        except OSError:
            log.exception("Could not send the digest of user %s", items[0].user_id)
            sent["failed"] += 1
            continue
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(mailed_at=timezone.now())
        sent["people"] += 1
        sent["items"] += len(items)
    return sent
