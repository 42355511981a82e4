"""The public pages of promises (filled by the app's work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
