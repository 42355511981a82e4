"""Officers' pages of scorecard, under /can-bo/tu-danh-gia/."""

from django.urls import URLPattern

app_name = "scorecard"
urlpatterns: list[URLPattern] = []
