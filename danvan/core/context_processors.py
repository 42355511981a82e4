from django.http import HttpRequest

from danvan.core.models import Notification
from danvan.core.permissions import get_access

# Which menu entry a page belongs to, by URL name.
NAV_SECTIONS = {
    "dashboard": "dashboard",
    "tasks": "tasks",
    "task": "tasks",
    "plans": "plans",
    "plan": "plans",
    "plan_create": "plans",
    "plan_edit": "plans",
    "plan_review": "plans",
    "plan_import": "plans",
    "task_create": "plans",
    "task_edit": "plans",
    "section_create": "plans",
    "section_edit": "plans",
    "reference_create": "plans",
    "reference_edit": "plans",
    "legal_documents": "legal",
    "legal_document": "legal",
}


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = get_access(user)
    name = request.resolver_match.url_name if request.resolver_match else ""
    return {
        "access": access,
        "nav_section": NAV_SECTIONS.get(name or "", ""),
        "unread_count": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }
