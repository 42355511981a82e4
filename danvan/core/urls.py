from django.urls import path

from danvan.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/cai-dat/", views.notification_settings, name="notification_settings"),
    path("thong-bao/da-doc/", views.notifications_read, name="notifications_read"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("phap-luat/", views.law, name="law"),
    path("nhat-ky/", views.audit_export, name="audit_export"),
]
