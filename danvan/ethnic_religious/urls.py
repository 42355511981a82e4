"""Officers' pages of ethnic_religious, under /can-bo/dan-toc-ton-giao/."""

from django.urls import URLPattern

app_name = "ethnic_religious"
urlpatterns: list[URLPattern] = []
