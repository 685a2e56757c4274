from django.urls import path

from defdays.news import views

app_name = "news"

urlpatterns = [
    path("news/", views.index, name="index"),
    path("news/feed/", views.feed, name="feed"),
    path("news/tag/<slug:slug>/", views.tag, name="tag"),
    path("news/tag/<slug:slug>/feed/", views.tag_feed, name="tag_feed"),
    path("news/images/<uuid:uid>/", views.image, name="image"),
    path("news/<slug:slug>/", views.post, name="post"),
    path("orga/<year:year>/news/", views.orga_list, name="orga"),
    path("orga/<year:year>/news/new/", views.orga_edit, name="orga_new"),
    path("orga/<year:year>/news/<id:pk>/", views.orga_edit, name="orga_post"),
    path("orga/<year:year>/news/<id:pk>/preview/", views.orga_preview, name="orga_preview"),
    path("orga/<year:year>/news/<id:pk>/publish/", views.orga_publish, name="orga_publish"),
    path("orga/<year:year>/news/<id:pk>/unpublish/", views.orga_unpublish, name="orga_unpublish"),
    path("orga/<year:year>/news/<id:pk>/images/", views.orga_image, name="orga_image"),
]
