"""Officers' pages of news, under /can-bo/tin-bai/."""

from django.urls import URLPattern

app_name = "news"
urlpatterns: list[URLPattern] = []
