"""views_identity pages (see petitions/urls.py)."""

from django.urls import URLPattern

urls: list[URLPattern] = []
