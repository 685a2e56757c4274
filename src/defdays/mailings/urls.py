from django.urls import path

from defdays.mailings import views

app_name = "mailings"

urlpatterns = [
    path("orga/<year:year>/messages/", views.message_list, name="list"),
    path("orga/<year:year>/messages/new/", views.compose, name="compose"),
    path("orga/<year:year>/messages/<uuid:uid>/", views.progress, name="progress"),
    path("me/messages/", views.own_messages, name="mine"),
]
