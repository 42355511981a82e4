"""Reminders on disclosures (đôn đốc), run daily by `danvan remind`.

Each warning of `rules.review_all` (late, too short, missing proof, not kept current, not on the
loudspeaker) goes once to the officers of the responsible office (the leaders when it has none);
a missing proof at a village goes to that village's head too. The audit log is the record of
what was sent, so running the command twice sends nothing twice; a warning that comes back with
another text (a new date) is sent again.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.models import AuditEntry, Role
from danvan.core.notify import notify
from danvan.disclosures.models import Disclosure
from danvan.disclosures.rules import KINDS_ORDER, PROOF, review_all


def send_disclosure_reminders(*, today: date) -> dict[str, int]:
    sent = dict.fromkeys(KINDS_ORDER, 0)
    disclosures = Disclosure.objects.current().select_related("category", "responsible_unit")
    ct = ContentType.objects.get_for_model(Disclosure)
    for item in review_all(disclosures, today):
        if not item.warnings:
            continue
        d = item.disclosure
        already = {
            (c.get("warning"), c.get("text"))
            for c in AuditEntry.objects.filter(
                content_type=ct, object_id=str(d.pk), action="disclosures.reminder"
            ).values_list("changes", flat=True)
        }
        keepers = list(members(Role.OFFICER, unit_id=d.responsible_unit_id)) or list(
            members(Role.LEADER, unit_id=d.commune_id)
        )
        villages = {
            c.posting.village_id for c in item.postings if c.missing_proof and c.posting.village_id
        }
        for w in item.warnings:
            if (w.kind, w.text) in already:
                continue
            people = list(keepers)
            if w.kind == PROOF:
                for village in villages:
                    people += members(Role.VILLAGE_HEAD, unit_id=village)
            with transaction.atomic():
                n = notify(
                    people,
                    title=f"{w.label}: {d.title[:150]}",
                    body=w.text,
                    url=reverse("disclosures:detail", args=[d.pk]),
                )
                log_action(
                    d,
                    "disclosures.reminder",
                    by=None,
                    changes={"warning": w.kind, "text": w.text, "recipients": n},
                )
            sent[w.kind] += 1
    return sent
