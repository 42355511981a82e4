"""Officers' pages of mediation, under /can-bo/hoa-giai/."""

from django.urls import URLPattern

app_name = "mediation"
urlpatterns: list[URLPattern] = []
