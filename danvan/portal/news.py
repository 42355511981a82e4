"""The public pages of news (filled by the app's work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
