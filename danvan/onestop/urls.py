from django.urls import path

from danvan.onestop import views

app_name = "onestop"
urlpatterns = [
    path("", views.register, name="register"),
    path("nhap/", views.import_upload, name="import"),
    path("nhap/chon-cot/", views.import_columns, name="import_columns"),
    path("nhap/<int:pk>/", views.import_result, name="import_result"),
    path("ho-so/<int:pk>/", views.dossier, name="dossier"),
]
