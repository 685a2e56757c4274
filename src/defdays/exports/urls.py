from django.urls import path

from defdays.exports import views

app_name = "exports"

urlpatterns = [
    path("orga/<year:year>/exports/", views.index, name="index"),
    path("orga/<year:year>/exports/<uuid:uid>/", views.detail, name="detail"),
    path("orga/<year:year>/exports/<uuid:uid>/download/", views.download, name="download"),
]
