"""The public pages of movement (filled by the app's work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
