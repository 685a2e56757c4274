from django.urls import path

from defdays.opensession import views

app_name = "opensession"

urlpatterns = [
    path("<year:year>/open-session/", views.public, name="public"),
    path("<year:year>/open-session/thanks/", views.thanks, name="thanks"),
    path("<year:year>/open-session/booking/<str:token>/", views.manage, name="manage"),
    path("orga/<year:year>/open-session/", views.orga, name="orga"),
    path("orga/<year:year>/open-session/<id:pk>/bookings.csv", views.export_csv, name="export"),
    path("orga/<year:year>/open-session/new/", views.orga_details, name="orga_new"),
    path("orga/<year:year>/open-session/<id:pk>/details/", views.orga_details, name="orga_details"),
]
