from django.urls import path

from defdays.registration import views

app_name = "registration"

urlpatterns = [
    path("orga/<year:year>/participants/", views.participants, name="participants"),
    path("orga/<year:year>/participants.csv", views.export_csv, name="export"),
    path("orga/<year:year>/participants/approval/", views.approval_setting, name="approval_setting"),
    path("orga/<year:year>/participants/bulk/", views.bulk_decide, name="bulk_decide"),
    path("orga/<year:year>/participants/<uuid:uid>/", views.participant_detail, name="participant"),
    path("orga/<year:year>/participants/<uuid:uid>/decide/", views.decide, name="decide"),
    path("me/registration/<year:year>/", views.mine, name="mine"),
    path("me/registration/<year:year>/withdraw/", views.withdraw, name="withdraw"),
    path("me/registration/<year:year>/come-back/", views.rejoin, name="rejoin"),
]
