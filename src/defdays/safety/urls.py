from django.urls import path

from defdays.safety import views

app_name = "safety"

urlpatterns = [
    path("<year:year>/code-of-conduct/", views.code_of_conduct, name="code_of_conduct"),
    path("<year:year>/safety/report/", views.report_form, name="report"),
    path("<year:year>/safety/report/status/", views.report_status, name="report_status"),
    path("me/reports/", views.own_reports, name="own_reports"),
    path("orga/<year:year>/code-of-conduct/", views.orga_code_of_conduct, name="orga_code_of_conduct"),
    path("orga/<year:year>/safety/reports/", views.report_list, name="report_list"),
    path("orga/<year:year>/safety/reports/<id:pk>/", views.report_detail, name="report_detail"),
]
