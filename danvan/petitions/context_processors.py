from django.http import HttpRequest

from danvan.petitions.access import can_work_on_petitions, reception_communes


def petitions(request: HttpRequest) -> dict:
    """Whether to show the petitions menu: only to those who handle petitions."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "works_on_petitions": can_work_on_petitions(user),
        "keeps_register": bool(reception_communes(user)),
    }
