"""Notifications: a row in the app for each person, and the same text by e-mail."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail

from danvan.core.models import Notification, User

log = logging.getLogger(__name__)


def notify(users: Iterable[User], *, title: str, body: str = "", url: str = "") -> int:
    """Notify each distinct user once; returns how many were notified."""
    people = {u.pk: u for u in users if u.is_active}.values()
    Notification.objects.bulk_create(
        [Notification(user=u, title=title, body=body, url=url) for u in people]
    )
    mails = [
        (title, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, [u.email])
        for u in people
        if u.email
    ]
    if mails:
        try:
            send_mass_mail(mails, fail_silently=False)
        except OSError:
            # The in-app notification is the record; a mail server outage must not lose it.
            log.exception("Could not send %d notification e-mails", len(mails))
    return len(people)
