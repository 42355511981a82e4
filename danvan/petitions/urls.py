"""Officers' pages for citizen reception and petitions, under /can-bo/don-thu/."""

from django.urls import path  # noqa: F401  (the pages are added by the modules below)

app_name = "petitions"
urlpatterns: list = []
