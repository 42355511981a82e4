from django.http import HttpRequest

from danvan.core.models import User


class AuthedRequest(HttpRequest):
    """A request behind LoginRequiredMiddleware: `user` is a real user (for the type checker)."""

    user: User
