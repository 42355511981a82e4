"""Protecting the denouncer, and the documents of a case (see petitions/urls.py).

A denouncer's name, address, handwriting and other personal information must not be revealed
(Luật Tố cáo 2018, Điều 8 khoản 3); the denouncer has the right to that secrecy (Điều 9 khoản 1
điểm b) and is protected (Điều 47). So:

- only a user the case's head has granted the right (IdentityGrant: the handler, automatically,
  and whoever a leader of the commune names) may reveal the identity, each time with a reason
  that is logged; the page is never cached;
- only a leader (role "leader" of the commune) grants the right and reads the log, and never
  to himself; a system administrator does not, so the people who run the system are not the
  ones who see;
- notices to the citizen name a denouncer only for a grant holder, through a logged reveal;
  documents for anybody else, and the verifier's file, never do (Điều 56 khoản 2);
- whatever reveals or writes (a reveal, a grant, every document of a case, whose making is
  logged) is a POST behind the CSRF token; a GET of a document answers 405.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.access import members
from danvan.core.audit import log_action
from danvan.core.errors import DomainError
from danvan.core.fields import Text
from danvan.core.http import AuthedRequest, download
from danvan.core.models import Role, User
from danvan.core.steps import run_step
from danvan.lib import officialdoc as od
from danvan.petitions import services
from danvan.petitions.access import (
    can_grant_identity,
    can_read_identity,
    get_petition_for_user,
    petitions_for,
)
from danvan.petitions.dossier import dossier_docx, petition_attachments
from danvan.petitions.models import IdentityReveal, IdentityVault, Petition, PetitionKind
from danvan.petitions.notices import KINDS, kinds_for, notice_document, unavailable

IDENTITY_LABELS = {
    "name": "Họ và tên",
    "address": "Địa chỉ",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "id_number": "Số CCCD",
}
# A notice's free text (ly_do, den: posted) under the one text policy; too long is cut, not refused.
_PARAM = Text(required=False)


class RevealForm(forms.Form):
    reason = Text(
        label="Lý do cần xem danh tính",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
        help_text="Lý do được ghi vào nhật ký cùng tên của bạn và thời điểm xem.",
        error_messages={
            "required": "Phải nêu lý do xem danh tính người tố cáo.",
            "max_length": "Lý do tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
        },
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return f"{user.get_full_name()} ({user.position})" if user.position else str(user)


class GrantForm(forms.Form):
    user = UserChoiceField(
        queryset=User.objects.none(),
        label="Người được giao quyền xem",
        empty_label="— Chọn người —",
        help_text="Chỉ người của xã đang được xem đơn này (ví dụ: trưởng đoàn xác minh); không "
        "ai tự giao quyền cho chính mình.",
        error_messages={
            "required": "Hãy chọn người được giao quyền.",
            "invalid_choice": "Không giao được quyền cho người này: chỉ giao cho người khác của "
            "xã đang được xem đơn và chưa có quyền (không ai tự giao quyền cho chính mình).",
        },
    )

    def __init__(self, *args: Any, petition: Petition, by: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        # Nobody grants himself (issue #11); services.identity_grant refuses it too.
        field.queryset = grantable_users(petition).exclude(pk=by.pk)


# --- who ------------------------------------------------------------------------------------


def grantable_users(petition: Petition) -> QuerySet[User]:
    """Members of the commune who see this petition and do not hold the right yet.

    A grant to someone who cannot open the case would be useless, so the leader first assigns
    the case (petition_assign) to the unit of the person to be named.
    """
    people = members(*Role.values, commune_id=petition.commune_id).exclude(
        pk__in=petition.identity_grants.values("user_id")
    )
    allowed = [u.pk for u in people if petitions_for(u).filter(pk=petition.pk).exists()]
    return User.objects.filter(pk__in=allowed).order_by("full_name", "username")


def _denunciation(request: AuthedRequest, pk: int) -> Petition:
    petition = get_petition_for_user(request, pk)
    if petition.kind != PetitionKind.DENUNCIATION:
        raise Http404
    return petition


def _private(response: HttpResponse) -> HttpResponse:
    """Never kept by a browser or proxy cache: the page or file may carry protected data."""
    patch_cache_control(response, no_store=True, private=True)
    return response


def _reveal_log(petition: Petition) -> QuerySet[IdentityReveal]:
    return petition.identity_reveals.select_related("user")


# --- the identity ---------------------------------------------------------------------------


REVEALED = "Đã ghi nhận lý do xem; danh tính người tố cáo hiện ở dưới."


@require_http_methods(["GET", "POST"])
def identity_reveal(request: AuthedRequest, pk: int) -> HttpResponse:
    """GET: the form; POST with a reason: the identity, once, and the reveal is logged."""
    petition = _denunciation(request, pk)
    if not can_read_identity(request.user, petition):
        raise PermissionDenied
    form = RevealForm(request.POST if request.method == "POST" else None)

    def page(shown: list[tuple[str, str]] | None = None) -> HttpResponse:
        leader = can_grant_identity(request.user, petition)
        context = {
            "petition": petition,
            "form": form,
            "shown": shown,
            "is_leader": leader,
            "log": _reveal_log(petition) if leader else None,
            "stored": IdentityVault.objects.filter(petition=petition).exists(),
        }
        return _private(render(request, "petitions/identity_reveal.html", context))

    def reveal(data: dict[str, Any]) -> dict[str, str]:
        return services.identity_reveal(petition=petition, by=request.user, reason=data["reason"])

    def show(identity: dict[str, str]) -> HttpResponse:
        shown = [(label, identity.get(k, "")) for k, label in IDENTITY_LABELS.items()]
        return page([(label, value) for label, value in shown if value])

    # A refused or unsaved reveal shows the form again with the reason typed (core.steps).
    return _private(run_step(request, form, reveal, done=REVEALED, then=show, again=lambda: page()))


def _for_leader(request: AuthedRequest, pk: int) -> Petition:
    """A denunciation whose identity rights the user grants (403 for anybody else)."""
    petition = _denunciation(request, pk)
    if not can_grant_identity(request.user, petition):
        raise PermissionDenied
    return petition


@require_GET
def identity_access(request: AuthedRequest, pk: int) -> HttpResponse:
    """The leaders' page: who holds the right on this case, who looked, when and why."""
    petition = _for_leader(request, pk)
    return _access_page(request, petition, GrantForm(petition=petition, by=request.user))


def _access_page(request: AuthedRequest, petition: Petition, form: GrantForm) -> HttpResponse:
    context = {
        "petition": petition,
        "form": form,
        "grants": petition.identity_grants.select_related("user", "granted_by").order_by(
            "granted_at"
        ),
        "log": _reveal_log(petition),
        "can_reveal": can_read_identity(request.user, petition),
    }
    return _private(render(request, "petitions/identity_access.html", context))


@require_POST
def identity_grant(request: AuthedRequest, pk: int) -> HttpResponse:
    petition = _for_leader(request, pk)
    form = GrantForm(request.POST, petition=petition, by=request.user)
    return run_step(
        request,
        form,
        lambda d: services.identity_grant(petition=petition, user=d["user"], by=request.user),
        done=lambda grant: f"Đã giao quyền xem danh tính người tố cáo cho {grant.user}.",
        then=lambda _: redirect("petitions:identity_access", pk=petition.pk),
        again=lambda: _access_page(request, petition, form),
    )


# --- documents ------------------------------------------------------------------------------


@require_GET
def notice_list(request: AuthedRequest, pk: int) -> HttpResponse:
    """The notices of a case, with what each needs (a reason, a body) asked before download."""
    petition = get_petition_for_user(request, pk)
    protected = petition.kind == PetitionKind.DENUNCIATION
    rows = [(k, unavailable(petition, k)) for k in kinds_for(petition)]
    context = {
        "petition": petition,
        "rows": rows,
        "protected": protected,
        "named": protected
        and can_read_identity(request.user, petition)
        and IdentityVault.objects.filter(petition=petition).exists(),
    }
    return _private(render(request, "petitions/notice_list.html", context))


@require_POST
def notice(request: AuthedRequest, pk: int, kind: str) -> HttpResponse:
    """A notice as .docx. Only by POST (with its CSRF token): making it is logged, and one
    addressed to the denouncer by a grant holder names him, a logged reveal (issue #11).
    A GET answers 405: a link, a prefetch or another site's page cannot make a document."""
    petition = get_petition_for_user(request, pk)
    notice_kind = KINDS.get(kind)
    if notice_kind is None:
        raise Http404
    problem = unavailable(petition, notice_kind)
    if problem:
        return _unavailable(request, petition, problem)

    def write() -> tuple[bytes, dict[str, Any]]:
        identity = (
            _identity_for_notice(request.user, petition, notice_kind.label)
            if notice_kind.to_denouncer
            else None
        )
        document = notice_document(
            petition,
            notice_kind,
            by=request.user,
            today=timezone.localdate(),
            identity=identity,
            reason=_PARAM.clean(request.POST.get("ly_do", "")).strip()[:1000],
            to=_PARAM.clean(request.POST.get("den", "")).strip()[:300],
        )
        changes = {"kind": notice_kind.slug, "named": identity is not None}
        return od.render_docx(document), changes

    filename = f"{notice_kind.slug}-{petition.number}-{petition.year}.docx"
    return _document(request, petition, write, "petitions.notice_generated", filename)


def _identity_for_notice(user: User, petition: Petition, label: str) -> dict[str, str] | None:
    """The denouncer's identity for a notice addressed to them, if this user may see it.

    It goes through services.identity_reveal, so putting the name on paper is logged as a
    reveal with its purpose, like any other (Điều 8 khoản 3).
    """
    if petition.kind != PetitionKind.DENUNCIATION:
        return None
    if not can_read_identity(user, petition):
        return None
    if not IdentityVault.objects.filter(petition=petition).exists():
        return None
    return services.identity_reveal(
        petition=petition,
        by=user,
        reason=f"Lập {label.lower()} gửi người tố cáo (hồ sơ {petition.code}).",
    )


@require_POST
def verification_dossier(request: AuthedRequest, pk: int) -> HttpResponse:
    """The file handed to verifiers, never naming the denouncer (Điều 56 khoản 2); by POST
    only, as every document of a case: its making is logged."""
    petition = get_petition_for_user(request, pk)

    def write() -> tuple[bytes, dict[str, Any]]:
        content = dossier_docx(petition, by=request.user, today=timezone.localdate())
        return content, {"attachments": len(petition_attachments(petition))}

    filename = f"ho-so-xac-minh-{petition.number}-{petition.year}.docx"
    return _document(request, petition, write, "petitions.dossier_generated", filename)


def _document(
    request: AuthedRequest,
    petition: Petition,
    write: Callable[[], tuple[bytes, dict[str, Any]]],
    action: str,
    filename: str,
) -> HttpResponse:
    """A document of the case as a download, its making logged (with what `write` says of it);
    a page saying why when it cannot be made (status 409)."""
    try:
        content, changes = write()
    except DomainError as e:
        return _unavailable(request, petition, e.message)
    log_action(petition, action, by=request.user, changes=changes)
    return _private(download(content, od.DOCX_MIME, filename))


def _unavailable(request: AuthedRequest, petition: Petition, message: str) -> HttpResponse:
    return _private(
        render(
            request,
            "petitions/notice_unavailable.html",
            {"petition": petition, "message": message},
            status=409,
        )
    )


urls = [
    path("<int:pk>/danh-tinh/", identity_reveal, name="identity_reveal"),
    path("<int:pk>/danh-tinh/quyen-xem/", identity_access, name="identity_access"),
    path("<int:pk>/danh-tinh/cap-quyen/", identity_grant, name="identity_grant"),
    path("<int:pk>/thong-bao/", notice_list, name="notices"),
    path("<int:pk>/thong-bao/<slug:kind>.docx", notice, name="notice"),
    path("<int:pk>/ho-so-xac-minh.docx", verification_dossier, name="verification_dossier"),
]
