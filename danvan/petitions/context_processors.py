from django.http import HttpRequest

from danvan.core.access import get_access
from danvan.petitions.access import can_work_on_petitions


def petitions(request: HttpRequest) -> dict:
    """Whether to show the petitions menu: only to those who handle petitions."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "works_on_petitions": can_work_on_petitions(user),
        "keeps_register": bool(get_access(user).reception_communes),
    }
