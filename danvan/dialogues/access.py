"""Who may see and do what in dialogues. Rules (docs/permissions.md, "Đối thoại"):

- every member of the commune and province viewers read the commune's dialogues;
- leaders, administrators and the commune's officers (the office of the HĐND and UBND
  prepares the conference) create, edit, announce and record a dialogue;
- the Front officials of the co-organising Front unit record attendance and questions of the
  dialogues it co-organises (Luật THDCCS 2022, Điều 28 khoản 6, Điều 32);
- a leader (or the commune's administrator) makes commitments and publishes the results;
- the minutes (names of people who asked) go to those who record;
- another commune's record answers 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from danvan.core.access import get_access, get_item
from danvan.core.models import Role, User
from danvan.dialogues.models import Dialogue


def can_prepare(user: User, commune_id: int) -> bool:
    """A leader or administrator of the commune, or an officer of one of its offices."""
    access = get_access(user)
    return access.can_manage(commune_id) or access.holds(Role.OFFICER, commune_id=commune_id)


def can_record(user: User, dialogue: Dialogue) -> bool:
    """Who prepares, or a Front official of the co-organising Front unit."""
    if can_prepare(user, dialogue.commune_id):  # type: ignore[arg-type]
        return True
    access = get_access(user)
    return dialogue.co_organiser_id is not None and access.holds(
        Role.FRONT, unit_id=dialogue.co_organiser_id
    )


def can_publish(user: User, commune_id: int) -> bool:
    """A leader (or the commune's administrator): commitments and results speak for the UBND."""
    return get_access(user).can_manage(commune_id)


def get_dialogue_for_user(request: HttpRequest, pk: int, *, need: str = "") -> Dialogue:
    """The dialogue if the user reads its commune (404 otherwise) and may do `need` (403):
    "prepare", "record" or "publish"."""
    dialogue = get_item(request, Dialogue, pk, ("commune", "co_organiser", "created_by"))
    user = request.user
    if not get_access(user).can_read(dialogue.commune_id):
        raise Http404
    allowed = {
        "": lambda: True,
        "prepare": lambda: can_prepare(user, dialogue.commune_id),  # type: ignore[arg-type]
        "record": lambda: can_record(user, dialogue),  # type: ignore[arg-type]
        "publish": lambda: can_publish(user, dialogue.commune_id),  # type: ignore[arg-type]
    }[need]
    if not allowed():
        raise PermissionDenied
    return dialogue
