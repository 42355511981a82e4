from django.urls import path

from danvan.core import views, views_jobs

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/cai-dat/", views.notification_settings, name="notification_settings"),
    path("thong-bao/da-doc/", views.notifications_read, name="notifications_read"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("phap-luat/", views.law, name="law"),
    path("nhat-ky/", views.audit_export, name="audit_export"),
    path("viec-nen/", views_jobs.job_list, name="jobs"),
    path("viec-nen/<int:pk>/", views_jobs.job_detail, name="job"),
    path("viec-nen/<int:pk>/trang-thai.json", views_jobs.job_status, name="job_status"),
]
