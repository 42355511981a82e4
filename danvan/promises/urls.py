"""Officers' pages of promises, under /can-bo/cam-ket/."""

from danvan.promises import views

app_name = "promises"
urlpatterns = [*views.urls]
