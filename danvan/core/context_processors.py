from typing import Any

from django.http import HttpRequest

from danvan.core.access import get_access
from danvan.core.models import Notification

# Which menu entry a page belongs to, by namespace, then by URL name within plans.
PLAN_SECTIONS = {"dashboard": "dashboard", "tasks": "tasks", "task": "tasks"}
PLAN_LEGAL = {"legal_documents", "legal_document"}
RECEPTION = {"sessions", "session_create", "session", "visit_create", "visit", "register"}


# Promises and the places where they are made: one menu entry, tabs on each landing page.
PROMISE_APPS = {"promises", "dialogues", "voters", "questioning", "inspections", "mediation"}
# The "Dân vận khéo" movement with the commendations and the self-assessment; the units' work of
# outreach (news and broadcasts, public opinion, ethnic and religious work, study sessions).
MOVEMENT_APPS = {"movement", "commendations", "scorecard"}
OUTREACH_APPS = {"news", "opinion", "ethnic_religious", "study"}


def nav_section(view_name: str) -> str:
    app, _, name = view_name.partition(":")
    if app == "plans":
        return PLAN_SECTIONS.get(name) or ("legal" if name in PLAN_LEGAL else "plans")
    if app == "onestop":
        return "one_stop"
    if app in PROMISE_APPS:
        return "promises"
    if app in MOVEMENT_APPS:
        return "movement"
    if app in OUTREACH_APPS:
        return "outreach"
    if app == "petitions":
        if name == "province":
            return "province"
        return "reception" if name in RECEPTION else "petitions"
    return ""


def unread_count(user: Any) -> int:
    """Read with the user at the request's start (core.auth.Backend), else counted now (a user
    signed in during this request, or by another backend)."""
    found = getattr(user, "unread_count", None)
    if found is None:
        found = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return int(found)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    access = get_access(user)
    match = request.resolver_match
    return {
        "access": access,
        "nav_section": nav_section(match.view_name if match else ""),
        "unread_count": unread_count(user),
    }
