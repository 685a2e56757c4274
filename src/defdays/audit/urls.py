from django.urls import path

from defdays.audit import views

app_name = "audit"

urlpatterns = [
    path("orga/<year:year>/audit/", views.audit_log, name="audit_log"),
]
