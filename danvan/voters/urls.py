"""Officers' pages of voters, under /can-bo/cu-tri/."""

from django.urls import URLPattern

app_name = "voters"
urlpatterns: list[URLPattern] = []
