"""Officers' pages of study and outreach sessions, under /can-bo/hoc-tap/."""

from danvan.study import views

app_name = "study"
urlpatterns = [*views.urls]
