"""Officers' pages of promises, under /can-bo/cam-ket/."""

from django.urls import URLPattern

app_name = "promises"
urlpatterns: list[URLPattern] = []
