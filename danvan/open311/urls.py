from django.urls import path, re_path

from danvan.open311 import views

app_name = "open311"
FMT = r"\.(?P<fmt>[A-Za-z0-9]{1,10})$"
urlpatterns = [
    path("", views.discovery, {"fmt": "json"}, name="index"),
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.services, name="services"),
    re_path(r"^services/(?P<code>[^/]{1,100}?)" + FMT, views.service_definition, name="service"),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(r"^requests/(?P<pk>[^/]{1,40}?)" + FMT, views.request_detail, name="request"),
    # Any other path, a line break included, answers the error list.
    re_path(r"^(?P<rest>(?s:.*))$", views.not_found, name="unknown"),
]
