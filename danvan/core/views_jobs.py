"""A person's background jobs (core/jobs.py): the list, one job's progress page, and its status
as JSON for the page's script. A job is shown only to whom may read it (`Job.readable_by`):
any other asks for a job that, to him, does not exist (404)."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from danvan.core import jobs
from danvan.core.http import AuthedRequest
from danvan.core.models import Job


def _job(request: AuthedRequest, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("owner", "commune"), pk=pk)
    if not job.readable_by(request.user):
        raise Http404
    return jobs.refresh(job)


@require_GET
def job_list(request: AuthedRequest) -> HttpResponse:
    items = Job.objects.filter(owner=request.user).select_related("commune")[:50]
    return render(request, "core/job_list.html", {"items": items})


@require_GET
def job_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    return render(request, "core/job.html", {"job": job, "state": jobs.status_of(job)})


@require_GET
def job_status(request: AuthedRequest, pk: int) -> JsonResponse:
    response = JsonResponse(jobs.status_of(_job(request, pk)))
    response["Cache-Control"] = "no-store"
    return response
