"""The public pages of questioning (filled by the app's work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
