from django.urls import path

from defdays.visas import views

app_name = "visas"

urlpatterns = [
    path("me/visa-letter/<year:year>/", views.mine, name="mine"),
    path("me/visa-letter/download/<str:token>/", views.download, name="download"),
    path("verify/<str:token>/", views.verify, name="verify"),
    path("orga/<year:year>/visa-letters/", views.team_list, name="team_list"),
    path("orga/<year:year>/visa-letters/<uuid:uid>/", views.team_detail, name="team_detail"),
]
