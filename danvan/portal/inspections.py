"""The public pages of inspections (filled by the app's work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
