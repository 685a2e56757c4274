from django.urls import path

from defdays.people import views

app_name = "people"

urlpatterns = [
    path("me/data/", views.data_view, name="data"),
    path("me/data.json", views.data_json_view, name="data_json"),
    path("me/data/edit/", views.edit_view, name="edit"),
    path("me/data/email/", views.email_view, name="email"),
    path("me/data/email/confirm/<str:token>/", views.email_confirm_view, name="email_confirm"),
    path("me/hide/", views.hide_view, name="hide"),
    path("me/erase/", views.erase_view, name="erase"),
    path("me/keep-account/", views.keep_account_view, name="keep_account"),
    path("account/erased/", views.erased_view, name="erased"),
    path("orga/<year:year>/safety/hidden/", views.safety_hidden_view, name="safety_hidden"),
]
