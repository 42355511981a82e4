"""The public pages of voters (filled by the app's work)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
