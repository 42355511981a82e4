"""Who may see and do what in supervision. Rules (docs/permissions.md, "Giám sát"):

- every member of the commune and province viewers read boards, supervisions and
  recommendations (the boards work in the open; their findings are for the people);
- a board's recorders write its supervisions and recommendations: members of the board with an
  account (BoardMember.user, within their term) and Front officials of the organising unit;
- the Front of the commune (and administrators) keep the boards and their members;
- leaders and administrators assign the owner unit and due date, record and publish answers;
- the owner unit reports progress on the task through plans, as for any task;
- another commune's record answers 404.

The commune a page is about comes from core.access.commune_for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.utils import timezone

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.supervision.models import Activity, Board, BoardMember, Recommendation


def keeps_boards(user: User, commune_id: int) -> bool:
    """The Front of the commune organises the boards (and the commune's administrator may fix
    them)."""
    access = get_access(user)
    return access.holds(Role.ADMIN, commune_id=commune_id) or bool(
        access.units(Role.FRONT, kinds=[Unit.Kind.FRONT], commune_id=commune_id)
    )


def can_record(user: User, board: Board) -> bool:
    """A member of the board with an account, or a Front official of its organising unit."""
    if get_access(user).can_write_for(board.organiser_id):
        return True
    today = timezone.localdate()
    return any(m.active_on(today) for m in BoardMember.objects.filter(board=board, user_id=user.pk))


def recording_boards(user: User, commune_id: int) -> list[Board]:
    boards = Board.objects.filter(commune_id=commune_id).select_related("organiser")
    return [b for b in boards if can_record(user, b)]


def records_any_board(user: User, commune_id: int) -> bool:
    """`bool(recording_boards(user, commune_id))` in two queries, not one per board: a Front
    official of a board's organiser, or an active member of a board, of the commune."""
    access = get_access(user)
    organisers = Board.objects.filter(commune_id=commune_id).values_list("organiser_id", flat=True)
    if any(access.can_write_for(o) for o in organisers):
        return True
    today = timezone.localdate()
    members = BoardMember.objects.filter(board__commune_id=commune_id, user_id=user.pk)
    return any(m.active_on(today) for m in members)


def can_manage(user: User, commune_id: int) -> bool:
    return get_access(user).can_manage(commune_id)


R = TypeVar("R", bound=Model)


def _readable(
    request: HttpRequest,
    model: type[R],
    pk: int,
    related: tuple[str, ...],
    may: Callable[[User, R], bool] | None = None,
) -> R:
    """The record if the user reads its commune (404 otherwise) and `may` allows it (403)."""
    record = get_item(request, model, pk, related)
    if not get_access(request.user).can_read(record.commune_id):  # type: ignore[attr-defined]
        raise Http404
    if may is not None and not may(request.user, record):  # type: ignore[arg-type]
        raise PermissionDenied
    return record


def get_board_for_user(request: HttpRequest, pk: int, *, keep: bool = False) -> Board:
    return _readable(request, Board, pk, ("commune", "organiser"), _keeps if keep else None)


def get_activity_for_user(request: HttpRequest, pk: int, *, record: bool = False) -> Activity:
    related = ("board", "board__organiser", "subject_kind", "village")
    return _readable(request, Activity, pk, related, _records if record else None)


def get_recommendation_for_user(
    request: HttpRequest, pk: int, *, manage: bool = False
) -> Recommendation:
    related = ("activity", "activity__board", "owner_unit", "task", "commune")
    return _readable(request, Recommendation, pk, related, _manages if manage else None)


def _keeps(user: User, board: Board) -> bool:
    return keeps_boards(user, board.commune_id)  # type: ignore[arg-type]


def _records(user: User, activity: Activity) -> bool:
    return can_record(user, activity.board)


def _manages(user: User, rec: Recommendation) -> bool:
    return can_manage(user, rec.commune_id)  # type: ignore[arg-type]
