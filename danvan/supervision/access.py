"""Who may see and do what in supervision. Rules (docs/permissions.md, "Giám sát"):

- every member of the commune and province viewers read boards, supervisions and
  recommendations (the boards work in the open; their findings are for the people);
- a board's recorders write its supervisions and recommendations: members of the board with an
  account (BoardMember.user, within their term) and Front officials of the organising unit;
- the Front of the commune (and administrators) keep the boards and their members;
- leaders and administrators assign the owner unit and due date, record and publish answers;
- the owner unit reports progress on the task through plans, as for any task;
- another commune's record answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from danvan.core.access import get_access
from danvan.core.models import Unit, User
from danvan.supervision.models import Activity, Board, BoardMember, Recommendation


def commune_for(request: HttpRequest, commune_id: int | None = None) -> Unit:
    """The commune a page is about: the one asked for (404 if not readable), or the user's first."""
    access = get_access(request.user)
    ids = sorted(access.readable_communes)
    if not ids:
        raise PermissionDenied
    cid = commune_id if commune_id is not None else ids[0]
    if not access.can_read(cid):
        raise Http404
    return get_object_or_404(Unit, pk=cid, kind=Unit.Kind.COMMUNE)


def keeps_boards(user: User, commune_id: int) -> bool:
    """The Front of the commune organises the boards (and the administrator may fix them)."""
    access = get_access(user)
    if access.is_superuser:
        return True
    fronts = Unit.objects.filter(
        commune_id=commune_id, kind=Unit.Kind.FRONT, pk__in=access.writable_units
    )
    return fronts.exists()


def can_record(user: User, board: Board) -> bool:
    """A member of the board with an account, or a Front official of its organising unit."""
    if get_access(user).can_write_for(board.organiser_id):
        return True
    today = timezone.localdate()
    return any(m.active_on(today) for m in BoardMember.objects.filter(board=board, user_id=user.pk))


def recording_boards(user: User, commune_id: int) -> list[Board]:
    boards = Board.objects.filter(commune_id=commune_id).select_related("organiser")
    return [b for b in boards if can_record(user, b)]


def can_manage(user: User, commune_id: int) -> bool:
    return get_access(user).can_manage(commune_id)


def get_board_for_user(request: HttpRequest, pk: int, *, keep: bool = False) -> Board:
    board = get_object_or_404(Board.objects.select_related("commune", "organiser"), pk=pk)
    if not get_access(request.user).can_read(board.commune_id):
        raise Http404
    if keep and not keeps_boards(request.user, board.commune_id):  # type: ignore[arg-type]
        raise PermissionDenied
    return board


def get_activity_for_user(request: HttpRequest, pk: int, *, record: bool = False) -> Activity:
    activity = get_object_or_404(
        Activity.objects.select_related("board", "board__organiser", "subject_kind", "village"),
        pk=pk,
    )
    if not get_access(request.user).can_read(activity.commune_id):
        raise Http404
    if record and not can_record(request.user, activity.board):  # type: ignore[arg-type]
        raise PermissionDenied
    return activity


def get_recommendation_for_user(
    request: HttpRequest, pk: int, *, manage: bool = False
) -> Recommendation:
    rec = get_object_or_404(
        Recommendation.objects.select_related(
            "activity", "activity__board", "owner_unit", "task", "commune"
        ),
        pk=pk,
    )
    if not get_access(request.user).can_read(rec.commune_id):
        raise Http404
    if manage and not can_manage(request.user, rec.commune_id):  # type: ignore[arg-type]
        raise PermissionDenied
    return rec
