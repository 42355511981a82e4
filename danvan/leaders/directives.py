"""Who sends, reads and answers directives (chỉ đạo, đôn đốc), and what they add up to.

A directive is about one item of a domain app, read here only through what every such item
offers (this app never imports a domain app):
- `commune_id`, and `get_absolute_url()` (its page);
- `visible_to(user)` when its page is narrower than its commune (a petition: those who keep
  the book, its handler and its unit; a denunciation's page never shows the denouncer), else
  `readable_by(user)` (core.models.ReadByCommune: whoever reads the commune);
- `str(item)`: its title as its own page shows it (a denunciation's summary is stored struck
  of the denouncer's identity, petitions.redaction).

Rules (docs/permissions.md, "Chỉ đạo, đôn đốc"):
- a leader or administrator of the item's commune sends one, to a unit of the commune (an
  office, the Front, an organisation, a village) or to one person of the commune; every
  recipient must be able to open the item's page;
- the recipients answer: the person, or the unit's leaders, officers, Front officials and
  village heads (read-only members never);
- the sender accepts the answer (closed) or sends it back with a comment (open again);
- the sender, the recipients, the commune's leaders and administrators, and whoever may open
  the item (its page shows the item's directives) read it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Q
from django.db.models.functions import TruncDate
from django.urls import reverse

from danvan.core.access import get_access, members
from danvan.core.figures import Clock, Period, late_item, section
from danvan.core.models import Membership, Role, Unit, User
from danvan.core.work import WorkItem
from danvan.leaders.models import Directive

# The items a directive may be about ("app_label.model"), and what each is called.
TARGETS: dict[str, str] = {
    "plans.task": "Nhiệm vụ",
    "petitions.petition": "Đơn thư",
    "disclosures.disclosure": "Nội dung công khai",
    "consultations.consultation": "Lấy ý kiến Nhân dân",
    "decisions.communitydecision": "Việc Nhân dân bàn và quyết định",
    "supervision.recommendation": "Kiến nghị sau giám sát",
    "promises.promise": "Cam kết, lời hứa với Nhân dân",
    "opinion.opinionnote": "Tin dư luận xã hội",
}
# Who answers for a unit: those who act for it; read-only members never.
RECIPIENT_ROLES = (Role.LEADER, Role.OFFICER, Role.FRONT, Role.VILLAGE_HEAD)
RECIPIENT_UNIT_KINDS = (
    Unit.Kind.OFFICE,
    Unit.Kind.FRONT,
    Unit.Kind.ORGANISATION,
    Unit.Kind.VILLAGE,
)


def target_key(ct: ContentType) -> str:
    return f"{ct.app_label}.{ct.model}"


def target_types() -> dict[int, str]:
    """{content type id: label} of the items a directive may be about (cached by Django)."""
    found = {}
    for key, label in TARGETS.items():
        app_label, model = key.split(".")
        try:
            ct = ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            continue
        found[ct.pk] = label
    return found


def is_target(obj: Any) -> bool:
    return isinstance(obj, Model) and target_key(ContentType.objects.get_for_model(obj)) in TARGETS


def opens(user: Any, item: Any) -> bool:
    """Whether `user` may open the item's page (see the module's docstring)."""
    check = getattr(item, "visible_to", None) or getattr(item, "readable_by", None)
    if check is not None:
        return bool(check(user))
    return get_access(user).can_read(item.commune_id)


def can_send(user: Any, item: Any) -> bool:
    """A leader or administrator of the item's commune."""
    return get_access(user).can_manage(item.commune_id)


def recipients(d: Directive) -> list[User]:
    """Who is to answer: the person, or those who act for the unit."""
    if d.to_user_id:
        return [d.to_user] if d.to_user and d.to_user.is_active else []
    return list(members(*RECIPIENT_ROLES, unit_id=d.to_unit_id))


def answering_units(user: Any) -> set[int]:
    return get_access(user).units(*RECIPIENT_ROLES)


def is_recipient(user: Any, d: Directive) -> bool:
    return d.to_user_id == user.pk or (
        d.to_unit_id is not None and d.to_unit_id in answering_units(user)
    )


def can_answer(user: Any, d: Directive) -> bool:
    return d.status == Directive.Status.OPEN and is_recipient(user, d)


def can_close(user: Any, d: Directive) -> bool:
    """The sender decides on the answer: accepts it or sends it back."""
    return d.status == Directive.Status.ANSWERED and d.sent_by_id == user.pk


def can_see(user: Any, d: Directive) -> bool:
    if d.sent_by_id == user.pk or is_recipient(user, d):
        return True
    if get_access(user).can_manage(d.commune_id):
        return True
    return d.target is not None and opens(user, d.target)


def concerning(user: Any) -> Q:
    """The directives a user is party to: sent by, to, or to one of the units he answers for."""
    return (
        Q(sent_by_id=user.pk)
        | Q(to_user_id=user.pk)
        | Q(to_unit_id__in=sorted(answering_units(user)))
    )


def listed_for(user: Any) -> Q:
    """What the list page shows: the user's own, and every directive of the communes he
    leads or administers."""
    return concerning(user) | Q(commune_id__in=sorted(get_access(user).managed_communes))


def title_of(d: Directive) -> str:
    """The item's title as its page shows it, or a word when it is gone."""
    return str(d.target) if d.target is not None else "(đã xóa)"


# --- "Việc của tôi" -------------------------------------------------------------------------


def waiting_on(user: Any, *, today: date) -> list[WorkItem]:
    """Directives to answer (to the user or a unit he answers for), and answers waiting for
    the user as their sender: the leaders' app's part of "Việc của tôi", in one query (plus
    one per kind of item, for their titles)."""
    units = sorted(answering_units(user))
    rows = (
        Directive.objects.filter(
            Q(status=Directive.Status.OPEN) & (Q(to_user_id=user.pk) | Q(to_unit_id__in=units))
            | Q(status=Directive.Status.ANSWERED, sent_by_id=user.pk)
        )
        .select_related("to_unit", "to_user")
        .prefetch_related("target")
    )
    items = []
    for d in rows:
        if d.status == Directive.Status.OPEN:
            kind = f"Trả lời {d.get_kind_display().lower()}"
            due: date | None = d.due_on
        else:
            kind = f"Xem xét trả lời {d.get_kind_display().lower()} ({d.recipient})"
            due = None
        items.append(
            WorkItem(
                app="Chỉ đạo, đôn đốc",
                kind=kind,
                title=title_of(d),
                url=d.get_absolute_url(),
                due=due,
                commune_id=d.commune_id,
            )
        )
    return items


# --- the overview ---------------------------------------------------------------------------

CLOCK = Clock(came=TruncDate("sent_at"), done=TruncDate("answered_at"), due="due_on")


def figures(
    *,
    communes: list[int],
    start: date,
    end: date,
    on: date,
    units: list[int] | None = None,
    villages: list[int] | None = None,
    viewer: Any = None,
    detail: bool = True,
) -> dict[str, Any]:
    """The directives' part of the overview and the periodic report (core.figures' shape,
    leaders.overview.compose). A directive comes in the day it is sent, is done the day it is
    answered (accepted or waiting for its sender; one sent back is open again), is due on the
    day its sender set and late when open past it. `answered` repeats `done` under the name
    the leaders use. A unit's slice (`units`, or a village's, `villages`): the directives to
    those units or to their people. `viewer` narrows the late list to the directives he reads
    as a party or a leader."""
    qs = Directive.objects.filter(commune_id__in=communes)
    for slice_ in (units, villages):
        if slice_ is not None:
            people = Membership.objects.filter(unit_id__in=slice_).values("user_id")
            qs = qs.filter(Q(to_unit_id__in=slice_) | Q(to_user_id__in=people))
    period = Period(start, end, on)

    def item(d: Directive) -> dict[str, Any]:
        return late_item(
            title=f"{d.get_kind_display()}: {_short(d.text)}",
            url=d.get_absolute_url(),
            due=d.fig_due,  # type: ignore[attr-defined]  # annotated by core.figures
            owner=str(d.recipient),
            ref=period.ref,
            kind=d.get_kind_display(),
        )

    K = Directive.Kind
    part = section(
        qs,
        CLOCK,
        period,
        label="Chỉ đạo, đôn đốc",
        noun="chỉ đạo",
        url=reverse("leaders:directives"),
        note="Hạn trả lời do lãnh đạo đặt khi gửi, không phải thời hạn luật định.",
        extras={
            "instruction": ("Chỉ đạo", Count("pk", filter=Q(kind=K.INSTRUCTION))),
            "chase": ("Đôn đốc", Count("pk", filter=Q(kind=K.CHASE))),
            "waiting_review": (
                "Đã trả lời, chờ người gửi xem xét",
                Count("pk", filter=Q(status=Directive.Status.ANSWERED)),
            ),
        },
        item=item,
        related=("to_unit", "to_user"),
        visible=(lambda rows: rows.filter(listed_for(viewer))) if viewer is not None else None,
        detail=detail,
    )
    part["answered"] = part["done"]
    return part


def overview(**kwargs: Any) -> dict[str, dict[str, Any]]:
    """The `overview` hook of LeadersConfig (core.domain): the part "directives"."""
    return {"directives": figures(**kwargs)}


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
