"""Officers' pages of voters, under /can-bo/cu-tri/."""

from danvan.voters import views

app_name = "voters"
urlpatterns = [*views.urls]
