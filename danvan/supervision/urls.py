"""Pages of the people's inspection board and the community investment supervision board
(Luật THDCCS 2022, Chương II Mục 4), under /can-bo/giam-sat/."""

from danvan.supervision import views

app_name = "supervision"
urlpatterns = [*views.urls]
