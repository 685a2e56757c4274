from django.urls import path

from defdays.reports import views

app_name = "reports"

urlpatterns = [
    # Public once published; before that, only for its authors and the organisers (404 for everyone else)
    path("<year:year>/award/report/", views.report_page, name="report"),
    path("<year:year>/award/report.pdf", views.report_pdf, name="report_pdf"),
    # Authors and organisers: drafts, versions, review comments
    path("me/report/<year:year>/", views.edit, name="edit"),
    path("me/report/<year:year>/versions/<id:number>/", views.version, name="version"),
    path("me/report/<year:year>/versions/<id:number>/comment/", views.comment, name="comment"),
    # Organisers: authorship and approval
    path("orga/<year:year>/report/", views.orga, name="orga"),
    path("orga/<year:year>/report/authors/<id:pk>/remove/", views.author_remove, name="author_remove"),
    path("orga/<year:year>/report/approve/", views.approve, name="approve"),
]
