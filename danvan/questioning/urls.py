"""Officers' pages of questioning, under /can-bo/chat-van/."""

from django.urls import URLPattern

app_name = "questioning"
urlpatterns: list[URLPattern] = []
