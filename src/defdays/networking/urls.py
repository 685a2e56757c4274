from django.urls import path

from defdays.networking import views

app_name = "networking"

urlpatterns = [
    path("me/networking/<year:year>/", views.home, name="home"),
    path("me/networking/<year:year>/directory/", views.directory, name="directory"),
    path("me/networking/<year:year>/people/<uuid:uid>/", views.person, name="person"),
    path("me/networking/<year:year>/people/<uuid:uid>/request/", views.request_create, name="request_create"),
    path("me/networking/<year:year>/people/<uuid:uid>/block/", views.block, name="block"),
    path("me/networking/<year:year>/people/<uuid:uid>/report/", views.report, name="report"),
    path("me/networking/<year:year>/requests/<uuid:uid>/", views.request_page, name="request"),
    path("me/networking/<year:year>/blocked/<uuid:uid>/lift/", views.unblock, name="unblock"),
    path("orga/<year:year>/networking/", views.orga, name="orga"),
    path("orga/<year:year>/networking/reports/", views.safety_reports, name="safety_reports"),
]
