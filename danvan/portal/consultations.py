"""The citizen's side of consultations: read a draft and comment point by point, no account.

Spam limits: a rate limit per client (a keyed hash of the address, portal.models), a field
people never see, a minimum time between showing and sending the form, length limits. Markup
is shown as text (Django escapes it). Nothing typed is lost on a refused form.
Public pages never show a commenter's name unless they ticked "công khai tên".
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from danvan.consultations import selectors, services
from danvan.consultations.models import Consultation, Point, Submission
from danvan.core.cache import kept
from danvan.core.errors import DomainError
from danvan.core.failsafe import STORAGE_ERRORS, not_stored, unavailable
from danvan.core.fields import LongText, Text
from danvan.core.models import Attachment, Unit
from danvan.core.uploads import attachment_response
from danvan.portal.forms import GuardedForm, read_token
from danvan.portal.models import RateLimitHit, client_key
from danvan.portal.sections import HomeSection, in_commune

Status = Consultation.Status
COMMENT_MAX = 2000


def _comment(label: str, rows: int) -> Text:
    return LongText(label, required=False, rows=rows, max_length=COMMENT_MAX)


class CommentForm(GuardedForm):
    """One box per point of the draft, one general box, and who you are (all optional)."""

    trap_message = "Chưa gửi được: vui lòng để trống ô “Trang web” rồi gửi lại."
    too_fast_message = (
        "Ý kiến được gửi quá nhanh sau khi mở trang. Vui lòng đọc lại rồi bấm “Gửi ý kiến” lần nữa."
    )

    general = _comment("Ý kiến chung về dự thảo", rows=4)
    name = Text(
        label="Họ và tên",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    village = forms.ChoiceField(
        label="Thôn, tổ dân phố nơi bạn sống",
        required=False,
        error_messages={"invalid_choice": "Thôn, tổ dân phố đã chọn không có trong danh sách."},
    )
    show_name = forms.BooleanField(
        label="Công khai tên của tôi cùng ý kiến khi công bố kết quả", required=False
    )

    def __init__(self, *args: Any, parts: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.points: list[Point] = parts["points"]
        for p in self.points:
            self.fields[f"diem_{p.pk}"] = _comment(f"Ý kiến của bạn về {p.heading}", rows=3)
        self.villages = {str(v.pk): v for v in parts["audience"]}
        village = self.fields["village"]
        assert isinstance(village, forms.ChoiceField)
        village.choices = [("", "— Không muốn ghi —")] + [
            (k, v.name) for k, v in self.villages.items()
        ]

    def point_fields(self) -> list[tuple[Any, forms.BoundField]]:
        return [(p, self[f"diem_{p.pk}"]) for p in self.points]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        texts: list[tuple[Point | None, str]] = [
            (p, data.get(f"diem_{p.pk}") or "") for p in self.points
        ]
        texts.append((None, data.get("general") or ""))
        if not self.errors and not any(t.strip() for _, t in texts):
            self.add_error(None, "Vui lòng viết ý kiến ở ít nhất một mục.")
        data["texts"] = texts
        data["village"] = self.villages.get(data.get("village") or "")
        return data


def _public(pk: int) -> Consultation:
    return get_object_or_404(
        Consultation.objects.public().select_related("commune", "lead_unit", "matter"), pk=pk
    )


def _parts(c: Consultation, *, tallies: bool) -> dict[str, Any]:
    """What the page shows of a consultation besides its row, kept until a record of the
    commune's consultations (a comment too: services.comments_submit logs it) or of its units
    changes. The comments are read only for what the page shows of them: the results once
    published, the count per point while no form is shown; beside the form, nothing (every
    comment, read with six joins, for none of it shown)."""

    def compute() -> dict[str, Any]:
        audience = list(c.audience_villages())
        return {
            "points": list(c.points.all()),
            "audience": audience,
            "villages": [] if c.whole_commune else audience,
            "files": selectors.files_of(c),
            "channels": c.channel_labels(),
            "rows": selectors.tallies(c) if tallies else [],
        }

    key = f"portal:consultation|{c.pk}|{tallies}"
    return kept(key, c.commune_id, compute, apps=("consultations",))


def _comments_shown(c: Consultation, today: date) -> bool:
    """The results once published; the count per point while no form is shown."""
    return c.status == Status.PUBLISHED or not c.accepts_comments(today)


def _render(
    request: HttpRequest,
    c: Consultation,
    parts: dict[str, Any],
    form: CommentForm | None,
    *,
    status: int = 200,
    limited: bool = False,
    refused: str = "",
) -> HttpResponse:
    today = timezone.localdate()
    context = parts | {
        "consultation": c,
        "today": today,
        "accepting": c.accepts_comments(today),
        "upcoming": c.status == Status.OPEN and c.opens_on is not None and today < c.opens_on,
        "days_left": c.days_left(today),
        "total": selectors.totals(parts["rows"]),
        "published": c.status == Status.PUBLISHED,
        "form": form,
        "limited": limited,
        "refused": refused,
    }
    response = render(request, "portal/consultations_detail.html", context, status=status)
    if limited:
        response["Retry-After"] = "3600"
    return response


def _thanks_of(nonce: str) -> HttpResponse | None:
    pk = Submission.objects.filter(nonce=nonce).values_list("consultation_id", flat=True).first()
    return redirect("portal:consultation_thanks", pk=pk) if pk else None


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def consultation(request: HttpRequest, pk: int) -> HttpResponse:
    c = _public(pk)
    today = timezone.localdate()
    parts = _parts(c, tallies=_comments_shown(c, today))
    if request.method != "POST":
        form = CommentForm(parts=parts) if c.accepts_comments(today) else None
        return _render(request, c, parts, form)
    token = read_token(request.POST.get("token", ""))
    if token and (done := _thanks_of(token[1])):  # the same form sent again
        return done
    if not c.accepts_comments(today):
        return _render(
            request, c, parts, None, status=409, refused=services.closed_message(c, today)
        )
    form = CommentForm(request.POST, parts=parts)
    status = 400
    try:
        # Counting the attempt is a write too: when storage fails, the form comes back.
        with transaction.atomic():
            allowed = RateLimitHit.objects.hit(
                scope="consult",
                client=client_key(request.META.get("REMOTE_ADDR", "")),
                limit=settings.DANVAN_PORTAL_COMMENTS_PER_HOUR,
                window=timedelta(hours=1),
            )
        if not allowed:
            again = CommentForm(initial=form.kept(), parts=parts)
            return _render(request, c, parts, again, status=429, limited=True)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.comments_submit(
                    consultation=c,
                    texts=d["texts"],
                    author_name=d["name"],
                    village=d["village"],
                    show_name=d["show_name"],
                    nonce=form.nonce,
                    today=today,
                )
            except DomainError as e:
                form.add_error(None, e.message)
            else:
                # comments_submit has committed: only now does the citizen get the thanks.
                return redirect("portal:consultation_thanks", pk=c.pk)
    except STORAGE_ERRORS as e:
        # The same form sent twice at once: the other request filed it.
        if isinstance(e, IntegrityError) and (done := _thanks_of(form.nonce or "")):
            return done
        not_stored(form, e)  # rolled back: nothing filed, the form comes back as typed
        status = 503
    form.refresh_token()
    response = _render(request, c, parts, form, status=status)
    return unavailable(response) if status == 503 else response


@login_not_required
@require_http_methods(["GET", "HEAD"])
def consultation_thanks(request: HttpRequest, pk: int) -> HttpResponse:
    c = _public(pk)
    return render(request, "portal/consultations_thanks.html", {"consultation": c})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def consultation_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    items = list(
        Consultation.objects.public()
        .select_related("commune")
        .only("title", "status", "opens_on", "closes_on", "published_on", "commune__name")
        .order_by("-opens_on", "-pk")[:200]
    )
    groups = {
        "open": [c for c in items if c.accepts_comments(today)],
        "upcoming": [
            c for c in items if c.status == Status.OPEN and c.opens_on and today < c.opens_on
        ],
        "waiting": [
            c
            for c in items
            if c.status == Status.CLOSED
            or (c.status == Status.OPEN and c.closes_on and c.closes_on < today)
        ],
        "published": [c for c in items if c.status == Status.PUBLISHED],
    }
    for c in groups["open"]:
        c.left = c.days_left(today)  # type: ignore[attr-defined]
    return render(request, "portal/consultations_list.html", {"groups": groups, "today": today})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def consultation_file(request: HttpRequest, pk: int, aid: int) -> FileResponse:
    """The full draft, for anyone: it is public from the day it is put out for comments."""
    c = _public(pk)
    owner = ContentType.objects.get_for_model(Consultation)
    return attachment_response(
        get_object_or_404(Attachment, pk=aid, owner_type=owner, owner_id=c.pk)
    )


def home_section(commune: Unit | None) -> HomeSection | None:
    """Open consultations with the days left, then the syntheses published lately."""
    today = timezone.localdate()
    ours = in_commune(Consultation.objects.all(), commune)
    open_now = list(ours.accepting_on(today).select_related("commune").order_by("closes_on")[:5])
    for c in open_now:
        c.left = c.days_left(today)  # type: ignore[attr-defined]
    published = list(
        ours.filter(status=Status.PUBLISHED, published_on__gte=today - timedelta(days=180))
        .select_related("commune")
        .order_by("-published_on", "-pk")[:5]
    )
    return HomeSection(
        "portal/_home_consultations.html", {"open": open_now, "published": published}
    )


# Under /lay-y-kien/ (portal/urls.py).
urlpatterns = [
    path("", consultation_list, name="consultation_list"),
    path("<int:pk>/", consultation, name="consultation"),
    path("<int:pk>/da-gui/", consultation_thanks, name="consultation_thanks"),
    path("<int:pk>/tai-lieu/<int:aid>/", consultation_file, name="consultation_file"),
]
