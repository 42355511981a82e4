"""Who may see and do what in news and broadcasts (docs/permissions.md, "Tin bài, truyền thanh"):

- every member of the commune (a read-only member and a province viewer included) reads the
  articles, drafts too, the schedule and the broadcast log;
- the officers of the commune's offices (the Trung tâm Dịch vụ công ích is one: units carry no
  flag for it, and any office may write for its own work) and the leaders and administrators
  write articles, add photos, publish them (the centre publishes itself), keep the schedule and
  log broadcasts, a broadcast proving a disclosure of the commune included;
- an article is edited by its unit's officers or a leader while not withdrawn;
- only leaders and administrators withdraw a published article;
- another commune's record answers 404; the portal shows published articles to everyone.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, Unit, User
from danvan.news.models import Article, Broadcast, BroadcastSlot


def offices(user: User, commune_id: int) -> set[int]:
    """The offices of the commune the user is an officer of."""
    return get_access(user).units(Role.OFFICER, kinds=[Unit.Kind.OFFICE], commune_id=commune_id)


def writes(user: User, commune_id: int) -> bool:
    return get_access(user).can_manage(commune_id) or bool(offices(user, commune_id))


def withdraws(user: User, commune_id: int) -> bool:
    return get_access(user).can_manage(commune_id)


def edits(user: User, article: Article) -> bool:
    if article.status == Article.Status.WITHDRAWN:
        return False
    if get_access(user).can_manage(article.commune_id):
        return True
    mine = offices(user, article.commune_id)
    return article.unit_id in mine if article.unit_id else bool(mine)


def _check(request: HttpRequest, commune_id: int, write: bool) -> None:
    user: User = request.user  # type: ignore[assignment]
    if not get_access(user).can_read(commune_id):
        raise Http404
    if write and not writes(user, commune_id):
        raise PermissionDenied


def get_article_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> Article:
    article = get_item(request, Article, pk, ("commune", "unit", "created_by", "published_by"))
    _check(request, article.commune_id, write)
    return article


def get_slot_for_user(request: HttpRequest, pk: int, *, write: bool = False) -> BroadcastSlot:
    slot = get_item(request, BroadcastSlot, pk)
    _check(request, slot.commune_id, write)
    return slot


def get_broadcast_for_user(request: HttpRequest, pk: int) -> Broadcast:
    broadcast = get_item(request, Broadcast, pk, ("article", "slot", "disclosure", "created_by"))
    _check(request, broadcast.commune_id, False)
    return broadcast
