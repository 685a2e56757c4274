from django.urls import path

from defdays.award import views

app_name = "award"

urlpatterns = [
    path("<year:year>/award/", views.award_page, name="award"),
    path("<year:year>/award/photo/", views.laureate_photo, name="photo"),
    path("<year:year>/award/nominate/", views.nominate_public, name="nominate"),
    path("<year:year>/award/nominate/thanks/", views.nominate_thanks, name="nominate_thanks"),
    path("<year:year>/award/nominate/<str:token>/", views.nominate_invited, name="nominate_invited"),
    path("laureates/", views.laureates, name="laureates"),
    # Jury and organisers
    path("orga/<year:year>/award/nominations/", views.nominations, name="nominations"),
    path("orga/<year:year>/award/nominations/<id:pk>/", views.nomination_detail, name="nomination"),
    path("orga/<year:year>/award/nominations/<id:pk>/files/<uuid:uid>/", views.nomination_file, name="file"),
    path("orga/<year:year>/award/nominations/<id:pk>/scores/", views.nomination_scores, name="scores"),
    path("orga/<year:year>/award/nominations/<id:pk>/notes/", views.nomination_notes, name="notes"),
    path("orga/<year:year>/award/nominations/<id:pk>/conflict/", views.declare_conflict, name="conflict"),
    path("orga/<year:year>/award/nominations/<id:pk>/shortlist/", views.orga_shortlist, name="shortlist"),
    # Organisers
    path("orga/<year:year>/award/", views.orga_award, name="orga"),
    path("orga/<year:year>/award/links/", views.orga_new_link, name="new_link"),
    path("orga/<year:year>/award/announce/", views.orga_announce, name="announce"),
    path("orga/<year:year>/award/ranking/", views.orga_ranking, name="ranking"),
    path("orga/<year:year>/award/decision/", views.orga_decide, name="decide"),
    path("orga/<year:year>/award/laureate/", views.orga_profile, name="profile"),
]
