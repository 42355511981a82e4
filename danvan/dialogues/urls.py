"""Officers' pages of dialogues, under /can-bo/doi-thoai/."""

from danvan.dialogues import views

app_name = "dialogues"
urlpatterns = [*views.urls]
