"""Officers' pages of commendations, under /can-bo/khen-thuong/."""

from django.urls import URLPattern

app_name = "commendations"
urlpatterns: list[URLPattern] = []
