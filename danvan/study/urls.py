"""Officers' pages of study, under /can-bo/hoc-tap/."""

from django.urls import URLPattern

app_name = "study"
urlpatterns: list[URLPattern] = []
