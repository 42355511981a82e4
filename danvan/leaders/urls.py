from django.urls import URLPattern, path

from danvan.leaders import views_overview

app_name = "leaders"
urlpatterns: list[URLPattern] = [
    path("tong-quan/", views_overview.overview, name="overview"),
]
