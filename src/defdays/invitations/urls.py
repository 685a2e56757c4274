from django.urls import path

from defdays.invitations import views

app_name = "invitations"

urlpatterns = [
    path("orga/<year:year>/invitations/", views.invitation_list, name="list"),
    path("orga/<year:year>/invitations/new/", views.invite, name="invite"),
    path("orga/<year:year>/invitations/resend/", views.bulk_resend, name="bulk_resend"),
    path("orga/<year:year>/invitations/<id:pk>/revoke/", views.revoke, name="revoke"),
    path("orga/<year:year>/invitations/<id:pk>/resend/", views.resend, name="resend"),
    path("orga/<year:year>/invitations/import/", views.import_upload, name="import"),
    path("orga/<year:year>/invitations/import/<uuid:job>/", views.import_job, name="import_job"),
    path("orga/<year:year>/invitations/import/<uuid:job>/confirm/", views.import_confirm, name="import_confirm"),
    path("orga/<year:year>/invitations/import/<uuid:job>/cancel/", views.import_cancel, name="import_cancel"),
    path("invitation/<str:token>/", views.redeem, name="redeem"),
]
