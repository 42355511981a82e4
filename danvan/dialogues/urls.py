"""Officers' pages of dialogues, under /can-bo/doi-thoai/."""

from django.urls import URLPattern

app_name = "dialogues"
urlpatterns: list[URLPattern] = []
