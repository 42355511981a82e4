"""Two pages and their URLs: 25 newest petitions of a commune, 25 tasks of a commune.

Each runs one query on an index the project has: petitions by (commune, -received_on, -id), the
officer list's order; tasks by (commune, next_due), nearest deadline first, as the task list
orders its open work. Rendered by one Django template, no form, no context processor.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from floor.models import Petition, Task

ROWS = 25


def ready(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def petitions(request: HttpRequest, commune: int) -> HttpResponse:
    rows = list(Petition.objects.filter(commune_id=commune).order_by("-received_on", "-id")[:ROWS])
    return render(request, "floor/petitions.html", {"rows": rows, "commune": commune})


def tasks(request: HttpRequest, commune: int) -> HttpResponse:
    rows = list(Task.objects.filter(commune_id=commune).order_by("next_due", "id")[:ROWS])
    return render(request, "floor/tasks.html", {"rows": rows, "commune": commune})


urlpatterns = [
    path("", ready),
    path("don-thu/<int:commune>/", petitions),
    path("nhiem-vu/<int:commune>/", tasks),
]
