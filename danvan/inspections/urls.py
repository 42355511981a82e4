"""Officers' pages of inspections, under /can-bo/kiem-tra/."""

from django.urls import URLPattern

app_name = "inspections"
urlpatterns: list[URLPattern] = []
