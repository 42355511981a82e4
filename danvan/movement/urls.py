"""Officers' pages of movement, under /can-bo/dan-van-kheo/."""

from django.urls import URLPattern

app_name = "movement"
urlpatterns: list[URLPattern] = []
