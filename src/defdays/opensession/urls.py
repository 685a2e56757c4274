from django.urls import path

from defdays.opensession import views

app_name = "opensession"

urlpatterns = [
    path("<year:year>/open-session/", views.public, name="public"),
    path("<year:year>/open-session/thanks/", views.thanks, name="thanks"),
    path("<year:year>/open-session/booking/<str:token>/", views.manage, name="manage"),
    path("orga/<year:year>/open-session/", views.orga, name="orga"),
    path("orga/<year:year>/open-session/<id:pk>/bookings.csv", views.export_csv, name="export"),
]
