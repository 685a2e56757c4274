from django.urls import path

from defdays.contact import views

app_name = "contact"

urlpatterns = [
    path("<year:year>/contact/", views.page, name="page"),
    path("<year:year>/contact/sent/", views.sent, name="sent"),
    path("orga/<year:year>/contact/", views.inbox, name="inbox"),
    path("orga/<year:year>/contact/settings/", views.settings_page, name="settings"),
    path("orga/<year:year>/contact/<id:pk>/", views.message, name="message"),
]
