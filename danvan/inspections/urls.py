"""Officers' pages of inspections, under /can-bo/kiem-tra/."""

from danvan.inspections import views

app_name = "inspections"
urlpatterns = [*views.urls]
