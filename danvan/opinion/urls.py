"""Officers' pages of opinion, under /can-bo/du-luan/."""

from django.urls import URLPattern

app_name = "opinion"
urlpatterns: list[URLPattern] = []
