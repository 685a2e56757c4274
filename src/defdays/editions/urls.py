from django.urls import path

from defdays.editions import views

app_name = "editions"

urlpatterns = [
    path("", views.current_home, name="current"),
    path("archive/", views.archive, name="archive"),
    path("<year:year>/", views.edition_home, name="home"),
    path("orga/<year:year>/", views.orga_home, name="orga_home"),
    path("orga/<year:year>/edition/", views.orga_edition, name="orga_edition"),
    path("orga/<year:year>/edition/make-current/", views.orga_make_current, name="orga_make_current"),
    path("orga/new-edition/", views.create_edition, name="create"),
    path("orga/<year:year>/next-edition/", views.orga_next_edition, name="orga_next_edition"),
]
