"""The public pages of dialogues (filled by the app's work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
