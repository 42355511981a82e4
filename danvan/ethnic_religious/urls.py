"""Officers' pages of ethnic_religious, under /can-bo/dan-toc-ton-giao/."""

from danvan.ethnic_religious import views

app_name = "ethnic_religious"
urlpatterns = [*views.urls]
