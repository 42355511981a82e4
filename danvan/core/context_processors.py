from django.http import HttpRequest

from danvan.core.models import Notification
from danvan.core.permissions import get_access


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = get_access(user)
    return {
        "access": access,
        "unread_count": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }
