from django.urls import path

from defdays.badges import views

app_name = "badges"

urlpatterns = [
    path("orga/<year:year>/badges/", views.batches, name="batches"),
    path("orga/<year:year>/badges/<uuid:batch>/", views.batch, name="batch"),
    path("orga/<year:year>/badges/<uuid:batch>/badges.pdf", views.batch_pdf, name="batch_pdf"),
    path("orga/<year:year>/check-in/", views.check_in, name="check_in"),
    path("me/certificates/<uuid:uid>.pdf", views.certificate, name="certificate"),
]
