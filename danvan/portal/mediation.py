"""The public pages of mediation (filled by the app's work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
